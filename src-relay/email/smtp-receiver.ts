import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { RelayCore } from '../relay-core.js';
import type { ChannelAccount } from '../storage/port/channels.js';
import { mailParsers, type MailParserPool } from './mail-parser-pool.js';
import type { EmailMailboxes } from './mailboxes.js';
import { receiveEmail } from './receive-email.js';

/** The receiver's settings (RELAY_SMTP_PORT, RELAY_SMTP_HOST, RELAY_SMTP_MAX_BYTES). */
export interface SmtpReceiverSettings {
  port: number;
  /** Default 0.0.0.0: an MX is reached from outside. */
  host?: string;
  /** Largest mail taken, announced in EHLO SIZE; default 25 MB. */
  maxBytes?: number;
  /** The name given in the greeting; default the host name. */
  name?: string;
  /**
   * The certificate STARTTLS offers (RELAY_SMTP_TLS_KEY, RELAY_SMTP_TLS_CERT: PEM files), for the
   * MX's host name. Without one, smtp-server's own self-signed certificate still encrypts against
   * eavesdropping, but proves nothing.
   */
  tls?: { key: Buffer; cert: Buffer };
}

export interface SmtpReceiver {
  port: number;
  close(): Promise<void>;
}

/**
 * Direct delivery: the relay's own SMTP server, for an MX or a forwarding rule pointed at it
 * (docs/email.md). It takes mail only for connected mailboxes with direct delivery on and
 * refuses any other recipient at RCPT with the same 550, whether or not the address is known
 * elsewhere, so nobody learns which addresses exist. No login: it is a receiving MX, not a relay
 * for sending. A mail is answered 250 once stored (or known), 451 when storing failed so the
 * sender tries again later, and 554 when it cannot be read (mail-parser-pool.ts): taken and then
 * dropped, it would be lost without anyone knowing; refused, the sender's server tells the sender.
 */
export async function startSmtpReceiver(core: RelayCore, mailboxes: EmailMailboxes, settings: SmtpReceiverSettings, parsers: MailParserPool = mailParsers): Promise<SmtpReceiver> {
  const server = new SMTPServer({
    name: settings.name,
    ...(settings.tls ? { key: settings.tls.key, cert: settings.tls.cert } : {}),
    size: settings.maxBytes ?? 25 * 1024 * 1024,
    // An open port on the internet: a bounded number of senders at once, and none left idle.
    maxClients: 200,
    socketTimeout: 60_000,
    authOptional: true,
    disabledCommands: ['AUTH'],
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (error?: Error | null) => void) {
      void mailboxes.directDeliveryTo(address.address).then(
        (found) => {
          callback(found ? null : smtpError('No such mailbox here', 550));
        },
        (error: unknown) => {
          core.reportError('smtp receiver rcpt', error);
          callback(smtpError('Try again later', 451));
        },
      );
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) {
      void (async () => {
        try {
          const raw = await readAll(stream);
          if (stream.sizeExceeded) return callback(smtpError('Message too large', 552));
          for (const account of await accountsOf(mailboxes, session)) {
            const receipt = await receiveEmail(core, account, raw, parsers);
            // The same bytes for every recipient: unreadable for one, unreadable for all.
            if (receipt.outcome === 'dropped' && receipt.reason === 'unreadable') return callback(smtpError(`${receipt.detail} It was not delivered.`, 554));
          }
          callback();
        } catch (error) {
          core.reportError('smtp receiver data', error);
          callback(smtpError('Could not store the message now, try again later', 451));
        }
      })();
    },
  });
  server.on('error', (error) => core.reportError('smtp receiver', error));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  const port = address && typeof address === 'object' ? address.port : settings.port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The mailboxes of this transaction's accepted recipients (the envelope, which RSET clears), each once. */
async function accountsOf(mailboxes: EmailMailboxes, session: SMTPServerSession): Promise<ChannelAccount[]> {
  const accounts = new Map<string, ChannelAccount>();
  for (const recipient of session.envelope.rcptTo) {
    const found = await mailboxes.directDeliveryTo(recipient.address);
    if (found) accounts.set(found.account.id, found.account);
  }
  return [...accounts.values()];
}

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

async function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
