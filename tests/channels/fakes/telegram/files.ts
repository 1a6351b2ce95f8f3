import { randomBytes } from 'node:crypto';
import type { FakeAnswer, FakeRequest } from '../fake-http.js';
import { telegramError } from './payloads.js';

/** A file the fake holds, under the file_id a message names. */
interface HeldFile {
  fileId: string;
  bytes: Buffer;
  path: string;
}

/** A file a send method took: which method, for which chat, its caption and the bytes and name uploaded. */
export interface SentFile {
  method: string;
  chatId: string;
  caption: string | undefined;
  fileName: string;
  mimeType: string;
  bytes: Buffer;
  messageId: number;
}

/** The Bot API's own limits: bots download up to 20 MB, send photos up to 10 MB and other files up to 50 MB. */
const DOWNLOAD_MAX = 20 * 1024 * 1024;
const PHOTO_MAX = 10 * 1024 * 1024;
const FILE_MAX = 50 * 1024 * 1024;
/** The send method and the form field that holds its file. */
const SEND_FIELDS: Record<string, string> = { sendPhoto: 'photo', sendDocument: 'document', sendAudio: 'audio', sendVoice: 'voice', sendVideo: 'video' };

/**
 * Telegram's files, as the Bot API documents them: getFile answers a file_path for a file_id,
 * downloaded from /file/bot<token>/<file_path>; sendPhoto, sendDocument, sendAudio, sendVoice and
 * sendVideo take the file as multipart/form-data.
 */
export class TelegramFilesApi {
  private readonly held = new Map<string, HeldFile>();
  readonly sent: SentFile[] = [];

  constructor(
    private readonly botToken: string,
    private readonly nextMessageId: (chatId: string) => number,
  ) {}

  /** A file a user sends: the file_id a message names. */
  add(bytes: Buffer, extension: string): string {
    const fileId = `AgAC${randomBytes(24).toString('base64url')}`;
    this.held.set(fileId, { fileId, bytes, path: `documents/file_${this.held.size}.${extension}` });
    return fileId;
  }

  isSendMethod(method: string): boolean {
    return method in SEND_FIELDS;
  }

  getFile(body: { file_id?: unknown }): FakeAnswer {
    const file = typeof body.file_id === 'string' ? this.held.get(body.file_id) : undefined;
    if (!file) return telegramError(400, 'Bad Request: invalid file_id');
    if (file.bytes.length > DOWNLOAD_MAX) return telegramError(400, 'Bad Request: file is too big');
    return { status: 200, body: { ok: true, result: { file_id: file.fileId, file_unique_id: file.fileId.slice(-8), file_size: file.bytes.length, file_path: file.path } } };
  }

  /** GET /file/bot<token>/<file_path>, or null when the path is not a download. */
  download(request: FakeRequest): FakeAnswer | null {
    const prefix = `/file/bot${this.botToken}/`;
    if (request.method !== 'GET' || !request.path.startsWith('/file/')) return null;
    const file = request.path.startsWith(prefix) ? [...this.held.values()].find((held) => held.path === request.path.slice(prefix.length)) : undefined;
    if (!file) return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } };
    return { status: 200, body: `<${file.bytes.length} bytes>`, raw: file.bytes, headers: { 'content-type': 'application/octet-stream', 'content-length': String(file.bytes.length) } };
  }

  async send(method: string, request: FakeRequest): Promise<FakeAnswer> {
    const form = await new Response(new Uint8Array(request.bytes), { headers: { 'content-type': request.headers['content-type'] ?? '' } }).formData().catch(() => null);
    const field = SEND_FIELDS[method] ?? '';
    const file = form?.get(field);
    const chatId = form?.get('chat_id');
    if (!form || typeof chatId !== 'string' || !chatId) return telegramError(400, 'Bad Request: chat_id is empty');
    if (!(file instanceof File)) return telegramError(400, `Bad Request: there is no ${field} in the request`);
    const caption = form.get('caption');
    if (typeof caption === 'string' && caption.length > 1024) return telegramError(400, 'Bad Request: message caption is too long');
    if (file.size > (method === 'sendPhoto' ? PHOTO_MAX : FILE_MAX)) return telegramError(413, 'Request Entity Too Large');
    const messageId = this.nextMessageId(chatId);
    this.sent.push({ method, chatId, caption: typeof caption === 'string' ? caption : undefined, fileName: file.name, mimeType: file.type, bytes: Buffer.from(await file.arrayBuffer()), messageId });
    const chat = { id: Number(chatId), first_name: 'Customer', type: 'private' };
    // The sent file as Telegram describes it back: a photo in its sizes, anything else as one object.
    const described = { file_id: `sent-${messageId}`, file_unique_id: `u${messageId}`, file_size: file.size };
    const content = method === 'sendPhoto' ? [{ ...described, width: 800, height: 600 }] : { ...described, file_name: file.name, mime_type: file.type };
    return { status: 200, body: { ok: true, result: { message_id: messageId, chat, date: Math.floor(Date.now() / 1000), [field]: content, ...(typeof caption === 'string' ? { caption } : {}) } } };
  }
}
