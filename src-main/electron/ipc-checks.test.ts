import { describe, expect, it, vi } from 'vitest';
import { createApiRouter, type ApiHandlers } from '../core/api-router.js';
import { APP_ORIGIN } from './app-url.js';
import { createInvokeHandler, isTrustedSender, type FrameLike, type InvokeEventLike } from './ipc-checks.js';

const contents = { id: 1 };
const expected = { contents, origin: APP_ORIGIN };
const mainFrame: FrameLike = { url: 'app://workstation/index.html', parent: null };
const event = (overrides: Partial<InvokeEventLike> = {}): InvokeEventLike => ({ sender: contents, senderFrame: mainFrame, ...overrides });

describe('isTrustedSender', () => {
  it('trusts the main frame of our window on our origin', () => {
    expect(isTrustedSender(event(), expected)).toBe(true);
  });

  it('rejects a frame on another origin', () => {
    for (const url of ['https://evil.example/', 'app://other/index.html', 'file:///index.html', 'about:blank', '']) {
      expect(isTrustedSender(event({ senderFrame: { url, parent: null } }), expected), url).toBe(false);
    }
  });

  it('rejects a subframe, even on our origin', () => {
    expect(isTrustedSender(event({ senderFrame: { url: mainFrame.url, parent: mainFrame } }), expected)).toBe(false);
  });

  it('rejects a missing frame', () => {
    expect(isTrustedSender(event({ senderFrame: null }), expected)).toBe(false);
  });

  it('rejects another window', () => {
    expect(isTrustedSender(event({ sender: { id: 2 } }), expected)).toBe(false);
  });

  it('rejects a frame that throws when read (destroyed)', () => {
    const destroyed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
    };
    expect(isTrustedSender(event({ senderFrame: destroyed }), expected)).toBe(false);
  });
});

describe('createInvokeHandler', () => {
  function router(setPresence = vi.fn(async ({ presence }: { presence: 'available' | 'away' }) => ({ presence }))) {
    const handlers = { 'presence.set': setPresence } as unknown as ApiHandlers;
    return { setPresence, router: createApiRouter(handlers, () => {}) };
  }
  const handler = (trusted: boolean) => {
    const parts = router();
    return { ...parts, invoke: createInvokeHandler(parts.router, () => trusted) };
  };

  it('answers a good call from a trusted sender', async () => {
    const { invoke, setPresence } = handler(true);
    expect(await invoke(event(), 'presence.set', { presence: 'away' })).toEqual({ ok: true, value: { presence: 'away' } });
    expect(setPresence).toHaveBeenCalledWith({ presence: 'away' });
  });

  it('refuses an untrusted sender without calling the core', async () => {
    const { invoke, setPresence } = handler(false);
    expect(await invoke(event(), 'presence.set', { presence: 'away' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(setPresence).not.toHaveBeenCalled();
  });

  it('refuses an unknown method', async () => {
    const { invoke } = handler(true);
    expect(await invoke(event(), 'shell.exec', { command: 'rm -rf /' })).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await invoke(event(), undefined, undefined)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('refuses bad params', async () => {
    const { invoke, setPresence } = handler(true);
    expect(await invoke(event(), 'presence.set', { presence: 'offline' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(setPresence).not.toHaveBeenCalled();
  });

  it('passes the real event to the check', async () => {
    const isTrusted = vi.fn((e: InvokeEventLike) => isTrustedSender(e, expected));
    const invoke = createInvokeHandler(router().router, isTrusted);
    const foreign = event({ senderFrame: { url: 'https://evil.example/', parent: null } });
    expect(await invoke(foreign, 'presence.set', { presence: 'away' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(isTrusted).toHaveBeenCalledWith(foreign);
  });
});
