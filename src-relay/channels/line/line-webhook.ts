import { createHmac, timingSafeEqual } from 'node:crypto';
import { LineMessageEvent, LineWebhook, type LineMessage } from '../../../src-shared/protocol/channels/line.js';
import type { ChannelInbound } from '../../conversations/channel-messages.js';
import type { WebhookParse } from '../port/channel-adapter.js';
import { lineMediaOf } from './line-media.js';

/**
 * LINE signs each webhook with the channel secret: `x-line-signature` is the base64 HMAC-SHA256
 * of the body exactly as received. A redelivery is signed afresh (its bytes differ: isRedelivery).
 */
export function lineSignatureValid(rawBody: Buffer, header: string | string[] | undefined, channelSecret: string): boolean {
  if (typeof header !== 'string' || header === '') return false;
  const expected = Buffer.from(createHmac('sha256', channelSecret).update(rawBody).digest('base64'));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * A LINE webhook: the messages users wrote to the account in one-to-one chats. Other events
 * (follow, unfollow, postback, group chats) are not a customer's messages and are left out; an
 * empty batch is the console's "Verify" and is simply acknowledged. A redelivered event carries
 * the same message id, by which it is stored once. LINE sends no delivery or read statuses.
 */
export function parseLineWebhook(payload: unknown): WebhookParse {
  const webhook = LineWebhook.safeParse(payload);
  if (!webhook.success) return { ok: false, error: 'not a LINE webhook' };
  const messages: ChannelInbound[] = [];
  for (const event of webhook.data.events) {
    if ((event as { type?: unknown } | null)?.type !== 'message') continue;
    const parsed = LineMessageEvent.safeParse(event);
    if (!parsed.success) return { ok: false, error: `a message event that is not LINE's: ${parsed.error.issues[0]?.message ?? ''}` };
    const { source, message, timestamp } = parsed.data;
    if (source.type !== 'user' || !source.userId) continue;
    const media = lineMediaOf(message);
    messages.push({
      providerMessageId: message.id,
      externalUserId: source.userId,
      // The webhook carries no name; the profile API has it, which is a call this fast path does not make.
      displayName: `LINE user ${source.userId.slice(-6)}`,
      language: null,
      body: media ? media.name : bodyOf(message),
      sentAt: timestamp,
      ...(media ? { media: [media] } : {}),
    });
  }
  return { ok: true, webhook: { messages, statuses: [] } };
}

/** Text as written; other kinds (stickers, locations) are named so the agent knows something came. */
function bodyOf(message: LineMessage): string {
  if (message.type === 'text' && message.text?.trim()) return message.text;
  if (message.type === 'file' && message.fileName) return `[file] ${message.fileName}`;
  return `[${message.type}]`;
}
