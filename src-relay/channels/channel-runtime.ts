import type { FileStore } from '../files/file-store.js';
import type { ChannelAccount } from '../storage/port/channels.js';
import type { CredentialBox } from './credential-box.js';
import type { ChannelAdapter, ProviderApi } from './port/channel-adapter.js';
import { CHANNEL_ADAPTERS } from './registry.js';

/** How the relay reaches the providers and paces its sends; the defaults suit production. */
export interface ChannelSettings {
  /** Per provider ('whatsapp', 'telegram', ...): another API address, such as a test's fake. */
  apiBaseUrls?: Partial<Record<string, string>>;
  /** A provider call that has not answered in this time is given up and tried again later; default 10 s. */
  timeoutMs?: number;
  /** How often each tenant's due sends go out, and its customers' files due are fetched; default 250 ms. */
  sendIntervalMs?: number;
  /** The wait after the first failed attempt, doubled after each; default 2 s, at most `retryMaxMs` (5 min). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Attempts before a reply that keeps failing is reported as not delivered; default 10. */
  maxAttempts?: number;
  /**
   * The relay's address as the providers call it (RELAY_PUBLIC_URL, e.g. https://relay.example.com):
   * what Twilio and WeChat sign with the request, and the webhook URL administrators are shown.
   * Without it, the request's own Host.
   */
  publicUrl?: string;
  /** How often each account's approved templates are fetched again from the provider; default an hour. */
  templateRefreshMs?: number;
}

/** The adapters, their API addresses and the accounts' opened credentials, as the route and the send queue use them. */
export class ChannelRuntime {
  private readonly byProvider = new Map(CHANNEL_ADAPTERS.map((adapter) => [adapter.provider as string, adapter]));
  /** Opened credentials by account, with the sealed text they came from (an account's credentials may be replaced). */
  private readonly opened = new Map<string, { sealed: string; credentials: unknown }>();

  constructor(
    readonly box: CredentialBox,
    readonly settings: ChannelSettings = {},
    /** Attachments' bytes: users' files kept as they arrive, agents' read to send. */
    readonly files?: FileStore,
  ) {}

  /** Every adapter the relay has, in the registry's order. */
  adapters(): ChannelAdapter[] {
    return [...this.byProvider.values()];
  }

  adapterOf(provider: string): ChannelAdapter | null {
    return this.byProvider.get(provider) ?? null;
  }

  apiOf(adapter: ChannelAdapter): ProviderApi {
    return { baseUrl: this.settings.apiBaseUrls?.[adapter.provider] ?? adapter.defaultApiBaseUrl, timeoutMs: this.settings.timeoutMs ?? 10_000 };
  }

  /** Drops an account's opened credentials (it was disconnected). */
  forget(accountId: string): void {
    this.opened.delete(accountId);
  }

  /** The account's credentials, opened and checked by its adapter's schema. */
  credentialsOf(adapter: ChannelAdapter, account: ChannelAccount): unknown {
    const cached = this.opened.get(account.id);
    if (cached?.sealed === account.sealedCredentials) return cached.credentials;
    const credentials = adapter.credentials.parse(this.box.open(account.sealedCredentials, account.id));
    this.opened.set(account.id, { sealed: account.sealedCredentials, credentials });
    return credentials;
  }
}
