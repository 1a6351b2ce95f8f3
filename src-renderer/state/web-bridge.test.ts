import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWebBridge, type HostSocket } from './web-bridge.js';

class FakeSocket implements HostSocket {
  sent: unknown[] = [];
  closed = false;
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((message: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {}
  send(frame: string): void {
    this.sent.push(JSON.parse(frame));
  }
  close(): void {
    this.closed = true;
  }
  open(): void {
    this.onopen?.();
  }
  drop(): void {
    this.onclose?.();
  }
  deliver(frame: unknown): void {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }
}

function setup(options: { waitForHostMs?: number; warn?: (message: string) => void } = {}) {
  const sockets: FakeSocket[] = [];
  const bridge = createWebBridge({
    url: 'ws://127.0.0.1:5000/api?key=k',
    openSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    backoffMs: [100, 200],
    warn: () => {},
    ...options,
  });
  const latest = (): FakeSocket => {
    const socket = sockets.at(-1);
    if (!socket) throw new Error('no socket opened');
    return socket;
  };
  return { bridge, sockets, latest };
}

describe('web bridge', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends a request frame and resolves with the matching result', async () => {
    const { bridge, latest } = setup();
    latest().open();
    const answer = bridge.invoke('session.get', {});
    await vi.advanceTimersByTimeAsync(0);
    expect(latest().sent).toEqual([{ type: 'request', id: 1, method: 'session.get', params: {} }]);
    latest().deliver({ type: 'result', id: 99, result: { ok: true, value: 'not mine' } });
    latest().deliver({ type: 'result', id: 1, result: { ok: false, error: { code: 'not_signed_in', message: 'Sign in first.' } } });
    expect(await answer).toEqual({ ok: false, error: { code: 'not_signed_in', message: 'Sign in first.' } });
  });

  it('holds a call until the socket opens', async () => {
    const { bridge, latest } = setup();
    const answer = bridge.invoke('session.logout', {});
    await vi.advanceTimersByTimeAsync(500);
    expect(latest().sent).toEqual([]);
    latest().open();
    await vi.advanceTimersByTimeAsync(0);
    latest().deliver({ type: 'result', id: 1, result: { ok: true, value: {} } });
    expect(await answer).toEqual({ ok: true, value: {} });
  });

  it('fails a call as unavailable when the host stays away', async () => {
    const { bridge } = setup({ waitForHostMs: 1000 });
    const answer = bridge.invoke('session.get', {});
    await vi.advanceTimersByTimeAsync(1000);
    const result = await answer;
    expect(!result.ok && result.error.code).toBe('unavailable');
  });

  it('fails calls in flight when the socket drops, reconnects with back-off and reports the reconnect', async () => {
    const { bridge, sockets, latest } = setup();
    const link = vi.fn();
    bridge.onLink(link);
    latest().open();
    expect(link).not.toHaveBeenCalled();
    const answer = bridge.invoke('session.get', {});
    await vi.advanceTimersByTimeAsync(0);
    latest().drop();
    const result = await answer;
    expect(!result.ok && result.error.code).toBe('unavailable');

    await vi.advanceTimersByTimeAsync(99);
    expect(sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(2);
    latest().drop();
    await vi.advanceTimersByTimeAsync(199);
    expect(sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(3);
    latest().open();
    // Down once (the failed attempt in between never opened), then up once.
    expect(link.mock.calls).toEqual([[false], [true]]);
  });

  it('reports the link as up when the host arrives after a failed first attempt', async () => {
    const { bridge, latest } = setup();
    const link = vi.fn();
    bridge.onLink(link);
    latest().drop();
    await vi.advanceTimersByTimeAsync(100);
    expect(link).not.toHaveBeenCalled();
    latest().open();
    expect(link.mock.calls).toEqual([[true]]);
  });

  it('passes event payloads to the listeners of that event only', async () => {
    const warn = vi.fn();
    const { bridge, latest } = setup({ warn });
    latest().open();
    const messages = vi.fn();
    const presence = vi.fn();
    bridge.on('messages.changed', messages);
    const stop = bridge.on('presence.changed', presence);
    latest().deliver({ type: 'event', event: 'presence.changed', payload: { presence: 'away' } });
    latest().deliver('not json');
    latest().deliver({ type: 'mystery' });
    stop();
    latest().deliver({ type: 'event', event: 'presence.changed', payload: { presence: 'available' } });
    expect(presence).toHaveBeenCalledExactlyOnceWith({ presence: 'away' });
    expect(messages).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('stops reconnecting once closed', async () => {
    const { bridge, sockets, latest } = setup();
    latest().open();
    bridge.close();
    expect(latest().closed).toBe(true);
    latest().drop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sockets).toHaveLength(1);
  });
});
