import type { ProviderApi } from './channel-adapter.js';
import type { ProviderAnswer } from './provider-call.js';

/**
 * GETs a provider's JSON (a connection check, an access token), within the API's timeout; like
 * postJson, a network error or a timeout is an answer too (`ok: false`).
 */
export async function getJson(api: ProviderApi, path: string, headers: Record<string, string> = {}): Promise<ProviderAnswer> {
  try {
    const response = await fetch(api.baseUrl + path, { headers, signal: AbortSignal.timeout(api.timeoutMs) });
    const text = await response.text();
    return { ok: true, status: response.status, body: jsonOrText(text) };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    return { ok: false, detail: name === 'TimeoutError' ? `no answer within ${api.timeoutMs} ms` : `network error: ${String(error)}` };
  }
}

function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
