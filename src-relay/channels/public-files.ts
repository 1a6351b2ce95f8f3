import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { FileId } from '../../src-shared/protocol/files.js';
import { sendHttpError } from '../http/http-error.js';
import type { ChannelRuntime } from './channel-runtime.js';

/**
 * Files a provider fetches from the relay itself (LINE's image and video messages, Twilio's
 * MediaUrl, Viber's media): a public address that names the file, its type, and until when it
 * may be fetched, signed with a key derived from the relay's secrets key. Anyone holding the URL
 * may fetch the file until it expires, as the provider must; nobody can make one up.
 */

export const PUBLIC_FILES_PATH = '/channels/files';
/** Long enough for a provider's retries; short enough that a leaked URL soon stops working. */
const LIFETIME_MS = 60 * 60_000;
const PURPOSE = 'public channel file urls';

const Query = z.object({ type: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/).max(100), expires: z.string().regex(/^\d{1,15}$/), signature: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

/** The file's public address, or null when the relay does not know its own public URL (ChannelSettings.publicUrl). */
export function publicFileUrl(runtime: ChannelRuntime, file: { fileId: string; name: string; mediaType: string }, now: number): string | null {
  const base = runtime.settings.publicUrl?.replace(/\/$/, '');
  if (!base) return null;
  const expires = String(now + LIFETIME_MS);
  const signature = runtime.box.sign(signed(file.fileId, file.mediaType, expires), PURPOSE);
  return `${base}${PUBLIC_FILES_PATH}/${file.fileId}/${encodeURIComponent(file.name)}?${new URLSearchParams({ type: file.mediaType, expires, signature })}`;
}

/** GET `${PUBLIC_FILES_PATH}/<id>/<name>`: the bytes while the signature holds; else the 404 of a file that does not exist. */
export function registerPublicFileRoute(app: FastifyInstance, runtime: ChannelRuntime, now: () => number): void {
  app.get<{ Params: { id: string; name: string } }>(`${PUBLIC_FILES_PATH}/:id/:name`, async (request, reply) => {
    const id = FileId.safeParse(request.params.id);
    const query = Query.safeParse(request.query);
    const valid = id.success && query.success && Number(query.data.expires) >= now() && sameSignature(runtime.box.sign(signed(id.data, query.data.type, query.data.expires), PURPOSE), query.data.signature);
    const content = valid && runtime.files ? await runtime.files.get(id.data) : null;
    if (!content || !query.success) return sendHttpError(reply, 404, 'not_found', 'There is no such file.');
    return reply.type(query.data.type).header('content-length', content.size).header('x-content-type-options', 'nosniff').header('cache-control', 'private, max-age=3600').send(content.body);
  });
}

function signed(fileId: string, mediaType: string, expires: string): string {
  return `${fileId}\n${mediaType}\n${expires}`;
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
