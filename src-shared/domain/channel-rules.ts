import type { Channel, ChannelDelivery } from './model.js';

/**
 * What a messaging provider allows a business to send, shared by the relay (which refuses a
 * reply before queueing it) and the desk (which can say so before the agent writes).
 */
export interface MessagingRules {
  /** The provider's name, as the agent knows it. */
  name: string;
  /**
   * How long after the customer's last message a free-form reply may still be sent; null when the
   * provider has no such window. Outside it only approved templates may go (a later step).
   */
  windowMs: number | null;
  /** The longest text the provider takes in one message, in UTF-16 code units as JavaScript counts. */
  maxTextLength: number;
  /** The provider shows the text as it is: Markdown would reach the customer as asterisks. */
  plainText: true;
  /** SMS: the most segments one reply may take (sms-segments.ts counts them); absent for apps that take whole texts. */
  maxSegments?: number;
}

const HOUR_MS = 60 * 60_000;

/** WhatsApp's customer-service window: 24 hours from the user's last message. A text body holds 4096 characters. */
export const WHATSAPP_RULES: MessagingRules = { name: 'WhatsApp', windowMs: 24 * HOUR_MS, maxTextLength: 4096, plainText: true };
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

/** The messaging apps the relay connects, by channel. */
export const MESSAGING_RULES: Partial<Record<Channel, MessagingRules>> = {
  whatsapp: WHATSAPP_RULES,
  telegram: TELEGRAM_RULES,
  line: LINE_RULES,
  sms: SMS_RULES,
  viber: VIBER_RULES,
};

export function messagingRulesOf(channel: Channel): MessagingRules | null {
  return MESSAGING_RULES[channel] ?? null;
}

/** Whether a free-form reply may still go at `at`, the customer having last written at `lastInboundAt`. */
export function windowOpen(rules: MessagingRules, lastInboundAt: number | null, at: number): boolean {
  if (rules.windowMs === null) return true;
  return lastInboundAt !== null && at - lastInboundAt < rules.windowMs;
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
