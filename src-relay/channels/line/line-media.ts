import { inMegabytes, MB } from '../../../src-shared/domain/attachments.js';
import type { LineMessage } from '../../../src-shared/protocol/channels/line.js';
import type { FetchedMedia, InboundMedia, OutboundFile, OutboundText, ProviderApi, SendOutcome } from '../port/channel-adapter.js';
import { downloadBytes } from '../port/provider-bytes.js';
import { sendInParts, type ReplyPart } from '../port/reply-parts.js';
import type { LineCredentials } from './line-credentials.js';
import { sendLineMessages } from './line-sender.js';

/**
 * Files on LINE, as the Messaging API documents them. In: an image, video, audio or file a user
 * sent on LINE is fetched with GET /v2/bot/message/{id}/content (on api-data.line.me). Out: LINE
 * fetches each file from an HTTPS URL (the relay's signed public URL), in the same push as the
 * reply's words: an image (JPEG or PNG, 10 MB); a video (MP4, 200 MB) with its preview image (a
 * poster the relay draws: files/video-poster.ts); audio (M4A, 200 MB) with its length in
 * milliseconds, read from the file. LINE bots send no documents.
 */

const KINDS: Record<string, { name: string; mediaType: string | null } | undefined> = {
  image: { name: 'image.jpg', mediaType: null },
  video: { name: 'video.mp4', mediaType: 'video/mp4' },
  audio: { name: 'audio.m4a', mediaType: 'audio/mp4' },
};
const IMAGE_MAX = 10 * MB;
const MEDIA_MAX = 200 * MB;
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png']);
/** A push holds at most 5 messages; a reply with more goes in several pushes, each under its own retry key. */
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

type Refusal = Extract<SendOutcome, { kind: 'failed' }>;

export async function sendLineFiles(text: OutboundText, credentials: LineCredentials, api: ProviderApi, files: OutboundFile[]): Promise<SendOutcome> {
  if (files.some((file) => !file.url)) return refused('rejected', 'LINE fetches files from an HTTPS address: the relay needs its public address (RELAY_PUBLIC_URL).').refusal;
  const fileMessages: Record<string, unknown>[] = [];
  for (const file of files) {
    const message = lineMessageOf(file);
    if (!message.ok) return message.refusal;
    fileMessages.push(message.message);
  }
  const words = text.body === files.map((file) => file.name).join(', ') ? [] : [{ type: 'text', text: text.body }];
  const messages = [...words, ...fileMessages];
  const pushes: ReplyPart[] = [];
  for (let at = 0; at < messages.length; at += PUSH_MAX) {
    const push = messages.slice(at, at + PUSH_MAX);
    pushes.push((part) => sendLineMessages(text, credentials, api, push, part));
  }
  return sendInParts(text, pushes);
}

/** The LINE message that carries one file, or why it cannot go. */
function lineMessageOf(file: OutboundFile): { ok: true; message: Record<string, unknown> } | { ok: false; refusal: Refusal } {
  const size = `${file.name} is ${inMegabytes(file.size)}`;
  if (file.kind === 'image' && IMAGE_TYPES.has(file.mediaType)) {
    if (file.size > IMAGE_MAX) return refused('too-large', `LINE takes images up to ${inMegabytes(IMAGE_MAX)}; ${size}.`);
    return { ok: true, message: { type: 'image', originalContentUrl: file.url, previewImageUrl: file.url } };
  }
  if (file.mediaType === 'video/mp4') {
    if (file.size > MEDIA_MAX) return refused('too-large', `LINE takes videos up to ${inMegabytes(MEDIA_MAX)}; ${size}.`);
    if (!file.previewUrl) return refused('rejected', `LINE shows a video with a preview image, and the relay could not offer one for ${file.name}.`);
    return { ok: true, message: { type: 'video', originalContentUrl: file.url, previewImageUrl: file.previewUrl } };
  }
  if (file.mediaType === 'audio/mp4') {
    if (file.size > MEDIA_MAX) return refused('too-large', `LINE takes audio up to ${inMegabytes(MEDIA_MAX)}; ${size}.`);
    if (!file.durationMs) return refused('rejected', `LINE needs the length of audio, and ${file.name} does not say how long it plays.`);
    return { ok: true, message: { type: 'audio', originalContentUrl: file.url, duration: file.durationMs } };
  }
  if (file.kind === 'audio') return refused('rejected', `LINE takes audio from the relay as M4A, whose length the relay reads from the file; ${file.name} is ${file.mediaType}.`);
  if (file.kind === 'video') return refused('rejected', `LINE plays MP4 videos only; ${file.name} is ${file.mediaType}.`);
  return refused('rejected', `LINE takes only JPEG and PNG images, MP4 videos and M4A audio from the relay; ${file.name} (${file.mediaType}) cannot be sent there.`);
}

function refused(failure: Refusal['failure'], detail: string): { ok: false; refusal: Refusal } {
  return { ok: false, refusal: { kind: 'failed', failure, detail } };
}
