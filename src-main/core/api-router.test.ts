import { describe, expect, it, vi } from 'vitest';
import { ApiFailure, createApiRouter, type ApiHandlers } from './api-router.js';

function handlers(overrides: Partial<ApiHandlers> = {}): ApiHandlers {
  const unused = async (): Promise<never> => {
    throw new Error('not expected in this test');
  };
  const base = Object.fromEntries(
    ['session.login', 'session.logout', 'session.get', 'conversations.list', 'conversations.get', 'conversations.reply', 'conversations.setStatus', 'presence.set', 'messages.search'].map((m) => [m, unused]),
  ) as unknown as ApiHandlers;
  return { ...base, ...overrides };
}

describe('createApiRouter', () => {
  it('rejects an unknown method without calling anything', async () => {
    const router = createApiRouter(handlers());
    const result = await router.handle('fs.readFile', { path: '/etc/passwd' });
    expect(result).toEqual({ ok: false, error: { code: 'unknown_method', message: expect.stringContaining('fs.readFile') } });
  });

  it('rejects prototype keys as methods', async () => {
    const router = createApiRouter(handlers());
    expect((await router.handle('constructor', {})).ok).toBe(false);
    expect((await router.handle('__proto__', {})).ok).toBe(false);
  });

  it('parses params with the contract and applies defaults', async () => {
    const list = vi.fn(async () => ({ items: [], nextCursor: null }));
    const router = createApiRouter(handlers({ 'conversations.list': list }));
    const result = await router.handle('conversations.list', {});
    expect(result).toEqual({ ok: true, value: { items: [], nextCursor: null } });
    expect(list).toHaveBeenCalledWith({ status: 'all', cursor: null, limit: 50 });
  });

  it('answers bad params with bad_request and does not call the handler', async () => {
    const reply = vi.fn();
    const router = createApiRouter(handlers({ 'conversations.reply': reply }));
    const blank = await router.handle('conversations.reply', { conversationId: 'c1', body: '   ' });
    const extra = await router.handle('conversations.reply', { conversationId: 'c1', body: 'hi', sql: 'drop table' });
    expect(blank).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(extra).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(reply).not.toHaveBeenCalled();
  });

  it('turns ApiFailure into its code and other errors into internal', async () => {
    const log = vi.fn();
    const router = createApiRouter(
      handlers({
        'session.logout': async () => {
          throw new ApiFailure('not_signed_in', 'Sign in first.');
        },
        'session.get': async () => {
          throw new Error('disk on fire');
        },
      }),
      log,
    );
    expect(await router.handle('session.logout', {})).toEqual({ ok: false, error: { code: 'not_signed_in', message: 'Sign in first.' } });
    const internal = await router.handle('session.get', {});
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(internal)).not.toContain('disk on fire');
    expect(log).toHaveBeenCalledOnce();
  });
});
