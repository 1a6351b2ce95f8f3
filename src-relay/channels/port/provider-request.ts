import type { ProviderApi } from './channel-adapter.js';

/** One call to a provider's API; `body` already encoded (JSON or a form) with its content type in `headers`. */
export interface ProviderRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * What came back, kept whole: the status, the headers (LINE's x-line-accepted-request-id) and the
 * body as text, for senders that read it their own way (Viber's 64-bit message_token would be
 * rounded by JSON.parse) — or that nothing did.
 */
export type ProviderResponse = { ok: true; status: number; headers: Headers; text: string } | { ok: false; detail: string };

/**
 * Calls a provider within the API's timeout. A network error or a timeout is an answer too
 * (`ok: false`), so that the sender retries it like a 5xx.
 */
export async function requestProvider(api: ProviderApi, request: ProviderRequest): Promise<ProviderResponse> {
  try {
    const response = await fetch(api.baseUrl + request.path, {
      method: request.method,
      headers: request.headers ?? {},
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: AbortSignal.timeout(api.timeoutMs),
    });
    return { ok: true, status: response.status, headers: response.headers, text: await response.text() };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    return { ok: false, detail: name === 'TimeoutError' ? `no answer within ${api.timeoutMs} ms` : `network error: ${String(error)}` };
  }
}

/** The text as JSON, or undefined when it is not JSON (an HTML error page from a proxy). */
export function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
