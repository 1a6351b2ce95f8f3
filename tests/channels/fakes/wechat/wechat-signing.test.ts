import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { wechatDecrypt, wechatEncrypt, wechatMsgSignature, wechatSignature } from './signing.js';

/**
 * Vectors from Tencent's own message-encryption sample code (WXBizMsgCrypt, offered for download
 * beside the "Message encryption" page): the Python Sample.py decryption example and the Java
 * WXBizMsgCryptTest encryption example.
 */
const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const PYTHON_SAMPLE = {
  token: 'spamtest',
  timestamp: '1409735669',
  nonce: '1320562132',
  appId: 'wx2c2769f8efd9abc2',
  msgSignature: '5d197aaffba7e9b25a30732f161a50dee96bd5fa',
  encrypt:
    'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=',
};
const JAVA_SAMPLE = {
  appId: 'wxb11529c136998cb6',
  random: 'aaaabbbbccccdddd',
  message: '我是中文abcd123',
  encrypt: 'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==',
};

describe("the WeChat fake's signer", () => {
  it("reproduces msg_signature in Tencent's sample", () => {
    const { token, timestamp, nonce, encrypt } = PYTHON_SAMPLE;
    expect(wechatMsgSignature(token, timestamp, nonce, encrypt)).toBe(PYTHON_SAMPLE.msgSignature);
    expect(wechatMsgSignature(token, timestamp, '1320562133', encrypt)).not.toBe(PYTHON_SAMPLE.msgSignature);
  });

  it('decrypts the sample to its text message, sealed for its appId', () => {
    const { message, appId } = wechatDecrypt(KEY, PYTHON_SAMPLE.encrypt);
    expect(appId).toBe(PYTHON_SAMPLE.appId);
    expect(message).toContain('<Content><![CDATA[abcdteT]]></Content>');
    expect(message).toContain('<MsgId>6054768590064713728</MsgId>');
  });

  it("reproduces the Java sample's ciphertext with its fixed random prefix, and reads it back", () => {
    const encrypted = wechatEncrypt(KEY, JAVA_SAMPLE.appId, JAVA_SAMPLE.message, Buffer.from(JAVA_SAMPLE.random));
    expect(encrypted).toBe(JAVA_SAMPLE.encrypt);
    expect(wechatDecrypt(KEY, encrypted)).toEqual({ message: JAVA_SAMPLE.message, appId: JAVA_SAMPLE.appId });
  });

  it('signs the plaintext-mode handshake as sha1 of the sorted token, timestamp and nonce', () => {
    // The three sorted as strings (digits before letters) and joined: "1320562132" "1409735669" "spamtest".
    const expected = createHash('sha1').update('13205621321409735669spamtest').digest('hex');
    expect(expected).toBe('16120ec1b8dbb870f510d87ce6bc2463eae6ca1a');
    expect(wechatSignature('spamtest', '1409735669', '1320562132')).toBe(expected);
    expect(wechatSignature('spamtest', '1320562132', '1409735669')).toBe(expected);
    expect(wechatSignature('spamtesu', '1409735669', '1320562132')).not.toBe(expected);
  });
});
