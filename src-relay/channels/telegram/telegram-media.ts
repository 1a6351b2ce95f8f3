import { inMegabytes, MB } from '../../../src-shared/domain/attachments.js';
import { TelegramGetFileAnswer, type TelegramMessage } from '../../../src-shared/protocol/channels/telegram.js';
import type { FetchedMedia, InboundMedia, OutboundFile, OutboundText, ProviderApi, SendOutcome } from '../port/channel-adapter.js';
import { downloadBytes, filePart, isPermanent, postMultipart } from '../port/provider-bytes.js';
import { postJson } from '../port/provider-call.js';
import { sendInParts, type ReplyPart } from '../port/reply-parts.js';
import type { TelegramCredentials } from './telegram-credentials.js';
import { sendTelegramText, telegramOutcome } from './telegram-sender.js';

/**
 * Files on Telegram, as the Bot API documents them. In: getFile turns a file_id into a path,
 * downloaded from /file/bot<token>/<file_path> (bots may download files up to 20 MB). Out:
 * sendPhoto, sendDocument, sendAudio, sendVoice and sendVideo as multipart/form-data (photos up to
 * 10 MB, other files up to 50 MB); one message a file.
 */

const DOWNLOAD_MAX = 20 * MB;
const PHOTO_MAX = 10 * MB;
const FILE_MAX = 50 * MB;
/** Telegram's longest caption. */
const CAPTION_MAX = 1024;

/** The file a message carries: the largest size of a photo, or the document, audio, voice or video. */
export function telegramMediaOf(message: TelegramMessage): InboundMedia | null {
  const photo = message.photo?.at(-1);
  if (photo) return { ref: photo.file_id, name: 'photo.jpg', mediaType: 'image/jpeg', size: photo.file_size ?? null };
  const [file, name, type] = message.document
    ? [message.document, 'document', null]
    : message.audio
      ? [message.audio, 'audio.mp3', 'audio/mpeg']
      : message.voice
        ? [message.voice, 'voice.ogg', 'audio/ogg']
        : message.video
          ? [message.video, 'video.mp4', 'video/mp4']
          : [null, '', null];
  if (!file) return null;
  return { ref: file.file_id, name: file.file_name?.trim() || name, mediaType: file.mime_type ?? type, size: file.file_size ?? null };
}

export async function fetchTelegramMedia(media: InboundMedia, credentials: TelegramCredentials, api: ProviderApi, maxBytes: number): Promise<FetchedMedia> {
  const limit = Math.min(maxBytes, DOWNLOAD_MAX);
  if (media.size !== null && media.size > DOWNLOAD_MAX) return { ok: false, detail: `Telegram lets bots download files up to ${inMegabytes(DOWNLOAD_MAX)}, and it is ${inMegabytes(media.size)}`, permanent: true };
  const found = await postJson(api, `/bot${credentials.botToken}/getFile`, { file_id: media.ref });
  if (!found.ok) return { ok: false, detail: found.detail };
  const file = TelegramGetFileAnswer.safeParse(found.body);
  const path = file.success ? file.data.result.file_path : undefined;
  // A 400 ("file is too big", an unknown file_id) stays so.
  if (!path) return { ok: false, detail: `Telegram answered getFile with ${found.status} and no file path`, permanent: isPermanent(found.status) };
  return downloadBytes(`${api.baseUrl}/file/bot${credentials.botToken}/${path}`, {}, api.timeoutMs, limit);
}

/** The reply's files, each by the method for its kind; the text goes as the first caption, or alone first when too long for one. */
export async function sendTelegramFiles(text: OutboundText, credentials: TelegramCredentials, api: ProviderApi, files: OutboundFile[]): Promise<SendOutcome> {
  const tooLarge = files.find((file) => file.size > limitOf(file));
  if (tooLarge) {
    return { kind: 'failed', failure: 'too-large', detail: `Telegram takes ${tooLarge.kind === 'image' ? 'photos' : 'files'} up to ${inMegabytes(limitOf(tooLarge))} from a bot; ${tooLarge.name} is ${inMegabytes(tooLarge.size)}.` };
  }
  const captioned = text.body.length <= CAPTION_MAX;
  const sendFile = (file: OutboundFile, caption: string | null): ReplyPart => async () => {
    const [method, field] = methodFor(file);
    const form = new FormData();
    form.set('chat_id', text.recipient);
    if (caption) form.set('caption', caption);
    form.set(field, filePart(file), file.name);
    return telegramOutcome(await postMultipart(api, `/bot${credentials.botToken}/${method}`, form));
  };
  const words: ReplyPart[] = captioned ? [] : [() => sendTelegramText(text, credentials, api)];
  return sendInParts(text, [...words, ...files.map((file, index) => sendFile(file, captioned && index === 0 ? text.body : null))]);
}

/** Photos as photos (Telegram recompresses them), voice notes as voice, the rest by kind; a GIF or anything else as a document. */
function methodFor(file: OutboundFile): [string, string] {
  if (file.kind === 'image' && ['image/jpeg', 'image/png', 'image/webp'].includes(file.mediaType)) return ['sendPhoto', 'photo'];
  if (file.mediaType === 'audio/ogg') return ['sendVoice', 'voice'];
  if (file.kind === 'audio') return ['sendAudio', 'audio'];
  if (file.mediaType === 'video/mp4') return ['sendVideo', 'video'];
  return ['sendDocument', 'document'];
}

function limitOf(file: OutboundFile): number {
  return methodFor(file)[0] === 'sendPhoto' ? PHOTO_MAX : FILE_MAX;
}
