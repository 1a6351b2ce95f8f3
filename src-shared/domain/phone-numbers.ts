import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { Channel } from './model.js';

/** A phone number as one value (E.164), and the country it belongs to when the numbering plan tells. */
export interface PhoneNumber {
  e164: string;
  country: string | null;
}

/** Digits with the separators people write; anything else (a Viber user id, a Telegram username) is no phone number. */
const PHONE_LIKE = /^\+?[\d\s().-]{6,24}$/;

/**
 * A phone number in E.164, or null when `raw` is not a valid one. Without a leading "+", a
 * number is read in `country`'s national format when one is given, else as international digits
 * (how WhatsApp's wa_id and most providers' ids write it: "4915112345678").
 */
export function phoneNumberOf(raw: string, country?: CountryCode): PhoneNumber | null {
  const text = raw.trim();
  if (!PHONE_LIKE.test(text)) return null;
  const parsed = text.startsWith('+') || !country ? parsePhoneNumberFromString(text.startsWith('+') ? text : `+${text}`) : parsePhoneNumberFromString(text, country);
  if (!parsed?.isValid()) return null;
  return { e164: parsed.number, country: parsed.country ?? null };
}

/**
 * Channels whose user id is the user's phone number, proven by the provider: a WhatsApp wa_id,
 * an SMS sender, a Viber Business Messages recipient. LINE, Telegram, Messenger, Instagram and
 * WeChat give opaque ids and no number.
 */
export const PHONE_ID_CHANNELS: readonly Channel[] = ['whatsapp', 'sms', 'viber'];

/** The verified phone number a channel's user id is, if the channel's ids are numbers and this one is valid. */
export function phoneOfChannelUser(channel: Channel, externalId: string): PhoneNumber | null {
  return PHONE_ID_CHANNELS.includes(channel) ? phoneNumberOf(externalId) : null;
}
