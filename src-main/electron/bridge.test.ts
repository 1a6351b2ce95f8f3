import { describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type ApiEventFrame, type EventName, type MethodName } from '../../src-shared/api/contract.js';
import { createBridge, type RendererIpc } from './bridge.js';

type Listener = (event: unknown, frame: ApiEventFrame) => void;

/** A stand-in for ipcRenderer that records calls and lets the test push event frames. */
function fakeIpc() {
  const listeners = new Set<Listener>();
  const ipc = {
    invoke: vi.fn(async () => ({ ok: true, value: { presence: 'away' } })),
    on: vi.fn((channel: string, listener: Listener) => {
      if (channel === IPC_EVENT_CHANNEL) listeners.add(listener);
    }),
    removeListener: vi.fn((_channel: string, listener: Listener) => listeners.delete(listener)),
  } satisfies RendererIpc;
  const push = (frame: ApiEventFrame) => {
    for (const listener of listeners) listener({ senderId: 0, ports: [] }, frame);
  };
  return { ipc, listeners, push };
}

describe('createBridge', () => {
  it('invokes known methods over the invoke channel', async () => {
    const { ipc } = fakeIpc();
    const bridge = createBridge(ipc);
    expect(await bridge.invoke('presence.set', { presence: 'away' })).toEqual({ ok: true, value: { presence: 'away' } });
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_INVOKE_CHANNEL, 'presence.set', { presence: 'away' });
  });

  it('answers unknown methods itself without touching ipc', async () => {
    const { ipc } = fakeIpc();
    const bridge = createBridge(ipc);
    const result = await bridge.invoke('fs.readFile' as MethodName, {} as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('delivers only the subscribed event, with the payload alone', () => {
    const { ipc, push } = fakeIpc();
    const listener = vi.fn();
    createBridge(ipc).on('presence.changed', listener);
    push({ type: 'event', event: 'connection.changed', payload: { state: 'offline' } });
    push({ type: 'event', event: 'presence.changed', payload: { presence: 'away' } });
    expect(listener.mock.calls).toEqual([[{ presence: 'away' }]]);
  });

  it('unsubscribes', () => {
    const { ipc, listeners, push } = fakeIpc();
    const listener = vi.fn();
    const off = createBridge(ipc).on('presence.changed', listener);
    off();
    push({ type: 'event', event: 'presence.changed', payload: { presence: 'away' } });
    expect(listener).not.toHaveBeenCalled();
    expect(listeners.size).toBe(0);
  });

  it('refuses unknown events', () => {
    const { ipc } = fakeIpc();
    expect(() => createBridge(ipc).on('ipc.raw' as EventName, () => {})).toThrow(/Unknown workstation event/);
    expect(ipc.on).not.toHaveBeenCalled();
  });
});
