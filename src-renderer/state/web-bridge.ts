import { z } from 'zod';
import {
  ApiError,
  type ApiRequestFrame,
  type ApiResult,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from '../../src-shared/api/contract.js';
import type { ReconnectingBridge } from './api-client.js';

/** The part of the browser's WebSocket the bridge uses, so tests can hand in a fake. */
export interface HostSocket {
  send(frame: string): void;
  close(): void;
  onopen: (() => void) | null;
  onclose: (() => void) | null;
  onerror: (() => void) | null;
  onmessage: ((message: { data: unknown }) => void) | null;
}

export interface WebBridgeOptions {
  url: string;
  openSocket?: (url: string) => HostSocket;
  /** How long a call waits for the host socket to come (back) before failing as unavailable. */
  waitForHostMs?: number;
  requestTimeoutMs?: number;
  /** Delays between reconnect attempts; the last one repeats. The host is local, so they stay short. */
  backoffMs?: readonly number[];
  warn?: (message: string) => void;
}

export interface WebBridge extends ReconnectingBridge {
  /** Stops reconnecting and closes the socket. */
  close(): void;
}

const ResultFrame = z.object({
  type: z.literal('result'),
  id: z.number().int().nonnegative(),
  result: z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: ApiError })]),
});
const EventFrame = z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() });
const HostFrame = z.discriminatedUnion('type', [ResultFrame, EventFrame]);

type Settle = (result: ApiResult<unknown>) => void;

/** The api of the web host over one WebSocket at /api; the same shape as Electron's preload bridge. */
export function createWebBridge(options: WebBridgeOptions): WebBridge {
  const openSocket = options.openSocket ?? ((url: string) => new WebSocket(url) as HostSocket);
  const waitForHostMs = options.waitForHostMs ?? 10_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
  const backoffMs = options.backoffMs ?? [250, 500, 1000, 2000];
  const warn = options.warn ?? console.warn;

  let socket: HostSocket | null = null;
  let isOpen = false;
  let hasOpened = false;
  let stopped = false;
  let failedAttempts = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let nextRequestId = 1;
  const inFlight = new Map<number, Settle>();
  const openWaiters = new Set<() => void>();
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  const linkListeners = new Set<(up: boolean) => void>();

  function connect(): void {
    const current = openSocket(options.url);
    socket = current;
    current.onopen = () => {
      isOpen = true;
      // After a drop, or after a first attempt that failed, calls may have failed meanwhile.
      const isReconnect = hasOpened || failedAttempts > 0;
      failedAttempts = 0;
      hasOpened = true;
      for (const wake of [...openWaiters]) wake();
      if (isReconnect) for (const listener of [...linkListeners]) listener(true);
    };
    current.onmessage = (message) => receive(message.data);
    // Every drop ends in close; nothing to do on error itself.
    current.onerror = () => {};
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      const wasOpen = isOpen;
      isOpen = false;
      if (wasOpen) for (const listener of [...linkListeners]) listener(false);
      // We cannot know whether the host ran a call whose answer was lost; say so rather than resend.
      for (const settle of [...inFlight.values()]) settle(unavailable('The connection to the workstation host dropped before it answered.'));
      if (!stopped) scheduleReconnect();
    };
  }

  function scheduleReconnect(): void {
    const delay = backoffMs[Math.min(failedAttempts, backoffMs.length - 1)] ?? 1000;
    failedAttempts += 1;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      if (!stopped) connect();
    }, delay);
  }

  function receive(raw: unknown): void {
    const frame = HostFrame.safeParse(parseJson(raw));
    if (!frame.success) {
      warn('Ignored an unreadable frame from the workstation host.');
      return;
    }
    if (frame.data.type === 'result') {
      inFlight.get(frame.data.id)?.(frame.data.result);
      return;
    }
    const listeners = eventListeners.get(frame.data.event);
    if (listeners) for (const listener of [...listeners]) listener(frame.data.payload);
  }

  function waitForOpen(): Promise<boolean> {
    if (isOpen) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        openWaiters.delete(wake);
        resolve(isOpen);
      };
      const timer = setTimeout(wake, waitForHostMs);
      openWaiters.add(wake);
    });
  }

  function send(frame: ApiRequestFrame): Promise<ApiResult<unknown>> {
    return new Promise((resolve) => {
      const settle: Settle = (result) => {
        clearTimeout(timer);
        inFlight.delete(frame.id);
        resolve(result);
      };
      const timer = setTimeout(() => settle(unavailable('The workstation host did not answer in time.')), requestTimeoutMs);
      inFlight.set(frame.id, settle);
      socket?.send(JSON.stringify(frame));
    });
  }

  connect();

  return {
    async invoke<M extends MethodName>(method: M, params: MethodInput<M>): Promise<ApiResult<MethodOutput<M>>> {
      if (!(await waitForOpen())) return unavailable('The workstation host is not reachable; try again in a moment.');
      // The api client checks the value against the contract; here it is still unknown.
      return (await send({ type: 'request', id: nextRequestId++, method, params })) as ApiResult<MethodOutput<M>>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const listeners = eventListeners.get(event) ?? new Set();
      eventListeners.set(event, listeners);
      // Payloads are parsed by the api client before anyone reads them.
      const untyped = listener as (payload: unknown) => void;
      listeners.add(untyped);
      return () => listeners.delete(untyped);
    },
    onLink(listener) {
      linkListeners.add(listener);
      return () => linkListeners.delete(listener);
    },
    close() {
      stopped = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      socket?.close();
    },
  };
}

function parseJson(raw: unknown): unknown {
  if (typeof raw !== 'string') return null;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

function unavailable(message: string): ApiResult<never> {
  return { ok: false, error: { code: 'unavailable', message } };
}
