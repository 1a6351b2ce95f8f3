import { describe, expect, it } from 'vitest';
import type { ChannelAccountList, ChannelAccountView } from '../../src-shared/protocol/channels/accounts.js';
import { createApiClient } from '../state/api-client.js';
import { createFakeHost } from '../state/fake-bridge.js';
import { providerChoices, webhookAddress } from './channel-account-choices.js';
import { createChannelAccountsStore } from './channel-accounts-store.js';

const ACCOUNT: ChannelAccountView = {
  id: 'acc-1',
  provider: 'telegram',
  displayName: 'Acme bot',
  teamId: 'team-a',
  webhookPath: '/channels/telegram/tok',
  webhookUrl: 'https://relay.example.com/channels/telegram/tok',
  status: 'connected',
  disconnectedAt: null,
  createdAt: 5,
};
const LIST: ChannelAccountList = { accounts: [ACCOUNT], providers: [{ provider: 'telegram', name: 'Telegram', canTest: true }], publicUrl: 'https://relay.example.com' };

function setup() {
  const host = createFakeHost();
  let list = LIST;
  host.answer('channelAccounts.list', () => ({ ok: true, value: list }));
  const store = createChannelAccountsStore(createApiClient(host.bridge, () => {}));
  return { host, store, setList: (next: ChannelAccountList) => (list = next) };
}

describe('messaging accounts store', () => {
  it('reads the list, and reads it again after each change the relay takes', async () => {
    const { host, store, setList } = setup();
    await store.getState().load();
    expect(store.getState().list).toEqual(LIST);
    host.answer('channelAccounts.update', () => ({ ok: true, value: { account: { ...ACCOUNT, teamId: 'team-b' } } }));
    setList({ ...LIST, accounts: [{ ...ACCOUNT, teamId: 'team-b' }] });
    expect(await store.getState().update('acc-1', { teamId: 'team-b' })).toBeNull();
    expect(host.callsOf('channelAccounts.update')).toEqual([{ accountId: 'acc-1', change: { teamId: 'team-b' } }]);
    expect(store.getState().list?.accounts[0]?.teamId).toBe('team-b');
    expect(host.callsOf('channelAccounts.list')).toHaveLength(2);
  });

  it("hands back the relay's refusal word for word and keeps the list as it was", async () => {
    const { host, store } = setup();
    await store.getState().load();
    host.answer('channelAccounts.connect', () => ({ ok: false, error: { code: 'bad_request', message: 'These Telegram credentials are not complete: botToken: Required' } }));
    const refusal = await store.getState().connect({ provider: 'telegram', displayName: 'X', teamId: 'team-a', credentials: {} });
    expect(refusal).toBe('These Telegram credentials are not complete: botToken: Required');
    expect(host.callsOf('channelAccounts.list')).toHaveLength(1);
  });

  it("shows a test under way, then the provider's answer, and forgets it once the account is disconnected", async () => {
    const { host, store } = setup();
    let answer: (value: { ok: true; accountName: string }) => void = () => {};
    host.answer('channelAccounts.test', () => new Promise((resolve) => (answer = (value) => resolve({ ok: true, value }))));
    const testing = store.getState().test('acc-1');
    expect(store.getState().tests['acc-1']).toEqual({ state: 'testing' });
    answer({ ok: true, accountName: '@acme_bot (Acme)' });
    await testing;
    expect(store.getState().tests['acc-1']).toEqual({ state: 'done', ok: true, accountName: '@acme_bot (Acme)' });
    host.answer('channelAccounts.disconnect', () => ({ ok: true, value: { account: { ...ACCOUNT, status: 'disconnected', disconnectedAt: 9 } } }));
    expect(await store.getState().disconnect('acc-1')).toBeNull();
    expect(store.getState().tests).toEqual({});
  });

  it('turns a failed call into a failed test with its reason', async () => {
    const { host, store } = setup();
    host.answer('channelAccounts.test', () => ({ ok: false, error: { code: 'unavailable', message: 'The change needs the relay, which cannot be reached.' } }));
    await store.getState().test('acc-1');
    expect(store.getState().tests['acc-1']).toEqual({ state: 'done', ok: false, error: 'The change needs the relay, which cannot be reached.' });
  });
});

describe('messaging app choices', () => {
  it('offers an app when the relay connects it and the desk has its form; the rest are not yet available', () => {
    const forms = { telegram: { docsSection: 'Telegram', fields: [] }, line: { docsSection: 'LINE', fields: [] } };
    const providers = [
      { provider: 'telegram' as const, name: 'Telegram', canTest: true },
      { provider: 'viber' as const, name: 'Viber', canTest: false },
    ];
    const choices = providerChoices({ providers }, forms);
    expect(choices.map((c) => c.provider)).toEqual(['email', 'whatsapp', 'telegram', 'messenger', 'instagram', 'line', 'sms', 'wechat', 'viber']);
    expect(choices.filter((c) => c.available).map((c) => [c.provider, c.canTest])).toEqual([['telegram', true]]);
    // LINE has a form but no adapter at this relay; Viber an adapter but no form on this desk.
    expect(choices.find((c) => c.provider === 'line')).toMatchObject({ available: false });
    expect(choices.find((c) => c.provider === 'viber')).toMatchObject({ available: false, form: null });
  });

  it('shows the full webhook URL when the relay knows its public address, else the path', () => {
    expect(webhookAddress(ACCOUNT)).toEqual({ text: 'https://relay.example.com/channels/telegram/tok', full: true });
    expect(webhookAddress({ ...ACCOUNT, webhookUrl: null })).toEqual({ text: '/channels/telegram/tok', full: false });
  });
});
