import { describe, expect, it } from 'vitest';
import { createApiClient } from './api-client.js';
import { createFakeHost, makeAgent } from './fake-bridge.js';
import { createSessionStore, INITIAL_CONNECTION } from './session-store.js';

const online = { state: 'online' as const, pendingCount: 0, lastError: null, retryAt: null, resync: null };

function setup() {
  const host = createFakeHost();
  const session = createSessionStore(createApiClient(host.bridge, () => {}));
  return { host, session };
}

describe('session store', () => {
  it('shows the login when nobody is signed in', async () => {
    const { host, session } = setup();
    host.answer('session.get', () => ({ ok: true, value: { agent: null, presence: 'offline', connection: INITIAL_CONNECTION } }));
    await session.getState().load();
    expect(session.getState().status).toBe('signed-out');
  });

  it('says the host is unreachable when the first read fails, but keeps a known session on a later failure', async () => {
    const { host, session } = setup();
    host.answer('session.get', () => ({ ok: false, error: { code: 'unavailable', message: 'host away' } }));
    await session.getState().load();
    expect(session.getState()).toMatchObject({ status: 'unreachable', loadError: 'host away' });

    host.answer('session.get', () => ({ ok: true, value: { agent: makeAgent(), presence: 'available', connection: online } }));
    await session.getState().load();
    expect(session.getState()).toMatchObject({ status: 'signed-in', presence: 'available', connection: online, loadError: null });

    host.answer('session.get', () => ({ ok: false, error: { code: 'unavailable', message: 'host away' } }));
    await session.getState().load();
    expect(session.getState().status).toBe('signed-in');
  });

  it('asks for the code when the account has two-factor sign-in, then signs in with it', async () => {
    const { host, session } = setup();
    const sent: unknown[] = [];
    host.answer('session.login', (params) => {
      sent.push(params);
      return { ok: true, value: sent.length === 1 ? { agent: null, twoFactor: 'code_required' } : { agent: makeAgent(), twoFactor: null } };
    });
    host.answer('session.get', () => ({ ok: true, value: { agent: makeAgent(), presence: 'available', connection: online } }));
    await session.getState().login('mei@example.com', 'secret');
    expect(session.getState()).toMatchObject({ agent: null, twoFactorStep: 'code', loggingIn: false });
    await session.getState().login('mei@example.com', 'secret', '123456');
    expect(sent[1]).toEqual({ email: 'mei@example.com', password: 'secret', code: '123456' });
    expect(session.getState()).toMatchObject({ status: 'signed-in', twoFactorStep: null });
  });

  it('signs in, then reads presence and connection', async () => {
    const { host, session } = setup();
    host.answer('session.login', () => ({ ok: true, value: { agent: makeAgent(), twoFactor: null } }));
    host.answer('session.get', () => ({ ok: true, value: { agent: makeAgent(), presence: 'available', connection: online } }));
    await session.getState().login('mei@example.com', 'secret');
    expect(session.getState()).toMatchObject({ status: 'signed-in', presence: 'available', loggingIn: false, loginError: null });
    expect(host.callsOf('session.login')).toEqual([{ email: 'mei@example.com', password: 'secret' }]);
  });

  it('shows the host error message when sign-in fails', async () => {
    const { host, session } = setup();
    host.answer('session.login', () => ({ ok: false, error: { code: 'unauthorized', message: 'Wrong email or password.' } }));
    await session.getState().login('mei@example.com', 'nope');
    expect(session.getState()).toMatchObject({ status: 'loading', loggingIn: false, loginError: 'Wrong email or password.' });
  });

  it('sets presence from the answer and reports a refusal', async () => {
    const { host, session } = setup();
    host.answer('presence.set', ({ presence }) => ({ ok: true, value: { presence } }));
    await session.getState().setPresence('away');
    expect(session.getState().presence).toBe('away');
    host.answer('presence.set', () => ({ ok: false, error: { code: 'not_signed_in', message: 'Sign in first.' } }));
    await session.getState().setPresence('available');
    expect(session.getState()).toMatchObject({ presence: 'away', actionError: 'Sign in first.' });
  });

  it('signs out', async () => {
    const { host, session } = setup();
    session.getState().applyAgent(makeAgent());
    host.answer('session.logout', () => ({ ok: true, value: {} }));
    await session.getState().logout();
    expect(session.getState()).toMatchObject({ status: 'signed-out', agent: null });
  });

  it('signs out and wipes the device, or says why not and stays signed in', async () => {
    const { host, session } = setup();
    session.getState().applyAgent(makeAgent());
    host.answer('device.wipe', () => ({ ok: false, error: { code: 'unavailable', message: '2 replies are still waiting for the relay.' } }));
    await session.getState().wipeDevice();
    expect(session.getState()).toMatchObject({ status: 'signed-in', actionError: '2 replies are still waiting for the relay.' });
    host.answer('device.wipe', () => ({ ok: true, value: {} }));
    await session.getState().wipeDevice();
    expect(session.getState()).toMatchObject({ status: 'signed-out', agent: null, actionError: null });
  });
});
