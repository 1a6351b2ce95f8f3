import { inMegabytes, MB } from '../../../src-shared/domain/attachments.js';
import type { WechatPush } from '../../../src-shared/protocol/channels/wechat.js';
import type { FetchedMedia, InboundMedia, OutboundFile, OutboundText, ProviderApi, SendOutcome } from '../port/channel-adapter.js';
import { downloadBytes, filePart, postMultipart } from '../port/provider-bytes.js';
import { sendInParts, type ReplyPart } from '../port/reply-parts.js';
import type { WechatCredentials } from './wechat-credentials.js';
import { sendWechatMessage, sendWechatText } from './wechat-sender.js';
import { wechatAccessToken } from './wechat-token.js';

/**
 * Media on WeChat, as the official account API documents its temporary materials: a push names
 * its file by MediaId, fetched with GET /cgi-bin/media/get; a file is sent by uploading it
 * (POST /cgi-bin/media/upload?type=…, multipart "media") and sending the media_id that answers as
 * a customer-service image, voice or video message. WeChat sends no documents from an account:
 * a reply carrying one is not delivered, and says why.
 */

/** Upload limits per type: images 10 MB, voice 2 MB (AMR or MP3), video 10 MB (MP4). */
const UPLOADS: Record<string, { type: string; limit: number } | undefined> = {
  'image/jpeg': { type: 'image', limit: 10 * MB },
  'image/png': { type: 'image', limit: 10 * MB },
  'image/gif': { type: 'image', limit: 10 * MB },
  'audio/amr': { type: 'voice', limit: 2 * MB },
  'audio/mpeg': { type: 'voice', limit: 2 * MB },
  'video/mp4': { type: 'video', limit: 10 * MB },
};

const KINDS: Record<string, { name: string; mediaType: string | null } | undefined> = {
  image: { name: 'image.jpg', mediaType: 'image/jpeg' },
  video: { name: 'video.mp4', mediaType: 'video/mp4' },
  shortvideo: { name: 'video.mp4', mediaType: 'video/mp4' },
};

export function wechatMediaOf(push: WechatPush): InboundMedia | null {
  if (!push.MediaId) return null;
  const format = push.Format?.toLowerCase();
  const kind = push.MsgType === 'voice' ? { name: `voice.${format || 'amr'}`, mediaType: format === 'amr' ? 'audio/amr' : null } : KINDS[push.MsgType];
  return kind ? { ref: push.MediaId, name: kind.name, mediaType: kind.mediaType, size: null } : null;
}

export async function fetchWechatMedia(media: InboundMedia, credentials: WechatCredentials, api: ProviderApi, maxBytes: number): Promise<FetchedMedia> {
  const token = await wechatAccessToken(credentials, api);
  if (!token.ok) return { ok: false, detail: token.detail };
  const query = new URLSearchParams({ access_token: token.token, media_id: media.ref });
  const got = await downloadBytes(`${api.baseUrl}/cgi-bin/media/get?${query}`, {}, api.timeoutMs, maxBytes);
  if (!got.ok) return got;
  // An error comes back as JSON with status 200 ({"errcode":40007,"errmsg":"invalid media_id"}).
  // -1 (system busy) may pass; an invalid or expired media_id (40007) does not.
  if (got.mediaType?.includes('json') || got.mediaType?.startsWith('text/')) {
    const answer = got.bytes.toString('utf8').slice(0, 200);
    return { ok: false, detail: `WeChat answered: ${answer}`, permanent: !/"errcode"\s*:\s*-1\b/.test(answer) };
  }
  return got;
}

/** Each file uploaded and sent; the text first, unless it is only the files' names (what a desk sends with no words). */
export async function sendWechatFiles(text: OutboundText, credentials: WechatCredentials, api: ProviderApi, files: OutboundFile[]): Promise<SendOutcome> {
  for (const file of files) {
    const upload = UPLOADS[file.mediaType];
    if (!upload) return { kind: 'failed', failure: 'rejected', detail: `WeChat does not send ${file.mediaType} files from an official account (${file.name}); send a link instead.` };
    if (file.size > upload.limit) return { kind: 'failed', failure: 'too-large', detail: `WeChat takes ${upload.type} files up to ${inMegabytes(upload.limit)}; ${file.name} is ${inMegabytes(file.size)}.` };
  }
  const sendFile = (file: OutboundFile): ReplyPart => async () => {
    const type = UPLOADS[file.mediaType]!.type;
    const uploaded = await uploadMedia(credentials, api, file, type);
    if (!uploaded.ok) return uploaded.outcome;
    return sendWechatMessage(text, credentials, api, { msgtype: type, [type]: { media_id: uploaded.mediaId } });
  };
  const words: ReplyPart[] = text.body === files.map((file) => file.name).join(', ') ? [] : [() => sendWechatText(text, credentials, api)];
  return sendInParts(text, [...words, ...files.map(sendFile)]);
}

async function uploadMedia(credentials: WechatCredentials, api: ProviderApi, file: OutboundFile, type: string): Promise<{ ok: true; mediaId: string } | { ok: false; outcome: SendOutcome }> {
  const token = await wechatAccessToken(credentials, api);
  if (!token.ok) return { ok: false, outcome: token.passing ? { kind: 'retry', detail: token.detail } : { kind: 'failed', failure: 'rejected', detail: token.detail } };
  const form = new FormData();
  form.set('media', filePart(file), file.name);
  const answer = await postMultipart(api, `/cgi-bin/media/upload?${new URLSearchParams({ access_token: token.token, type })}`, form);
  if (!answer.ok) return { ok: false, outcome: { kind: 'retry', detail: answer.detail } };
  const body = answer.body as { media_id?: unknown; errcode?: unknown; errmsg?: unknown } | undefined;
  if (typeof body?.media_id === 'string') return { ok: true, mediaId: body.media_id };
  const detail = `WeChat refused the upload of ${file.name}: ${String(body?.errcode ?? answer.status)} ${String(body?.errmsg ?? '')}`.trim();
  return { ok: false, outcome: answer.status >= 500 || body?.errcode === -1 ? { kind: 'retry', detail } : { kind: 'failed', failure: 'rejected', detail } };
}
