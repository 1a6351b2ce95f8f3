import { z } from 'zod';
import { Id } from '../domain/model.js';
import { ChannelAccountChange, ChannelAccountList, ChannelAccountView, ChannelConnectionCheck, NewChannelAccountRequest } from '../protocol/channels/accounts.js';
import { TemplateRefreshAnswer } from '../protocol/channels/templates.js';
import { Empty } from './method-shapes.js';

const Account = z.object({ account: ChannelAccountView });
const AccountId = z.object({ accountId: Id }).strict();

/**
 * Administrators: the company's messaging-app accounts, straight from the relay (online only).
 * Credentials go to the relay and never come back.
 */
export const channelAccountsMethods = {
  /** The accounts with their webhook addresses, the providers the relay connects, and its public address. */
  'channelAccounts.list': { input: Empty, output: ChannelAccountList },
  'channelAccounts.connect': { input: NewChannelAccountRequest, output: Account },
  /** Another name or team, or new credentials (fields left out keep their stored values). */
  'channelAccounts.update': { input: z.object({ accountId: Id, change: ChannelAccountChange }).strict(), output: Account },
  /** Webhooks stop, queued replies are not delivered, the history stays. */
  'channelAccounts.disconnect': { input: AccountId, output: Account },
  /** One harmless call to the provider with the stored credentials: who it says the account is, or why it refused. */
  'channelAccounts.test': { input: AccountId, output: ChannelConnectionCheck },
  /** The account's approved message templates fetched from the provider now (WhatsApp Manager): how many, or why the provider refused. */
  'channelAccounts.refreshTemplates': { input: AccountId, output: TemplateRefreshAnswer },
} as const;
