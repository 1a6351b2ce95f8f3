import { describe, expect, it, vi } from 'vitest';
import type { Connection } from '../../src-shared/api/contract.js';
import type { Agent } from '../../src-shared/domain/model.js';
import { ApiFailure, createApiRouter, type ApiHandlers } from '../core/api-router.js';
import { stubHandlers } from '../core/testing/stub-handlers.js';
import { parseDemoLogin, signInDemoAgent } from './demo-login.js';

const mei: Agent = { id: 'a1', tenantId: 't1', email: 'mei@demo.test', name: 'Mei', role: 'agent', language: 'en', teamIds: [] };
const connection: Connection = { state: 'signed-out', pendingCount: 0, lastError: null, retryAt: null, resync: null };

function handlers(agent: Agent | null, login: ApiHandlers['session.login']): ApiHandlers {
  return stubHandlers({
    'session.login': login,
    'session.get': async () => ({ agent, presence: 'offline', connection }),
  });
}

describe('parseDemoLogin', () => {
  it('splits at the first colon', () => {
    expect(parseDemoLogin('mei@demo.test:demo1234')).toEqual({ email: 'mei@demo.test', password: 'demo1234' });
    expect(parseDemoLogin('mei@demo.test:pa:ss')).toEqual({ email: 'mei@demo.test', password: 'pa:ss' });
  });

  it('ignores an unset or malformed value', () => {
    expect(parseDemoLogin(undefined)).toBeNull();
    expect(parseDemoLogin('')).toBeNull();
    expect(parseDemoLogin('mei@demo.test')).toBeNull();
    expect(parseDemoLogin(':demo1234')).toBeNull();
    expect(parseDemoLogin('mei@demo.test:')).toBeNull();
  });
});

describe('signInDemoAgent', () => {
  const login = { email: 'mei@demo.test', password: 'demo1234' };

  it('signs in when nobody is signed in', async () => {
    const signIn = vi.fn(async () => ({ agent: mei, twoFactor: null }));
    const say = vi.fn();
    await signInDemoAgent(createApiRouter(handlers(null, signIn)), login, say);
    expect(signIn).toHaveBeenCalledWith(login);
    expect(say).toHaveBeenCalledWith('Signed in as mei@demo.test.');
  });

  it('leaves a signed-in agent alone', async () => {
    const signIn = vi.fn(async () => ({ agent: mei, twoFactor: null }));
    const say = vi.fn();
    await signInDemoAgent(createApiRouter(handlers({ ...mei, email: 'lucia@demo.test' }, signIn)), login, say);
    expect(signIn).not.toHaveBeenCalled();
    expect(say).toHaveBeenCalledWith('Already signed in as lucia@demo.test.');
  });

  it('keeps going offline when the relay cannot be reached', async () => {
    const signIn = vi.fn(async (): Promise<never> => {
      throw new ApiFailure('unavailable', 'The relay at http://127.0.0.1:8787 is not reachable.');
    });
    const say = vi.fn();
    await expect(signInDemoAgent(createApiRouter(handlers(null, signIn)), login, say)).resolves.toBeUndefined();
    expect(say).toHaveBeenCalledWith(expect.stringMatching(/Could not sign in as mei@demo.test \(The relay .* not reachable\.\)\. Continuing offline/));
  });
});
