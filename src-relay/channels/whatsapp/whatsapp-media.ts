import { acceptedTypeNamed, inMegabytes, limitFor } from '../../../src-shared/domain/attachments.js';
import { WhatsAppMediaUploaded, WhatsAppMediaUrl, type WhatsAppMessage } from '../../../src-shared/protocol/channels/whatsapp.js';
import type { FetchedMedia, InboundMedia, OutboundFile, OutboundText, ProviderApi, SendOutcome } from '../port/channel-adapter.js';
import { downloadBytes, filePart, isPermanent, postMultipart } from '../port/provider-bytes.js';
import { getJson, postJson } from '../port/provider-call.js';
import { sendInParts, type ReplyPart } from '../port/reply-parts.js';
import type { WhatsAppCredentials } from './whatsapp-credentials.js';
import { sendWhatsAppText, whatsAppOutcome } from './whatsapp-sender.js';

/**
 * Media on WhatsApp, as the Cloud API documents it. In: a message names its file by media id;
 * GET /{media-id} gives a short-lived URL, downloaded with the same bearer token. Out: the file is
 * uploaded (POST /{phone-number-id}/media, multipart) and sent by the id that answers, as an
 * image, document, audio or video message; one message a file.
 */

const MEDIA_TYPES = ['image', 'video', 'audio', 'document'] as const;
/** WhatsApp's longest caption. */
const CAPTION_MAX = 1024;

/** The file a media message carries, if it is one the relay fetches. */
export function mediaOf(message: WhatsAppMessage): { media: InboundMedia; caption: string } | null {
  const type = MEDIA_TYPES.find((candidate) => candidate === message.type);
  const object = type ? message[type] : undefined;
  if (!type || !object?.id) return null;
  const mediaType = object.mime_type?.split(';')[0]?.trim() || null;
  const ending = (mediaType && acceptedTypeNamed(mediaType)?.extensions[0]) || 'bin';
  return { media: { ref: object.id, name: object.filename?.trim() || `${type}.${ending}`, mediaType, size: null }, caption: object.caption?.trim() ?? '' };
}

export async function fetchWhatsAppMedia(media: InboundMedia, credentials: WhatsAppCredentials, api: ProviderApi, maxBytes: number): Promise<FetchedMedia> {
  const authorization = { authorization: `Bearer ${credentials.accessToken}` };
  const found = await getJson(api, `/${credentials.graphVersion}/${encodeURIComponent(media.ref)}`, authorization);
  if (!found.ok) return { ok: false, detail: found.detail };
  const where = WhatsAppMediaUrl.safeParse(found.body);
  // Media ids expire (Meta keeps a user's file for 30 days): a 4xx stays so.
  if (found.status !== 200 || !where.success) return { ok: false, detail: `WhatsApp answered ${found.status} for media ${media.ref}`, permanent: isPermanent(found.status) };
  const declared = Number(where.data.file_size ?? 0);
  if (declared > maxBytes) return { ok: false, detail: `it is ${inMegabytes(declared)}, over the ${inMegabytes(maxBytes)} allowed for its kind`, permanent: true };
  const got = await downloadBytes(where.data.url, authorization, api.timeoutMs, maxBytes);
  return got.ok ? { ok: true, bytes: got.bytes, mediaType: where.data.mime_type ?? got.mediaType } : got;
}

/** The reply's files, each as its own message; the text goes as the first caption (or alone first, when too long or there is none to caption). */
export async function sendWhatsAppFiles(text: OutboundText, credentials: WhatsAppCredentials, api: ProviderApi, files: OutboundFile[]): Promise<SendOutcome> {
  const tooLarge = files.find((file) => file.size > limitFor(file.kind));
  if (tooLarge) {
    return { kind: 'failed', failure: 'too-large', detail: `WhatsApp takes ${tooLarge.kind} files up to ${inMegabytes(limitFor(tooLarge.kind))}; ${tooLarge.name} is ${inMegabytes(tooLarge.size)}.` };
  }
  const captioned = files.findIndex((file) => file.kind !== 'audio');
  const caption: string | null = text.body.length <= CAPTION_MAX && captioned >= 0 ? text.body : null;
  const words: ReplyPart[] = caption === null ? [() => sendWhatsAppText(text, credentials, api)] : [];
  const sendFile = (file: OutboundFile, index: number): ReplyPart => () => sendOneFile(text.recipient, credentials, api, file, index === captioned ? caption : null);
  return sendInParts(text, [...words, ...files.map(sendFile)]);
}

async function sendOneFile(recipient: string, credentials: WhatsAppCredentials, api: ProviderApi, file: OutboundFile, caption: string | null): Promise<SendOutcome> {
  const authorization = { authorization: `Bearer ${credentials.accessToken}` };
  const form = new FormData();
  form.set('messaging_product', 'whatsapp');
  form.set('type', file.mediaType);
  form.set('file', filePart(file), file.name);
  const uploaded = whatsAppOutcome(await postMultipart(api, `/${credentials.graphVersion}/${encodeURIComponent(credentials.phoneNumberId)}/media`, form, authorization), uploadedId);
  if (uploaded.kind !== 'sent') return uploaded;
  const media = { id: uploaded.providerMessageId, ...(caption ? { caption } : {}), ...(file.kind === 'document' ? { filename: file.name } : {}) };
  const answer = await postJson(
    api,
    `/${credentials.graphVersion}/${encodeURIComponent(credentials.phoneNumberId)}/messages`,
    { messaging_product: 'whatsapp', recipient_type: 'individual', to: recipient, type: file.kind, [file.kind]: media },
    authorization,
  );
  return whatsAppOutcome(answer);
}

function uploadedId(body: unknown): string | undefined {
  const uploaded = WhatsAppMediaUploaded.safeParse(body);
  return uploaded.success ? uploaded.data.id : undefined;
}
