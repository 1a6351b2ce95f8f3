import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CHAT_FILES_PATH, DESK_FILES_PATH, decodeFileName, FILE_NAME_HEADER, FileId, type FileUploaded } from '../../src-shared/protocol/files.js';
import { hashToken } from '../auth/tokens.js';
import { overMaximum } from '../files/file-check.js';
import { FileRefused, type FileStore } from '../files/file-store.js';
import { findFile, keepFile, openFile, type FileHolder } from '../files/tenant-files.js';
import type { RelayCore } from '../relay-core.js';
import type { WebchatLimits } from '../webchat/chat-limits.js';
import { bearerToken, callerWithRole } from './auth-routes.js';
import { sendHttpError } from './http-error.js';

const REFUSAL_STATUS = { too_large: 413, unsupported_type: 415, type_mismatch: 415, empty: 400 } as const;
const NOT_FOUND = 'There is no such file.';

/**
 * Attachments over HTTP, for desks (their agent's bearer token) and web-chat customers (their
 * visitor token). An upload is the raw bytes, streamed to the file store as they arrive: one file
 * a request needs no multipart parser, and the declared type is simply the Content-Type.
 */
export async function registerFileRoutes(app: FastifyInstance, core: RelayCore, files: FileStore, chatLimits: WebchatLimits): Promise<void> {
  await app.register(async (scope) => {
    // In this scope only: any body is passed on as the request stream, unread and unbuffered.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    const deskHolder = async (request: FastifyRequest, reply: FastifyReply): Promise<FileHolder | null> => {
      const agent = await callerWithRole(core, request, reply, ['agent', 'supervisor', 'admin'], '');
      return agent && { tenantId: agent.tenantId };
    };
    const customerHolder = async (request: FastifyRequest, reply: FastifyReply): Promise<FileHolder | null> => {
      const token = bearerToken(request.headers.authorization);
      const visitor = token ? await core.store.conversations.findVisitor(hashToken(token)) : null;
      if (!visitor) {
        sendHttpError(reply, 401, 'unauthorized', 'Send your chat\'s visitor token as "Authorization: Bearer <token>".');
        return null;
      }
      return { tenantId: visitor.tenantId, conversationId: visitor.conversationId };
    };

    for (const [path, holderOf] of [[DESK_FILES_PATH, deskHolder], [CHAT_FILES_PATH, customerHolder]] as const) {
      // The app's 16 KB limit is for JSON; this one only says so, as the stream is counted by the file store.
      scope.post(path, { bodyLimit: files.maxFileBytes }, async (request, reply) => {
        const holder = await holderOf(request, reply);
        if (!holder) return reply;
        if (holder.conversationId && chatLimits.upload(holder.conversationId, request.ip, core.now())) {
          reply.header('retry-after', chatLimits.uploadRetryAfterSeconds).header('connection', 'close');
          return sendHttpError(reply, 429, 'too_many_requests', 'You are sending files very fast; please wait a moment and send that again.');
        }
        return upload(core, files, holder, request, reply);
      });
      // HEAD declared with GET, not Fastify's automatic one, which would read the whole file to discard it.
      scope.route<{ Params: { id: string } }>({
        method: ['GET', 'HEAD'],
        url: `${path}/:id`,
        handler: async (request, reply) => {
          const holder = await holderOf(request, reply);
          return holder ? download(core, files, holder, request, reply) : reply;
        },
      });
    }
  });
}

async function upload(core: RelayCore, files: FileStore, holder: FileHolder, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const nameHeader = request.headers[FILE_NAME_HEADER];
  const name = typeof nameHeader === 'string' ? decodeFileName(nameHeader) : null;
  if (!name) return sendHttpError(reply, 400, 'bad_request', `Send the file's name in ${FILE_NAME_HEADER}, percent-encoded (encodeURIComponent).`);
  // The bytes are not read past the limit: the connection is closed after the answer instead.
  if (Number(request.headers['content-length'] ?? 0) > files.maxFileBytes) return refuse(reply, overMaximum(name, files.maxFileBytes));
  if (!request.body) return refuse(reply, new FileRefused('empty', `${name} is empty.`));
  try {
    const stored = await keepFile(core, files, holder, request.body as Readable, { name, mediaType: request.headers['content-type'] ?? null });
    const answer: FileUploaded = { fileId: stored.id, name: stored.name, mediaType: stored.mediaType, size: stored.size };
    return reply.code(201).header('cache-control', 'no-store').send(answer);
  } catch (error) {
    if (error instanceof FileRefused) return refuse(reply, error);
    throw error;
  }
}

function refuse(reply: FastifyReply, refusal: FileRefused): FastifyReply {
  if (refusal.code === 'too_large') reply.header('connection', 'close');
  return sendHttpError(reply, REFUSAL_STATUS[refusal.code], refusal.code, refusal.message);
}

async function download(core: RelayCore, files: FileStore, holder: FileHolder, request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply): Promise<FastifyReply> {
  const id = FileId.safeParse(request.params.id);
  const record = id.success ? await findFile(core, holder, id.data) : null;
  if (!record) return sendHttpError(reply, 404, 'not_found', NOT_FOUND);
  // The id is the hash of the bytes: a file never changes under its address.
  reply
    .header('cache-control', 'private, max-age=31536000, immutable')
    .header('etag', `"${record.id}"`)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `${record.mediaType.startsWith('image/') ? 'inline' : 'attachment'}; ${dispositionName(record.name)}`);
  if (request.headers['if-none-match'] === `"${record.id}"`) return reply.code(304).send();
  // HEAD tells the type and size without reading the bytes.
  if (request.method === 'HEAD') return reply.type(record.mediaType).header('content-length', record.size).send();
  const content = await openFile(core, files, record);
  if (!content) return sendHttpError(reply, 404, 'not_found', NOT_FOUND);
  return reply.type(record.mediaType).header('content-length', content.size).send(content.body);
}

/** RFC 6266: an ASCII fallback for old clients, and the real name in UTF-8. */
function dispositionName(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
