import { createHash, randomInt } from 'node:crypto';
import type { FakeAnswer, FakeRequest } from '../fake-http.js';
import { whatsAppError } from './payloads.js';

/** Meta's upload limits per media type (WhatsApp Cloud API, "Supported media types"). */
const LIMITS: Record<string, number> = { image: 5 * 1024 * 1024, audio: 16 * 1024 * 1024, video: 16 * 1024 * 1024, document: 100 * 1024 * 1024 };
const KINDS = ['image', 'audio', 'video', 'document'] as const;

/** A file the fake holds: one a user sent (inbound), or one the business uploaded. */
export interface WhatsAppMediaItem {
  id: string;
  bytes: Buffer;
  mimeType: string;
  fileName?: string;
}

/** A media message the send API took: whom to, which kind, the uploaded file and its caption. */
export interface SentMedia {
  to: string;
  type: string;
  media: WhatsAppMediaItem;
  caption: string | undefined;
  filename: string | undefined;
  messageId: string;
}

/**
 * The Cloud API's media endpoints, as Meta documents them: GET /{media-id} answers a URL valid
 * for a while, downloaded with the same bearer token; POST /{phone-number-id}/media takes a
 * multipart upload (messaging_product, type, file) and answers its id, which a message then sends.
 */
export class WhatsAppMediaApi {
  readonly items = new Map<string, WhatsAppMediaItem>();
  readonly uploads: WhatsAppMediaItem[] = [];
  /** Downloads asked for (GET of a media URL), answered or still held. */
  downloadsAsked = 0;
  private held: Promise<void> | null = null;

  constructor(
    private readonly version: string,
    private readonly phoneNumberId: string,
    private readonly baseUrl: () => string,
  ) {}

  /** A file a user sends: its media id, for a notification to name. */
  add(bytes: Buffer, mimeType: string, fileName?: string): string {
    const id = mediaId();
    this.items.set(id, { id, bytes, mimeType, ...(fileName ? { fileName } : {}) });
    return id;
  }

  /**
   * Holds every download until the returned release is called: a provider's media host slow to
   * answer, for tests that the webhook's answer does not wait for it.
   */
  hold(): () => void {
    let release = () => {};
    this.held = new Promise<void>((resolve) => {
      release = () => {
        this.held = null;
        resolve();
      };
    });
    return release;
  }

  /** The answer to a media request, or null when the request is not one (the caller handles it). */
  async answer(request: FakeRequest): Promise<FakeAnswer | null> {
    const download = /^\/whatsapp-media\/(\d+)$/.exec(request.path);
    if (request.method === 'GET' && download) {
      this.downloadsAsked++;
      await this.held;
      return this.download(download[1] ?? '');
    }
    const node = new RegExp(`^/${this.version}/(\\d+)$`).exec(request.path);
    if (request.method === 'GET' && node && this.items.has(node[1] ?? '')) return this.describe(node[1] ?? '');
    if (request.method === 'POST' && request.path === `/${this.version}/${this.phoneNumberId}/media`) return this.upload(request);
    return null;
  }

  /** The media object of a message (`image: { id, caption }`), if the message is a media message with a known upload. */
  mediaMessage(body: Record<string, unknown>): { type: string; media: WhatsAppMediaItem; caption?: string; filename?: string } | 'invalid' | null {
    const type = KINDS.find((kind) => kind === body.type);
    if (!type) return null;
    const object = body[type] as { id?: unknown; caption?: unknown; filename?: unknown } | undefined;
    const media = typeof object?.id === 'string' ? this.items.get(object.id) : undefined;
    if (!media || (object?.caption !== undefined && (type === 'audio' || typeof object.caption !== 'string' || object.caption.length > 1024))) return 'invalid';
    return { type, media, ...(typeof object?.caption === 'string' ? { caption: object.caption } : {}), ...(typeof object?.filename === 'string' ? { filename: object.filename } : {}) };
  }

  private describe(id: string): FakeAnswer {
    const item = this.items.get(id)!;
    const body = {
      messaging_product: 'whatsapp',
      url: `${this.baseUrl()}/whatsapp-media/${id}`,
      mime_type: item.mimeType,
      sha256: createHash('sha256').update(item.bytes).digest('hex'),
      file_size: item.bytes.length,
      id,
    };
    return { status: 200, body };
  }

  private download(id: string): FakeAnswer {
    const item = this.items.get(id);
    if (!item) return { status: 404, body: 'not found' };
    return { status: 200, body: `<${item.bytes.length} bytes>`, raw: item.bytes, headers: { 'content-type': item.mimeType, 'content-length': String(item.bytes.length) } };
  }

  private async upload(request: FakeRequest): Promise<FakeAnswer> {
    const form = await new Response(new Uint8Array(request.bytes), { headers: { 'content-type': request.headers['content-type'] ?? '' } }).formData().catch(() => null);
    const file = form?.get('file');
    const type = form?.get('type');
    if (!form || form.get('messaging_product') !== 'whatsapp' || !(file instanceof Blob) || typeof type !== 'string') return whatsAppError(100);
    const kind = type.startsWith('image/') ? 'image' : type.startsWith('audio/') ? 'audio' : type.startsWith('video/') ? 'video' : 'document';
    if (file.size > (LIMITS[kind] ?? 0)) return whatsAppError(131053);
    const id = mediaId();
    const item = { id, bytes: Buffer.from(await file.arrayBuffer()), mimeType: type, ...(file instanceof File && file.name ? { fileName: file.name } : {}) };
    this.items.set(id, item);
    this.uploads.push(item);
    return { status: 200, body: { id } };
  }
}

/** Meta's media ids are 15 to 16 digits. */
function mediaId(): string {
  return `${randomInt(1, 10)}${String(randomInt(0, 1e14)).padStart(14, '0')}`;
}
