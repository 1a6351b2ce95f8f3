import { inMegabytes, MB } from '../../../src-shared/domain/attachments.js';
import type { LineMessage } from '../../../src-shared/protocol/channels/line.js';
import type { FetchedMedia, InboundMedia, OutboundFile, OutboundText, ProviderApi, SendOutcome } from '../port/channel-adapter.js';
import { downloadBytes } from '../port/provider-bytes.js';
import type { LineCredentials } from './line-credentials.js';
import { sendLineMessages } from './line-sender.js';

/**
 * Files on LINE, as the Messaging API documents them. In: an image, video, audio or file a user
 * sent on LINE is fetched with GET /v2/bot/message/{id}/content (on api-data.line.me). Out: an
 * image message names its file by an HTTPS URL LINE fetches (the relay's signed public URL), in
 * the same push as the reply's words; LINE bots send no documents, and video and audio need a
 * preview image and a duration the relay does not have yet, so those are not delivered, saying why.
 */

const KINDS: Record<string, { name: string; mediaType: string | null } | undefined> = {
  image: { name: 'image.jpg', mediaType: null },
  video: { name: 'video.mp4', mediaType: 'video/mp4' },
  audio: { name: 'audio.m4a', mediaType: 'audio/mp4' },
};
/** LINE's image messages: JPEG or PNG, up to 10 MB. */
const IMAGE_MAX = 10 * MB;
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png']);
/** A push holds at most 5 messages. */
const PUSH_MAX = 5;

export function lineMediaOf(message: LineMessage): InboundMedia | null {
  if (message.contentProvider && message.contentProvider.type !== 'line') return null;
  if (message.type === 'file') return { ref: message.id, name: message.fileName?.trim() || 'file', mediaType: null, size: message.fileSize ?? null };
  const kind = KINDS[message.type];
  return kind ? { ref: message.id, name: kind.name, mediaType: kind.mediaType, size: null } : null;
}

export async function fetchLineMedia(media: InboundMedia, credentials: LineCredentials, api: ProviderApi, maxBytes: number): Promise<FetchedMedia> {
  // Content lives on LINE's data host; a test's fake serves both.
  const base = api.baseUrl.replace('://api.line.me', '://api-data.line.me');
  return downloadBytes(`${base}/v2/bot/message/${encodeURIComponent(media.ref)}/content`, { authorization: `Bearer ${credentials.channelAccessToken}` }, api.timeoutMs, maxBytes);
}

export async function sendLineFiles(text: OutboundText, credentials: LineCredentials, api: ProviderApi, files: OutboundFile[]): Promise<SendOutcome> {
  const unsendable = files.find((file) => !IMAGE_TYPES.has(file.mediaType));
  if (unsendable) return { kind: 'failed', failure: 'rejected', detail: `LINE takes only JPEG and PNG images from the relay; ${unsendable.name} (${unsendable.mediaType}) cannot be sent there.` };
  const tooLarge = files.find((file) => file.size > IMAGE_MAX);
  if (tooLarge) return { kind: 'failed', failure: 'too-large', detail: `LINE takes images up to ${inMegabytes(IMAGE_MAX)}; ${tooLarge.name} is ${inMegabytes(tooLarge.size)}.` };
  if (files.some((file) => !file.url)) return { kind: 'failed', failure: 'rejected', detail: "LINE fetches images from an HTTPS address: the relay needs its public address (RELAY_PUBLIC_URL)." };
  const words = text.body === files.map((file) => file.name).join(', ') ? [] : [{ type: 'text', text: text.body }];
  const messages = [...words, ...files.map((file) => ({ type: 'image', originalContentUrl: file.url, previewImageUrl: file.url }))];
  if (messages.length > PUSH_MAX) return { kind: 'failed', failure: 'rejected', detail: `LINE sends at most ${PUSH_MAX} messages at once; send fewer images.` };
  return sendLineMessages(text, credentials, api, messages);
}
