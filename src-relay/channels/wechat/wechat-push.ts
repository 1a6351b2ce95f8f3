import { WechatPush, WechatSealedPush } from '../../../src-shared/protocol/channels/wechat.js';
import type { ChannelWebhook } from '../../conversations/channel-messages.js';
import type { WebhookParse, WebhookRequest } from '../port/channel-adapter.js';
import type { WechatCredentials } from './wechat-credentials.js';
import { openWechatEnvelope } from './wechat-crypto.js';
import { wechatSigned } from './wechat-signature.js';
import { wechatElements } from './wechat-xml.js';
import { wechatMediaOf } from './wechat-media.js';

/**
 * Whether a push is WeChat's for this account: `signature` over the Token, timestamp and nonce
 * (checked first, before the body is read at all). An account in safe mode takes sealed pushes
 * only, and their `msg_signature` covers the Encrypt text too: reading that one element is what
 * the check is made of.
 */
export function verifyWechatPush(request: WebhookRequest, credentials: WechatCredentials): boolean {
  if (!wechatSigned(request.query, credentials.token)) return false;
  if (credentials.encodingAesKey === undefined) return true;
  if (request.query.encrypt_type !== 'aes') return false;
  const sealed = WechatSealedPush.safeParse(wechatElements(request.rawBody));
  return sealed.success && wechatSigned(request.query, credentials.token, sealed.data.Encrypt);
}

/**
 * A user's message to the official account, from a verified push (opened first in safe mode).
 * Events (subscribe, menu clicks, a template's delivery report) are not conversations and are
 * left out. WeChat reports nothing about customer-service messages: a push never carries a status.
 */
export function parseWechatPush(request: WebhookRequest, credentials: WechatCredentials): WebhookParse {
  const elements = wechatElements(request.rawBody);
  if (!elements) return { ok: false, error: 'not an XML push' };
  const fields = credentials.encodingAesKey === undefined ? elements : opened(elements, credentials);
  if ('error' in fields) return { ok: false, error: String(fields.error) };
  const push = WechatPush.safeParse(fields);
  if (!push.success) return { ok: false, error: `not a WeChat message: ${push.error.issues[0]?.path.join('.') ?? ''} ${push.error.issues[0]?.message ?? ''}` };
  return { ok: true, webhook: webhookOf(push.data) };
}

function opened(elements: Record<string, unknown>, credentials: WechatCredentials): Record<string, unknown> | { error: string } {
  const sealed = WechatSealedPush.safeParse(elements);
  if (!sealed.success) return { error: 'a push of a safe-mode account without Encrypt' };
  let envelope: { message: string; appId: string };
  try {
    envelope = openWechatEnvelope(credentials.encodingAesKey ?? '', sealed.data.Encrypt);
  } catch (error) {
    return { error: `its Encrypt does not open with this account's EncodingAESKey (${error instanceof Error ? error.message : 'unreadable'})` };
  }
  if (envelope.appId !== credentials.appId) return { error: 'it was sealed for another AppID' };
  return wechatElements(envelope.message) ?? { error: 'the sealed message is not XML' };
}

function webhookOf(push: WechatPush): ChannelWebhook {
  if (push.MsgType === 'event' || push.MsgId === undefined) return { messages: [], statuses: [] };
  const media = wechatMediaOf(push);
  const inbound = {
    providerMessageId: push.MsgId,
    externalUserId: push.FromUserName,
    // Pushes carry only the OpenID; WeChat no longer gives apps the user's nickname.
    displayName: `WeChat user …${push.FromUserName.slice(-6)}`,
    language: null,
    body: media ? push.Recognition?.trim() || media.name : bodyOf(push),
    sentAt: Number(push.CreateTime) * 1000,
    ...(media ? { media: [media] } : {}),
  };
  return { messages: [inbound], statuses: [] };
}

/** Text as written; other kinds (locations, links) are named, with what WeChat tells of them. */
function bodyOf(push: WechatPush): string {
  if (push.MsgType === 'text' && push.Content?.trim()) return push.Content;
  const told = [push.Recognition, push.Label, push.Title, push.Url].filter((part) => part?.trim()).join(' ');
  return told ? `[${push.MsgType}] ${told}` : `[${push.MsgType}]`;
}
