/**
 * How many segments an SMS body takes, as carriers bill it and Twilio reports it (num_segments).
 * A body entirely in the GSM-7 alphabet (3GPP TS 23.038, the basic set plus its extension table,
 * whose characters take two septets) goes in one segment of 160 septets or, split, in segments
 * of 153; any other character sends the whole body as UCS-2: one segment of 70 UTF-16 units or
 * segments of 67. A split never cuts an extension character or a surrogate pair in two.
 */

const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM7_EXTENSION = new Set('\f^{}\\[~]|€');

export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** The first character that forces UCS-2, or null when the body fits GSM-7. */
export function firstNonGsmCharacter(body: string): string | null {
  for (const char of body) if (!GSM7_BASIC.has(char) && !GSM7_EXTENSION.has(char)) return char;
  return null;
}

export function smsEncoding(body: string): SmsEncoding {
  return firstNonGsmCharacter(body) === null ? 'GSM-7' : 'UCS-2';
}

/** Segments the body takes (an empty body still sends one). */
export function smsSegments(body: string): number {
  const gsm = smsEncoding(body) === 'GSM-7';
  const sizeOf = (char: string) => (gsm ? (GSM7_EXTENSION.has(char) ? 2 : 1) : char.length);
  const sizes = Array.from(body, sizeOf);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total <= (gsm ? 160 : 70)) return 1;
  const perSegment = gsm ? 153 : 67;
  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > perSegment) {
      segments++;
      used = 0;
    }
    used += size;
  }
  return segments;
}

/**
 * Why `body` is too long for an SMS reply of at most `maxSegments` segments, in the agent's
 * words, or null when it fits. It names the character that made the text UCS-2, since replacing
 * one curly quote or emoji can more than halve the count.
 */
export function smsLengthRefusal(body: string, maxSegments: number): string | null {
  const segments = smsSegments(body);
  if (segments <= maxSegments) return null;
  const cause = firstNonGsmCharacter(body);
  const size = cause === null
    ? 'each segment holds 153 characters'
    : `the text has characters outside the SMS alphabet (such as “${cause}”), so each segment holds only 67 characters`;
  return `This reply would go as ${segments} SMS segments and replies here take at most ${maxSegments}: ${size}. Shorten it${cause === null ? '' : ', replace those characters'} or send it in parts.`;
}
