import type { Channel, ChannelDelivery, Message } from './model.js';

/**
 * What a messaging provider allows a business to send, shared by the relay (which refuses a
 * reply before queueing it) and the desk (which can say so before the agent writes).
 */
export interface MessagingRules {
  /** The provider's name, as the agent knows it. */
  name: string;
  /**
   * How long after the customer's last message a free-form reply may still be sent; null when the
   * provider has no such window. Outside it only approved templates may go, where the provider has them.
   */
  windowMs: number | null;
  /** The longest text the provider takes in one message, in UTF-16 code units as JavaScript counts. */
  maxTextLength: number;
  /** The provider shows the text as it is: Markdown would reach the customer as asterisks. */
  plainText: true;
  /** SMS: the most segments one reply may take (sms-segments.ts counts them); absent for apps that take whole texts. */
  maxSegments?: number;
  /**
   * After the window, how long after the customer's last message a person may still answer with
   * the provider's human-agent tag (Messenger's and Instagram's HUMAN_AGENT: 7 days). Absent: no such extension.
   */
  taggedWindowMs?: number;
  /** The longest text in bytes of UTF-8, for providers that count bytes (Instagram, WeChat). */
  maxTextBytes?: number;
  /** How many replies may follow one message of the customer within the window (WeChat: 5); absent: no limit. */
  repliesPerInbound?: number;
  /** After the window, the business may still send its approved message templates (WhatsApp); absent: nothing may go. */
  approvedTemplates?: true;
}

const HOUR_MS = 60 * 60_000;

/** WhatsApp's customer-service window: 24 hours from the user's last message. A text body holds 4096 characters. */
export const WHATSAPP_RULES: MessagingRules = { name: 'WhatsApp', windowMs: 24 * HOUR_MS, maxTextLength: 4096, plainText: true, approvedTemplates: true };
/** Telegram has no window (a bot may write while the user has not blocked it); sendMessage takes 1-4096 characters. */
export const TELEGRAM_RULES: MessagingRules = { name: 'Telegram', windowMs: null, maxTextLength: 4096, plainText: true };

/** LINE has no window (a push may go to any friend of the account, within the plan's monthly messages); a text message holds 5000 characters. */
export const LINE_RULES: MessagingRules = { name: 'LINE', windowMs: null, maxTextLength: 5000, plainText: true };
/**
 * SMS through Twilio has no window (a number that texted STOP is refused by Twilio itself). Twilio
 * takes 1600 characters, but a long text is billed and delivered as many segments, out of order
 * on some phones: a reply may take at most 10, which hold 1530 GSM-7 characters (670 in UCS-2).
 */
export const SMS_RULES: MessagingRules = { name: 'SMS', windowMs: null, maxTextLength: 1530, plainText: true, maxSegments: 10 };
/** Viber has no window (its 24-hour session is about billing: a bot may write to its subscribers at any time); a text holds 7000 characters. */
export const VIBER_RULES: MessagingRules = { name: 'Viber', windowMs: null, maxTextLength: 7000, plainText: true };
/** Messenger: 24 hours, then 7 days with the HUMAN_AGENT tag; a text holds 2000 characters. */
export const MESSENGER_RULES: MessagingRules = { name: 'Messenger', windowMs: 24 * HOUR_MS, taggedWindowMs: 7 * 24 * HOUR_MS, maxTextLength: 2000, plainText: true };
/** Instagram (Messenger API for Instagram): Messenger's windows, and a text of at most 1000 bytes of UTF-8. */
export const INSTAGRAM_RULES: MessagingRules = { name: 'Instagram', windowMs: 24 * HOUR_MS, taggedWindowMs: 7 * 24 * HOUR_MS, maxTextLength: 1000, maxTextBytes: 1000, plainText: true };
/** WeChat's customer-service messages: 48 hours after the customer's last message, at most 5 replies to it; a text holds 2048 bytes. */
export const WECHAT_RULES: MessagingRules = { name: 'WeChat', windowMs: 48 * HOUR_MS, repliesPerInbound: 5, maxTextLength: 2048, maxTextBytes: 2048, plainText: true };
/** Email has no window and no practical length limit; a reply is sent as text with its HTML twin. */
export const EMAIL_RULES: MessagingRules = { name: 'Email', windowMs: null, maxTextLength: 100_000, plainText: true };

