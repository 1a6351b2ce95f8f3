import { z } from 'zod';
import {
  isMethodName,
  methods,
  type ApiErrorCode,
  type ApiResult,
  type EventName,
  type EventPayload,
  type MethodName,
  type MethodOutput,
  type MethodParams,
} from '../../src-shared/api/contract.js';

/** What the core implements: one async handler per api method. */
export type ApiHandlers = { [M in MethodName]: (params: MethodParams<M>) => Promise<MethodOutput<M>> };

/** The handlers of one or more namespaces (`NamespaceHandlers<'kb'>`: every `kb.*` method), as a service gives them. */
export type NamespaceHandlers<N extends string> = Pick<ApiHandlers, Extract<MethodName, `${N}.${string}`>>;

/** What the core emits; hosts forward these to the renderer. */
export interface ApiEventSource {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Thrown inside the core to answer with a specific error code. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export interface ApiRouter {
  handle(method: unknown, params: unknown): Promise<ApiResult<unknown>>;
}

/**
 * The one door into the core. Both hosts (Electron IPC and the web host) call `handle`
 * with whatever arrived; it checks the method, parses params with the contract, runs the
 * handler and answers `{ok, value}` or `{ok:false, error}` - never throws.
 */
export function createApiRouter(handlers: ApiHandlers, log: (error: unknown) => void = console.error): ApiRouter {
  return {
    async handle(method, params) {
      if (!isMethodName(method)) {
        return fail('unknown_method', `Unknown method: ${String(method).slice(0, 64)}`);
      }
      const parsed = methods[method].input.safeParse(params ?? {});
      if (!parsed.success) {
        return fail('bad_request', `Invalid ${method} request: ${z.prettifyError(parsed.error)}`);
      }
      try {
        const handler = handlers[method] as (p: unknown) => Promise<unknown>;
        return { ok: true, value: await handler(parsed.data) };
      } catch (error) {
        if (error instanceof ApiFailure) return fail(error.code, error.message);
        log(error);
        return fail('internal', `${method} failed unexpectedly; the details are in the log.`);
      }
    },
  };
}

function fail(code: ApiErrorCode, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}
