import { inMegabytes, MB } from '../../../src-shared/domain/attachments.js';
import type { ViberMessage } from '../../../src-shared/protocol/channels/viber.js';
import type { FetchedMedia, InboundMedia, OutboundFile, OutboundText, ProviderApi, SendOutcome } from '../port/channel-adapter.js';
import { downloadBytes } from '../port/provider-bytes.js';
import { sendInParts, type ReplyPart } from '../port/reply-parts.js';
import type { ViberCredentials } from './viber-credentials.js';
import { sendViberMessage, sendViberText } from './viber-sender.js';

/**
 * Files on Viber, as the REST bot API documents them. In: a picture, video or file message
 * carries the URL of its media. Out: Viber fetches a picture (JPEG, PNG or GIF, up to 1 MB), a
 * video (MP4, up to 26 MB) or a file (up to 50 MB) from the URL it is given: the relay's signed
 * public URL. The reply's words go first, on their own.
 */

const NAMES: Record<string, string | undefined> = { picture: 'picture.jpg', video: 'video.mp4', file: 'file' };
const PICTURE_MAX = 1 * MB;
const VIDEO_MAX = 26 * MB;
const FILE_MAX = 50 * MB;

export function viberMediaOf(message: ViberMessage): InboundMedia | null {
  const fallback = NAMES[message.type];
  if (!fallback || !message.media || !/^https?:\/\//.test(message.media)) return null;
  return { ref: message.media, name: message.file_name?.trim() || fallback, mediaType: null, size: message.size ?? null };
}

export function fetchViberMedia(media: InboundMedia, _credentials: ViberCredentials, api: ProviderApi, maxBytes: number): Promise<FetchedMedia> {
  return downloadBytes(media.ref, {}, api.timeoutMs, maxBytes);
}

export async function sendViberFiles(text: OutboundText, credentials: ViberCredentials, api: ProviderApi, files: OutboundFile[]): Promise<SendOutcome> {
  if (files.some((file) => !file.url)) return { kind: 'failed', failure: 'rejected', detail: 'Viber fetches files from an address: the relay needs its public address (RELAY_PUBLIC_URL).' };
  const tooLarge = files.find((file) => file.size > limitOf(file));
  if (tooLarge) return { kind: 'failed', failure: 'too-large', detail: `Viber takes ${typeOf(tooLarge)}s up to ${inMegabytes(limitOf(tooLarge))}; ${tooLarge.name} is ${inMegabytes(tooLarge.size)}.` };
  const sendFile = (file: OutboundFile): ReplyPart => () => {
    const type = typeOf(file);
    const message = type === 'picture' ? { type, media: file.url, text: '' } : { type, media: file.url, size: file.size, ...(type === 'file' ? { file_name: file.name } : {}) };
    return sendViberMessage(text, credentials, api, message);
  };
  const words: ReplyPart[] = text.body === files.map((file) => file.name).join(', ') ? [] : [() => sendViberText(text, credentials, api)];
  return sendInParts(text, [...words, ...files.map(sendFile)]);
}

function typeOf(file: OutboundFile): 'picture' | 'video' | 'file' {
  if (file.kind === 'image' && ['image/jpeg', 'image/png', 'image/gif'].includes(file.mediaType)) return 'picture';
  return file.mediaType === 'video/mp4' ? 'video' : 'file';
}

function limitOf(file: OutboundFile): number {
  const type = typeOf(file);
  return type === 'picture' ? PICTURE_MAX : type === 'video' ? VIDEO_MAX : FILE_MAX;
}
