import { SMTPServer } from 'smtp-server';

/** One mail a capturing server took: its envelope and its bytes as they arrived. */
export interface CapturedMail {
  from: string;
  to: string[];
  raw: Buffer;
}

/**
 * A real SMTP server on loopback standing in for the mailbox's provider: it takes any login,
 * keeps what it is given, and answers the next mails with the replies queued in `refuseNext`
 * (a 5xx or 4xx at DATA), as a provider's server would.
 */
export class CaptureSmtp {
  readonly mails: CapturedMail[] = [];
  readonly refusals: { code: number; text: string }[] = [];
  readonly logins: string[] = [];
  /** Logins refused (OAuth2 only: a token the provider does not hold active). */
  readonly refusedLogins: string[] = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  /**
   * `ownerOfToken`: take only XOAUTH2 logins, with an access token the provider says is active
   * and the user's. A refusal is 535 at once, as Microsoft 365 answers, or with `refuseAs: 'gmail'`
   * a 334 challenge carrying Google's JSON error first, then 535.
   */
  static async start(options: { ownerOfToken?: (accessToken: string) => string | null; refuseAs?: 'microsoft' | 'gmail' } = {}): Promise<CaptureSmtp> {
    let capture: CaptureSmtp | null = null;
    const { ownerOfToken, refuseAs = 'microsoft' } = options;
    const server = new SMTPServer({
      allowInsecureAuth: true,
      authMethods: ownerOfToken ? ['XOAUTH2'] : ['PLAIN', 'LOGIN'],
      logger: false,
      onAuth(auth, _session, callback) {
        if (ownerOfToken && (auth.method !== 'XOAUTH2' || !auth.accessToken || ownerOfToken(auth.accessToken) !== auth.username)) {
          capture?.refusedLogins.push(auth.username ?? '');
          if (refuseAs === 'gmail') return callback(null, { data: { status: '401', schemes: 'bearer', scope: 'https://mail.google.com/' } });
          return callback(Object.assign(new Error('5.7.3 Authentication unsuccessful'), { responseCode: 535 }));
        }
        capture?.logins.push(auth.username ?? '');
        callback(null, { user: auth.username });
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const refusal = capture?.refusals.shift();
          if (refusal) return callback(Object.assign(new Error(refusal.text), { responseCode: refusal.code }));
          capture?.mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.server.address();
    capture = new CaptureSmtp(server, typeof address === 'object' && address ? address.port : 0);
    return capture;
  }

  refuseNext(code: number, text: string): void {
    this.refusals.push({ code, text });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