/** The messaging apps the relay connects, by channel. */
export const MESSAGING_RULES: Partial<Record<Channel, MessagingRules>> = {
  whatsapp: WHATSAPP_RULES,
  telegram: TELEGRAM_RULES,
  line: LINE_RULES,
  sms: SMS_RULES,
  viber: VIBER_RULES,
  messenger: MESSENGER_RULES,
  instagram: INSTAGRAM_RULES,
  wechat: WECHAT_RULES,
  email: EMAIL_RULES,
};

export function messagingRulesOf(channel: Channel): MessagingRules | null {
  return MESSAGING_RULES[channel] ?? null;
}

/** Whether a free-form reply may still go at `at`, the customer having last written at `lastInboundAt`. */
export function windowOpen(rules: MessagingRules, lastInboundAt: number | null, at: number): boolean {
  if (rules.windowMs === null) return true;
  return lastInboundAt !== null && at - lastInboundAt < rules.windowMs;
}

/**
 * How a reply may go at `at`: `open` within the provider's window (or when it has none),
 * `tagged` after it but within the human-agent extension (sent with the provider's tag),
 * `closed` otherwise (the customer has to write again first).
 */
export type ReplyWindow = 'open' | 'tagged' | 'closed';

export function replyWindow(rules: MessagingRules, lastInboundAt: number | null, at: number): ReplyWindow {
  if (windowOpen(rules, lastInboundAt, at)) return 'open';
  if (rules.taggedWindowMs !== undefined && lastInboundAt !== null && at - lastInboundAt < rules.taggedWindowMs) return 'tagged';
  return 'closed';
}

/** When `window` (as replyWindow reckoned it) ends: the free window, then the tagged one; null when it does not. */
export function replyWindowEndsAt(rules: MessagingRules, lastInboundAt: number | null, window: ReplyWindow): number | null {
  if (lastInboundAt === null || rules.windowMs === null) return null;
  if (window === 'open') return lastInboundAt + rules.windowMs;
  return window === 'tagged' && rules.taggedWindowMs ? lastInboundAt + rules.taggedWindowMs : null;
}

/** Whether `body` fits one message: in UTF-16 units as JavaScript counts, and in bytes of UTF-8 where the provider counts those. */
export function textFits(rules: MessagingRules, body: string): boolean {
  if (body.length > rules.maxTextLength) return false;
  return rules.maxTextBytes === undefined || utf8Length(body) <= rules.maxTextBytes;
}

/** Bytes of UTF-8, counted by code point (src-shared compiles without Buffer and TextEncoder); a lone surrogate counts as the 3 bytes of U+FFFD it is sent as. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/**
 * The replies that went to the customer since their last message, from the conversation's public
 * messages, oldest first (the newest of them suffice). Replies that surely did not arrive (a
 * refusal the provider explained) do not count; one whose fate is unknown does.
 */
export function repliesSinceCustomer(messages: readonly Pick<Message, 'author' | 'channelDelivery'>[]): number {
  let replies = 0;
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (!message || message.author === 'customer') break;
    const delivery = message.channelDelivery;
    if (message.author === 'agent' && delivery && (delivery.state !== 'failed' || delivery.failure === 'unconfirmed')) replies++;
  }
  return replies;
}

/** Whether one more reply may follow the customer's last message, `replies` having gone since. */
export function replyQuotaAllows(rules: MessagingRules, replies: number): boolean {
  return rules.repliesPerInbound === undefined || replies < rules.repliesPerInbound;
}

const RANK: Record<ChannelDelivery['state'], number> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 4 };

/**
 * Whether `next` tells more than `current`. Providers' callbacks can arrive out of order (read
 * before delivered), so a state never goes back; a failure ends the story, and a reply once
 * read cannot have failed after all.
 */
export function advancesDelivery(current: ChannelDelivery | null | undefined, next: ChannelDelivery): boolean {
  if (!current) return true;
  if (current.state === 'failed' || current.state === 'read') return false;
  return RANK[next.state] > RANK[current.state];
}
