/**
 * How many SMS segments a body takes, as carriers count and Twilio reports in num_segments
 * (https://www.twilio.com/docs/glossary/what-sms-character-limit and
 * https://www.twilio.com/docs/glossary/what-is-gsm-7-character-encoding): a body entirely in the
 * GSM-7 alphabet takes 160 septets in one segment or 153 per segment when split (characters of
 * the extension table take two septets); any other character sends the whole body as UCS-2,
 * 70 UTF-16 units in one segment or 67 per segment.
 */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '\f^{}\\[~]|€';

export function smsEncoding(body: string): 'GSM-7' | 'UCS-2' {
  for (const char of body) if (!GSM7_BASIC.includes(char) && !GSM7_EXTENSION.includes(char)) return 'UCS-2';
  return 'GSM-7';
}

export function smsSegments(body: string): number {
  if (body.length === 0) return 1;
  if (smsEncoding(body) === 'GSM-7') {
    let septets = 0;
    for (const char of body) septets += GSM7_EXTENSION.includes(char) ? 2 : 1;
    return septets <= 160 ? 1 : Math.ceil(septets / 153);
  }
  return body.length <= 70 ? 1 : Math.ceil(body.length / 67);
}
