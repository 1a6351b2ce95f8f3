import type { ChannelRuntime } from '../channels/channel-runtime.js';
import { EmailCredentials } from '../channels/email/email-credentials.js';
import type { RelayCore } from '../relay-core.js';
import type { ChannelAccount } from '../storage/port/channels.js';

/** How long the address book of connected mailboxes is trusted before it is read again. */
const REFRESH_MS = 30_000;
/** An unknown address reads it again at most this often: random recipients cannot make every RCPT read every account. */
const MISS_REFRESH_MS = 2_000;

/**
 * The relay's connected mailboxes by address. Their addresses sit in the sealed credentials, so
 * the book is made by opening them (ChannelRuntime caches the opened ones) and read again when
 * it is older than REFRESH_MS, or MISS_REFRESH_MS when an address is missing: a mailbox connected
 * a moment ago is found within seconds.
 */
export class EmailMailboxes {
  private book = new Map<string, { account: ChannelAccount; credentials: EmailCredentials }>();
  private readAt = -Infinity;

  constructor(
    private readonly core: RelayCore,
    readonly runtime: ChannelRuntime,
  ) {}

  /** The opened credentials of an email account; null for another provider's or a disconnected one. */
  credentialsOf(account: ChannelAccount): EmailCredentials | null {
    const adapter = this.runtime.adapterOf('email');
    if (!adapter || account.provider !== 'email' || account.disconnectedAt) return null;
    return EmailCredentials.parse(this.runtime.credentialsOf(adapter, account));
  }

  /** The connected mailbox with direct delivery on at this address (lower case), or null. */
  async directDeliveryTo(address: string): Promise<{ account: ChannelAccount; credentials: EmailCredentials } | null> {
    const key = address.toLowerCase();
    const age = this.core.now() - this.readAt;
    if (age >= REFRESH_MS || (!this.book.has(key) && age >= MISS_REFRESH_MS)) await this.read();
    const found = this.book.get(key);
    return found && found.credentials.directDelivery === 'on' ? found : null;
  }

  private async read(): Promise<void> {
    const book = new Map<string, { account: ChannelAccount; credentials: EmailCredentials }>();
    for (const tenant of await this.core.store.accounts.listTenants()) {
      for (const account of await this.core.store.channels.listAccounts(tenant.id)) {
        try {
          const credentials = this.credentialsOf(account);
          if (credentials) book.set(credentials.address, { account, credentials });
        } catch (error) {
          this.core.reportError('email mailbox credentials', error);
        }
      }
    }
    this.book = book;
    this.readAt = this.core.now();
  }
}

const MAILBOXES = new WeakMap<RelayCore, EmailMailboxes>();

/** Makes the mailboxes known to receiveEmail for this relay (server.ts, once its ChannelRuntime exists). */
export function attachMailboxes(core: RelayCore, runtime: ChannelRuntime): EmailMailboxes {
  const mailboxes = new EmailMailboxes(core, runtime);
  MAILBOXES.set(core, mailboxes);
  return mailboxes;
}

export function mailboxesOf(core: RelayCore): EmailMailboxes {
  const mailboxes = MAILBOXES.get(core);
  if (!mailboxes) throw new Error('The relay was started without its email mailboxes (attachMailboxes).');
  return mailboxes;
}
