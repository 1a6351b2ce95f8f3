import { createDecipheriv } from 'node:crypto';

/** WeChat pads to 32-byte blocks (PKCS#7 with a 32-byte block), not AES's 16. */
const BLOCK = 32;

/**
 * Opens a safe-mode Encrypt text (消息加解密说明, "Message encryption", and Tencent's
 * WXBizMsgCrypt): AES-256-CBC with the EncodingAESKey (base64, 43 characters and "=") as the key
 * and its first 16 bytes as the IV; the plaintext is 16 random bytes, the message's length (4
 * bytes, big-endian), the message, and the AppID it was sealed for. Throws on anything else.
 */
export function openWechatEnvelope(encodingAesKey: string, encrypt: string): { message: string; appId: string } {
  const key = Buffer.from(encodingAesKey + '=', 'base64');
  if (key.length !== 32) throw new Error('the EncodingAESKey is not 32 bytes');
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(Buffer.from(encrypt, 'base64')), decipher.final()]);
  const pad = padded.at(-1) ?? 0;
  if (pad < 1 || pad > BLOCK || pad > padded.length) throw new Error('bad padding');
  const plain = padded.subarray(0, padded.length - pad);
  if (plain.length < 20) throw new Error('too short');
  const length = plain.readUInt32BE(16);
  if (20 + length > plain.length) throw new Error('bad length');
  return { message: plain.subarray(20, 20 + length).toString('utf8'), appId: plain.subarray(20 + length).toString('utf8') };
}
