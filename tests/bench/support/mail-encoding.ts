import Encoding from 'encoding-japanese';
import iconv from 'iconv-lite';
import type { MailCharset } from './mail-languages.js';

/**
 * Text in the bytes of a mail program's charset: ISO-2022-JP through encoding-japanese (iconv-lite
 * has no stateful ISO-2022 encoders), every other charset through iconv-lite.
 */
export function encodeText(text: string, charset: MailCharset): Buffer {
  if (charset.codec === 'JIS') return Buffer.from(Encoding.convert(Encoding.stringToCode(text), { to: 'JIS', from: 'UNICODE' }));
  return iconv.encode(text, charset.codec);
}

/** True when every character of `text` survives the charset (no "?" put in its place). */
export function encodes(text: string, charset: MailCharset): boolean {
  if (charset.codec === 'JIS') return Encoding.codeToString(Encoding.convert(Array.from(encodeText(text, charset)), { to: 'UNICODE', from: 'JIS' })) === text;
  return iconv.decode(encodeText(text, charset), charset.codec) === text;
}

const isAscii = (text: string) => /^[\x20-\x7e]*$/.test(text);

/**
 * A header value as mail programs write it (RFC 2047): plain when ASCII, else encoded words in the
 * mail's own charset, a few characters each so that no word grows past a line and none splits a
 * character (each ISO-2022-JP word carries its own escape sequences).
 */
export function encodedWords(text: string, charset: MailCharset): string {
  if (isAscii(text)) return text;
  const characters = Array.from(text);
  const words: string[] = [];
  for (let at = 0; at < characters.length; at += 12) {
    const bytes = encodeText(characters.slice(at, at + 12).join(''), charset);
    words.push(`=?${charset.label}?${charset.header}?${charset.header === 'B' ? bytes.toString('base64') : qEncoded(bytes)}?=`);
  }
  return words.join(' ');
}

/** A display name and address, the name encoded or quoted as needed. */
export function mailbox(name: string, address: string, charset: MailCharset): string {
  return isAscii(name) ? `"${name.replace(/["\\]/g, '')}" <${address}>` : `${encodedWords(name, charset)} <${address}>`;
}

function qEncoded(bytes: Buffer): string {
  let out = '';
  for (const byte of bytes) {
    const character = String.fromCharCode(byte);
    if (byte === 0x20) out += '_';
    else if (/[A-Za-z0-9!*+\-/]/.test(character)) out += character;
    else out += `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
