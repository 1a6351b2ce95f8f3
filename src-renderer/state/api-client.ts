import { z } from 'zod';
import {
  ApiError,
  events,
  methods,
  type ApiResult,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type WorkstationBridge,
} from '../../src-shared/api/contract.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a browser served by the web host. */
    workstation?: WorkstationBridge;
  }
}

/** What the stores use: the contract's methods and events, checked on both sides of the bridge. */
export interface ApiClient {
  call<M extends MethodName>(method: M, params: MethodInput<M>): Promise<ApiResult<MethodOutput<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** The link to the host dropped (false) or came back after a drop (true): state may be stale. */
  onHostLink(listener: (up: boolean) => void): () => void;
}

/** A bridge that can drop and come back (the web host's socket); Electron's cannot. */
export interface ReconnectingBridge extends WorkstationBridge {
  onLink(listener: (up: boolean) => void): () => void;
}

function isReconnecting(bridge: WorkstationBridge): bridge is ReconnectingBridge {
  return typeof (bridge as Partial<ReconnectingBridge>).onLink === 'function';
}

export function createApiClient(bridge: WorkstationBridge, warn: (message: string) => void = console.warn): ApiClient {
  return {
    async call(method, params) {
      const input = methods[method].input.safeParse(params);
      if (!input.success) return failure('bad_request', z.prettifyError(input.error));
      const result = await invokeSafely(bridge, method, params);
      if (!result.ok) return { ok: false, error: asApiError(result.error) };
      const output = methods[method].output.safeParse(result.value);
      if (!output.success) {
        warn(`${method}: the host answered with an unexpected shape: ${z.prettifyError(output.error)}`);
        return failure('internal', `The workstation answered ${method} in an unexpected way.`);
      }
      return { ok: true, value: output.data as MethodOutput<typeof method> };
    },
    on(event, listener) {
      return bridge.on(event, (payload: unknown) => {
        const parsed = events[event].safeParse(payload);
        if (parsed.success) listener(parsed.data as EventPayload<typeof event>);
        else warn(`${event}: ignored an event with an unexpected shape: ${z.prettifyError(parsed.error)}`);
      });
    },
    onHostLink(listener) {
      return isReconnecting(bridge) ? bridge.onLink(listener) : () => {};
    },
  };
}

async function invokeSafely<M extends MethodName>(
  bridge: WorkstationBridge,
  method: M,
  params: MethodInput<M>,
): Promise<ApiResult<unknown>> {
  try {
    return await bridge.invoke(method, params);
  } catch (error) {
    // A bridge should answer with values, but a broken IPC channel throws; the UI needs a value.
    return failure('unavailable', error instanceof Error ? error.message : String(error));
  }
}

function asApiError(error: unknown): ApiError {
  const parsed = ApiError.safeParse(error);
  return parsed.success ? parsed.data : { code: 'internal', message: 'The workstation reported an unreadable error.' };
}

export function failure(code: ApiError['code'], message: string): { ok: false; error: ApiError } {
  return { ok: false, error: { code, message } };
}
