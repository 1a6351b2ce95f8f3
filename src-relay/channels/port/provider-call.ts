import type { ProviderApi } from './channel-adapter.js';
import { requestProvider } from './provider-request.js';

/** What came back from a provider's API: its status and JSON body (the text when it is not JSON), or that nothing did. */
export type ProviderAnswer = { ok: true; status: number; body: unknown } | { ok: false; detail: string };

/**
 * POSTs JSON to a provider and reads its answer, within the API's timeout. A network error or a
 * timeout is an answer too (`ok: false`), so that the sender retries it like a 5xx.
 */
export function postJson(api: ProviderApi, path: string, body: unknown, headers: Record<string, string> = {}): Promise<ProviderAnswer> {
  return jsonCall(api, { method: 'POST', path, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** GETs a provider's JSON (a "who am I" call for the administrator's connection test, an access token), within the API's timeout. */
export function getJson(api: ProviderApi, path: string, headers: Record<string, string> = {}): Promise<ProviderAnswer> {
  return jsonCall(api, { method: 'GET', path, headers });
}

async function jsonCall(api: ProviderApi, request: Parameters<typeof requestProvider>[1]): Promise<ProviderAnswer> {
  const response = await requestProvider(api, request);
  if (!response.ok) return response;
  return { ok: true, status: response.status, body: jsonOrText(response.text) };
}

function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
