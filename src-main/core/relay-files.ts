import { DESK_FILES_PATH, FILE_NAME_HEADER, FileUploaded } from '../../src-shared/protocol/files.js';
import { HttpError } from '../../src-shared/protocol/auth.js';
import { relayHttpAddress } from '../sync/relay-address.js';
import { ApiFailure } from './api-router.js';

const FILE_TIMEOUT_MS = 120_000;

/** POST a file to the relay with the agent's token; the relay's refusal (too large, a type it does not take) in its own words. */
export async function uploadToRelay(relayUrl: string, token: string, file: { name: string; mediaType: string; bytes: Uint8Array }): Promise<FileUploaded> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, [FILE_NAME_HEADER]: encodeURIComponent(file.name) };
  if (file.mediaType) headers['content-type'] = file.mediaType;
  const response = await reach(() => fetch(relayHttpAddress(relayUrl, DESK_FILES_PATH), { method: 'POST', headers, body: new Uint8Array(file.bytes), signal: AbortSignal.timeout(FILE_TIMEOUT_MS) }));
  const body: unknown = await response.json().catch(() => null);
  if (response.status === 201) {
    const uploaded = FileUploaded.safeParse(body);
    if (uploaded.success) return uploaded.data;
    throw new ApiFailure('unavailable', 'The relay answered the upload with something this workstation does not understand.');
  }
  const refusal = HttpError.safeParse(body);
  const words = refusal.success ? refusal.data.error.message : `HTTP ${response.status}`;
  if (response.status === 401) throw new ApiFailure('unauthorized', words);
  throw new ApiFailure(response.status >= 500 ? 'unavailable' : 'bad_request', words);
}

/** GET a file's bytes with the agent's token; not_found exactly as the relay says it. */
export async function downloadFromRelay(relayUrl: string, token: string, fileId: string): Promise<{ mediaType: string; bytes: Buffer }> {
  const response = await reach(() => fetch(relayHttpAddress(relayUrl, `${DESK_FILES_PATH}/${fileId}`), { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(FILE_TIMEOUT_MS) }));
  if (response.status === 404) throw new ApiFailure('not_found', 'The relay has no such file for your company.');
  if (!response.ok) throw new ApiFailure('unavailable', `The relay did not give the file (HTTP ${response.status}).`);
  return { mediaType: response.headers.get('content-type') ?? 'application/octet-stream', bytes: Buffer.from(await response.arrayBuffer()) };
}

async function reach(request: () => Promise<Response>): Promise<Response> {
  try {
    return await request();
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
    throw new ApiFailure('unavailable', `Files need the relay, which cannot be reached now: ${cause}`);
  }
}
