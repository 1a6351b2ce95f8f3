import { inMegabytes, MB } from '../../../src-shared/domain/attachments.js';
import type { MessagingMessage } from '../../../src-shared/protocol/channels/messenger.js';
import type { FetchedMedia, InboundMedia, OutboundFile, OutboundText, ProviderApi, SendOutcome } from '../port/channel-adapter.js';
import { downloadBytes, filePart, postMultipart } from '../port/provider-bytes.js';
import { sendInParts, type ReplyPart } from '../port/reply-parts.js';
import { graphOutcome, sendGraphText, windowFields, type GraphSender } from './graph-send.js';

/**
 * Files on Messenger and Instagram, as the Send API documents them. In: an attachment's payload
 * carries a URL, downloaded as it is. Out: the file is uploaded with the message (multipart:
 * recipient, message with an attachment of type image, video, audio or file, and `filedata`),
 * one message a file, the reply's words first on their own (attachments carry no caption).
 */

/** The Send API's limit for an attachment. */
const ATTACHMENT_MAX = 25 * MB;
const FILE_KINDS = new Set(['image', 'video', 'audio', 'file']);

export function graphMediaOf(message: MessagingMessage): InboundMedia[] {
  return (message.attachments ?? []).flatMap((attachment) => {
    const url = attachment.payload?.url;
    if (!FILE_KINDS.has(attachment.type) || !url || !/^https?:\/\//.test(url)) return [];
    return [{ ref: url, name: nameOf(url, attachment.type), mediaType: null, size: null }];
  });
}

/** The URL's last segment when it has an ending ("…_n.jpg"), else the kind: the bytes tell the type. */
function nameOf(url: string, kind: string): string {
  const last = decodeURIComponent(new URL(url).pathname.split('/').at(-1) ?? '');
  return /^[^/\\]{1,120}\.[a-z0-9]{2,5}$/i.test(last) ? last : kind;
}

export async function fetchGraphMedia(media: InboundMedia, _sender: GraphSender, api: ProviderApi, maxBytes: number): Promise<FetchedMedia> {
  return downloadBytes(media.ref, {}, api.timeoutMs, maxBytes);
}

export async function sendGraphFiles(text: OutboundText, sender: GraphSender, api: ProviderApi, files: OutboundFile[]): Promise<SendOutcome> {
  if (text.window === 'closed') return sendGraphText(text, sender, api);
  const tooLarge = files.find((file) => file.size > ATTACHMENT_MAX);
  if (tooLarge) return { kind: 'failed', failure: 'too-large', detail: `${sender.provider} takes attachments up to ${inMegabytes(ATTACHMENT_MAX)}; ${tooLarge.name} is ${inMegabytes(tooLarge.size)}.` };
  const sendFile = (file: OutboundFile): ReplyPart => async () => {
    const form = new FormData();
    form.set('recipient', JSON.stringify({ id: text.recipient }));
    for (const [name, value] of Object.entries(windowFields(text))) form.set(name, value);
    form.set('message', JSON.stringify({ attachment: { type: file.kind === 'document' ? 'file' : file.kind, payload: { is_reusable: false } } }));
    form.set('filedata', filePart(file), file.name);
    return graphOutcome(await postMultipart(api, `/${sender.graphVersion}/me/messages`, form, { authorization: `Bearer ${sender.accessToken}` }), sender);
  };
  const words: ReplyPart[] = text.body === files.map((file) => file.name).join(', ') ? [] : [() => sendGraphText(text, sender, api)];
  return sendInParts(text, [...words, ...files.map(sendFile)]);
}
