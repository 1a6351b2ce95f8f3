import { DEFAULT_MAX_FILE_BYTES, inMegabytes, kindOfMediaType } from '../../../src-shared/domain/attachments.js';
import type { MessageAttachment } from '../../../src-shared/domain/model.js';
import { ApiFailure, type NamespaceHandlers } from '../api-router.js';
import { downloadFromRelay, uploadToRelay } from '../relay-files.js';
import type { CoreParts } from './core-parts.js';

/** An upload whose parts are arriving. */
interface PartialUpload {
  name: string;
  mediaType: string;
  size: number;
  parts: Buffer[];
  received: number;
}

/** Uploads the renderer started and has not finished; a few at a time are plenty for one agent. */
const OPEN_UPLOADS_MAX = 8;

/**
 * Attachments for the renderer: an upload arrives in parts and goes to the relay whole; a read
 * comes from the desk's copy, else from the relay (then kept, so it shows offline). A file is
 * read only when a cached message carries it: the renderer cannot ask for files by guessing ids.
 */
export function fileHandlers({ cache, guards, relayUrl }: CoreParts): NamespaceHandlers<'files'> {
  const uploads = new Map<string, PartialUpload>();
  const token = () => guards.signInToken('Sign in to send and see files.');
  return {
    'files.upload': async (params) => {
      guards.requireAgent();
      const upload = uploads.get(params.uploadId) ?? startUpload(uploads, params);
      const part = Buffer.from(params.part, 'base64');
      if (params.offset !== upload.received || upload.received + part.length > upload.size) {
        uploads.delete(params.uploadId);
        throw new ApiFailure('bad_request', `The parts of ${upload.name} arrived out of order; upload it again.`);
      }
      upload.parts.push(part);
      upload.received += part.length;
      if (upload.received < upload.size) return { attachment: null };
      uploads.delete(params.uploadId);
      const bytes = Buffer.concat(upload.parts);
      const stored = await uploadToRelay(relayUrl, token(), { name: upload.name, mediaType: upload.mediaType, bytes });
      cache.files.keep(stored.fileId, bytes);
      const attachment: MessageAttachment = { ...stored, kind: kindOfMediaType(stored.mediaType) };
      return { attachment };
    },
    'files.read': async ({ fileId }) => {
      guards.requireAgent();
      const attachment = cache.messages.findAttachment(fileId);
      if (!attachment) throw new ApiFailure('not_found', 'No message on this workstation carries that file.');
      const kept = cache.files.read(fileId);
      if (kept) return { mediaType: attachment.mediaType, bytes: kept.toString('base64') };
      const fetched = await downloadFromRelay(relayUrl, token(), fileId);
      if (!cache.files.keep(fileId, fetched.bytes)) throw new ApiFailure('unavailable', 'The relay sent bytes that are not the file asked for.');
      return { mediaType: attachment.mediaType, bytes: fetched.bytes.toString('base64') };
    },
  };
}

function startUpload(uploads: Map<string, PartialUpload>, params: { uploadId: string; name: string; mediaType: string; size: number; offset: number }): PartialUpload {
  if (params.offset !== 0) throw new ApiFailure('bad_request', `The upload of ${params.name} is unknown here; upload it again from the start.`);
  if (params.size > DEFAULT_MAX_FILE_BYTES) throw new ApiFailure('bad_request', `${params.name} is larger than the ${inMegabytes(DEFAULT_MAX_FILE_BYTES)} the relay takes.`);
  if (uploads.size >= OPEN_UPLOADS_MAX) throw new ApiFailure('bad_request', 'Too many uploads are unfinished; wait for them, then attach more.');
  const upload: PartialUpload = { name: params.name, mediaType: params.mediaType, size: params.size, parts: [], received: 0 };
  uploads.set(params.uploadId, upload);
  return upload;
}
