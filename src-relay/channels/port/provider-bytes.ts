import type { ProviderApi } from './channel-adapter.js';
import type { ProviderAnswer } from './provider-call.js';
import { jsonOf } from './provider-request.js';

/**
 * Files to and from a provider: a download read whole (never more than `maxBytes`, whatever the
 * provider says), and a multipart upload answered in JSON. Like provider-call's, a network error
 * or a timeout is an answer too.
 */

export type DownloadAnswer = { ok: true; bytes: Buffer; mediaType: string | null } | { ok: false; detail: string; permanent?: boolean };

/** GET `url` (an address the provider gave, or one under its API) with `headers`. */
export async function downloadBytes(url: string, headers: Record<string, string>, timeoutMs: number, maxBytes: number): Promise<DownloadAnswer> {
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) {
      await response.body?.cancel();
      // A 4xx (gone, expired, forbidden) stays so; a 5xx, 408 or 429 may pass.
      return { ok: false, detail: `the download answered HTTP ${response.status}`, permanent: isPermanent(response.status) };
    }
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > maxBytes) {
      await response.body?.cancel();
      return { ok: false, detail: `the file is ${declared} bytes, over the ${maxBytes} allowed`, permanent: true };
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length > maxBytes) return { ok: false, detail: `the file is ${bytes.length} bytes, over the ${maxBytes} allowed`, permanent: true };
    return { ok: true, bytes, mediaType: response.headers.get('content-type') };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    return { ok: false, detail: name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `network error: ${String(error)}` };
  }
}

/** Whether an HTTP status says that asking again would not help. */
export function isPermanent(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** POSTs `form` as multipart/form-data (fetch writes the boundary) and reads the JSON answer. */
export async function postMultipart(api: ProviderApi, path: string, form: FormData, headers: Record<string, string> = {}): Promise<ProviderAnswer> {
  try {
    const response = await fetch(api.baseUrl + path, { method: 'POST', headers, body: form, signal: AbortSignal.timeout(api.timeoutMs) });
    const text = await response.text();
    return { ok: true, status: response.status, body: jsonOf(text) ?? text };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    return { ok: false, detail: name === 'TimeoutError' ? `no answer within ${api.timeoutMs} ms` : `network error: ${String(error)}` };
  }
}

/** The file as a form part, typed as the relay typed it. */
export function filePart(file: { bytes: Buffer; mediaType: string }): Blob {
  return new Blob([new Uint8Array(file.bytes)], { type: file.mediaType });
}
