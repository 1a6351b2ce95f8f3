import { randomBytes } from 'node:crypto';
import { connectChannelAccount } from '../../src-relay/channels/channel-accounts.js';
import { ChannelRuntime } from '../../src-relay/channels/channel-runtime.js';
import { CredentialBox } from '../../src-relay/channels/credential-box.js';
import type { RelayCore } from '../../src-relay/relay-core.js';
import type { ChannelAccount } from '../../src-relay/storage/port/channels.js';

/** Acme's support mailbox as the tests connect it: SMTP out to `smtpPort` on loopback, direct delivery on. */
export function mailboxCredentials(smtpPort: number, over: Record<string, string> = {}): Record<string, string> {
  return {
    address: 'support@acme.test',
    fromName: 'Acme Support',
    smtpHost: '127.0.0.1',
    smtpPort: String(smtpPort),
    smtpSecurity: 'none',
    smtpUser: 'support@acme.test',
    smtpPassword: 'app-password-1234',
    directDelivery: 'on',
    ...over,
  };
}

/** Connects the mailbox for team A on `core`, sealed with a key of the test's own. */
export async function connectMailbox(core: RelayCore, credentials: Record<string, string>, secretsKey = randomBytes(32)): Promise<{ account: ChannelAccount; runtime: ChannelRuntime; secretsKey: Buffer }> {
  const runtime = new ChannelRuntime(CredentialBox.withKey(secretsKey));
  const connected = await connectChannelAccount(core, runtime, { tenantId: 'acme', provider: 'email', displayName: 'Acme support mail', teamId: 'team-a', credentials });
  if (!connected.ok) throw new Error(connected.message);
  return { account: connected.account, runtime, secretsKey };
}
