import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ChannelDelivery } from '../../../src-shared/domain/model.js';
import { ViberCallbackHead, ViberMessageCallback, ViberStatusCallback, type ViberMessage } from '../../../src-shared/protocol/channels/viber.js';
import { readViberJson } from '../../../src-shared/protocol/channels/viber-json.js';
import type { WebhookParse } from '../port/channel-adapter.js';
import { viberMediaOf } from './viber-media.js';

/** Viber signs each callback: X-Viber-Content-Signature is the hex HMAC-SHA256 of the raw body, keyed with the auth token. */
export function viberSignatureValid(rawBody: Buffer, header: string | string[] | undefined, authToken: string): boolean {
  if (typeof header !== 'string' || !/^[0-9a-fA-F]{64}$/.test(header)) return false;
  const expected = createHmac('sha256', authToken).update(rawBody).digest();
  return timingSafeEqual(Buffer.from(header, 'hex'), expected);
}

const EMPTY: WebhookParse = { ok: true, webhook: { messages: [], statuses: [] } };

/**
 * A Viber callback, read so that its 64-bit message_token keeps every digit: a user's message
 * (stored once by its token), or the delivered / seen / failed status of one of ours. The other
 * events (the `webhook` check that set_webhook makes, subscribed, unsubscribed,
 * conversation_started) are acknowledged with 200 and leave nothing behind.
 */
export function parseViberCallback(rawBody: Buffer): WebhookParse {
  const read = readViberJson(rawBody.toString('utf8'));
  const head = read.ok ? ViberCallbackHead.safeParse(read.value) : null;
  if (!read.ok || !head?.success) return { ok: false, error: 'not a Viber callback' };
  if (head.data.event === 'message') return messageOf(read.value);
  if (['delivered', 'seen', 'failed'].includes(head.data.event)) return statusOf(read.value);
  return EMPTY;
}

function messageOf(payload: unknown): WebhookParse {
  const callback = ViberMessageCallback.safeParse(payload);
  if (!callback.success) return { ok: false, error: `a message callback that is not Viber's: ${callback.error.issues[0]?.message ?? ''}` };
  const { sender, message, message_token: token, timestamp } = callback.data;
  const media = viberMediaOf(message);
  const body = media ? message.text?.trim() || media.name : bodyOf(message);
  const inbound = { providerMessageId: token, externalUserId: sender.id, displayName: sender.name?.trim() || 'Viber user', language: sender.language ?? null, body, sentAt: timestamp, ...(media ? { media: [media] } : {}) };
  return { ok: true, webhook: { messages: [inbound], statuses: [] } };
}

const STATES = { delivered: 'delivered', seen: 'read', failed: 'failed' } as const;

function statusOf(payload: unknown): WebhookParse {
  const callback = ViberStatusCallback.safeParse(payload);
  if (!callback.success) return { ok: false, error: `a status callback that is not Viber's: ${callback.error.issues[0]?.message ?? ''}` };
  const { event, timestamp, message_token: token, desc } = callback.data;
  const failed = event === 'failed';
  const delivery: ChannelDelivery = { state: STATES[event], at: timestamp, failure: failed ? 'undeliverable' : null, detail: failed ? `Viber: ${desc ?? 'failed to deliver'}` : null };
  return { ok: true, webhook: { messages: [], statuses: [{ providerMessageId: token, delivery }] } };
}

/** Text as written; other kinds (stickers, contacts, locations) are named so the agent knows something came. */
function bodyOf(message: ViberMessage): string {
  if (message.type === 'text' && message.text?.trim()) return message.text;
  if (message.type === 'file' && message.file_name) return `[file] ${message.file_name}`;
  return message.text?.trim() ? `[${message.type}] ${message.text}` : `[${message.type}]`;
}
