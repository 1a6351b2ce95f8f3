import { CHANNELS, type Channel } from '../../src-shared/domain/model.js';
import { CHANNEL_ACCOUNT_FORMS, type ChannelAccountForm } from '../../src-shared/protocol/channels/account-forms.js';
import type { ChannelAccountList } from '../../src-shared/protocol/channels/accounts.js';

/** Channels not connected through an account here: the web chat is the relay's own, calls have their phone settings. A team mailbox is (docs/email.md). */
const NOT_MESSAGING_APPS: readonly Channel[] = ['webchat', 'voice'];

export interface ProviderChoice {
  provider: Channel;
  /** The relay connects it and the desk has its form. */
  available: boolean;
  canTest: boolean;
  form: ChannelAccountForm | null;
}

/**
 * Every messaging app, in the catalogue's order: available when this relay has its adapter and
 * this desk knows its credential fields; the others are shown as not yet available.
 */
export function providerChoices(list: Pick<ChannelAccountList, 'providers'>, forms: Partial<Record<Channel, ChannelAccountForm>> = CHANNEL_ACCOUNT_FORMS): ProviderChoice[] {
  return CHANNELS.filter((channel) => !NOT_MESSAGING_APPS.includes(channel)).map((provider) => {
    const relay = list.providers.find((p) => p.provider === provider);
    const form = forms[provider] ?? null;
    return { provider, available: relay !== undefined && form !== null, canTest: relay?.canTest ?? false, form };
  });
}

/** The address to paste into the provider's console: the full URL when the relay knows its public address, else the path. */
export function webhookAddress(account: { webhookUrl: string | null; webhookPath: string }): { text: string; full: boolean } {
  return account.webhookUrl ? { text: account.webhookUrl, full: true } : { text: account.webhookPath, full: false };
}
