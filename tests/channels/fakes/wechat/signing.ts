import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * WeChat Official Account message signing, as the platform documents it:
 * - plaintext mode: `signature` = sha1 of token, timestamp and nonce sorted as strings and joined
 *   (接入指南 / "Access overview": https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Access_Overview.html);
 * - safe mode: `msg_signature` = sha1 of token, timestamp, nonce and the Encrypt text, sorted and
 *   joined; Encrypt = base64(AES-256-CBC(random 16 bytes + 4-byte big-endian length + message +
 *   appId)), key = base64-decoded EncodingAESKey + "=", IV = the key's first 16 bytes, PKCS#7
 *   padding to 32-byte blocks (消息加解密说明 / "Message encryption":
 *   https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Message_encryption_and_decryption_instructions.html,
 *   and Tencent's WXBizMsgCrypt sample code).
 */
export function wechatSignature(token: string, timestamp: string, nonce: string): string {
  return sha1Sorted([token, timestamp, nonce]);
}

export function wechatMsgSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return sha1Sorted([token, timestamp, nonce, encrypt]);
}

function sha1Sorted(parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join(''), 'utf8').digest('hex');
}

const BLOCK = 32;

function aesKey(encodingAesKey: string): Buffer {
  const key = Buffer.from(encodingAesKey + '=', 'base64');
  if (key.length !== 32) throw new Error('An EncodingAESKey is 43 characters of base64 for a 32-byte key');
  return key;
}

/** Encrypts `message` for `appId`; `random` (16 bytes) is fixed only to check published vectors. */
export function wechatEncrypt(encodingAesKey: string, appId: string, message: string, random: Buffer = randomBytes(16)): string {
  const key = aesKey(encodingAesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([random, length, body, Buffer.from(appId, 'utf8')]);
  const pad = BLOCK - (plain.length % BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

/** Decrypts an Encrypt text: the message and the appId it was sealed for. */
export function wechatDecrypt(encodingAesKey: string, encrypt: string): { message: string; appId: string } {
  const key = aesKey(encodingAesKey);
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(Buffer.from(encrypt, 'base64')), decipher.final()]);
  const pad = padded[padded.length - 1] ?? 0;
  if (pad < 1 || pad > BLOCK) throw new Error('Bad PKCS#7 padding in a WeChat Encrypt text');
  const plain = padded.subarray(0, padded.length - pad);
  const length = plain.readUInt32BE(16);
  return {
    message: plain.subarray(20, 20 + length).toString('utf8'),
    appId: plain.subarray(20 + length).toString('utf8'),
  };
}
