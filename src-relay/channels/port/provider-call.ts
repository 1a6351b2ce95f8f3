import type { ProviderApi } from './channel-adapter.js';

/** What came back from a provider's API: its status and JSON body, or that nothing did. */
export type ProviderAnswer = { ok: true; status: number; body: unknown } | { ok: false; detail: string };

/**
 * POSTs JSON to a provider and reads its answer, within the API's timeout. A network error or a
 * timeout is an answer too (`ok: false`), so that the sender retries it like a 5xx.
 */
export async function postJson(api: ProviderApi, path: string, body: unknown, headers: Record<string, string> = {}): Promise<ProviderAnswer> {
  return call(api, path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** GETs a provider's JSON (a "who am I" call for the administrator's connection test), within the API's timeout. */
export async function getJson(api: ProviderApi, path: string, headers: Record<string, string> = {}): Promise<ProviderAnswer> {
  return call(api, path, { method: 'GET', headers });
}

async function call(api: ProviderApi, path: string, init: RequestInit): Promise<ProviderAnswer> {
  try {
    const response = await fetch(api.baseUrl + path, { ...init, signal: AbortSignal.timeout(api.timeoutMs) });
    const text = await response.text();
    return { ok: true, status: response.status, body: parseJson(text) };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    return { ok: false, detail: name === 'TimeoutError' ? `no answer within ${api.timeoutMs} ms` : `network error: ${String(error)}` };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
