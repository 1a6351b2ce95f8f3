import { describe, expect, it } from 'vitest';
import type { WebhookRequest } from '../port/channel-adapter.js';
import { wechatAdapter } from './wechat-adapter.js';
import type { WechatCredentials } from './wechat-credentials.js';

/**
 * Tencent's own vector (WXBizMsgCrypt's Python Sample.py, beside the "Message encryption" page):
 * a safe-mode push for AppID wx2c2769f8efd9abc2, Token spamtest, and the sample EncodingAESKey.
 */
const SAMPLE = {
  timestamp: '1409735669',
  nonce: '1320562132',
  msgSignature: '5d197aaffba7e9b25a30732f161a50dee96bd5fa',
  encrypt:
    'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=',
};
/** sha1("1320562132" + "1409735669" + "spamtest"): the three sorted and joined, as the sample's query carries it. */
const SIGNATURE = '16120ec1b8dbb870f510d87ce6bc2463eae6ca1a';
const SAFE: WechatCredentials = { appId: 'wx2c2769f8efd9abc2', appSecret: 'sample-app-secret-0123', token: 'spamtest', encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' };
const PLAIN: WechatCredentials = { appId: SAFE.appId, appSecret: SAFE.appSecret, token: SAFE.token };

const request = (query: Record<string, string>, body: string): WebhookRequest => ({ rawBody: Buffer.from(body), headers: {}, query, url: 'https://relay.test/channels/wechat/x' });
const sealed = (encrypt = SAMPLE.encrypt) => `<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
const safeQuery = { signature: SIGNATURE, timestamp: SAMPLE.timestamp, nonce: SAMPLE.nonce, encrypt_type: 'aes', msg_signature: SAMPLE.msgSignature, openid: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs' };
const plainText = `<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>
<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>
<CreateTime>1409735668</CreateTime>
<MsgType><![CDATA[text]]></MsgType>
<Content><![CDATA[  你好 ]]></Content>
<MsgId>18446744073709551615</MsgId>
</xml>`;
const plainQuery = { signature: SIGNATURE, timestamp: SAMPLE.timestamp, nonce: SAMPLE.nonce };

describe('a WeChat push', () => {
  it("verifies Tencent's sample in safe mode and opens it to its text message, MsgId kept as text", () => {
    expect(wechatAdapter.verify(request(safeQuery, sealed()), SAFE)).toBe(true);
    expect(wechatAdapter.parse(request(safeQuery, sealed()), SAFE)).toEqual({
      ok: true,
      webhook: {
        messages: [{ providerMessageId: '6054768590064713728', externalUserId: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs', displayName: 'WeChat user …WZf0rs', language: null, body: 'abcdteT', sentAt: 1_409_735_668_000 }],
        statuses: [],
      },
    });
  });

  it('refuses a safe-mode push with another Encrypt, another msg_signature, or sent in plaintext', () => {
    const other = SAMPLE.encrypt.replace('hyzA', 'hyzB');
    expect(wechatAdapter.verify(request(safeQuery, sealed(other)), SAFE)).toBe(false);
    expect(wechatAdapter.verify(request({ ...safeQuery, msg_signature: SIGNATURE }, sealed()), SAFE)).toBe(false);
    expect(wechatAdapter.verify(request({ ...safeQuery, signature: SAMPLE.msgSignature }, sealed()), SAFE)).toBe(false);
    expect(wechatAdapter.verify(request(plainQuery, plainText), SAFE)).toBe(false);
    // Sealed for another AppID: verified (the Token is right) but not this account's message.
    expect(wechatAdapter.parse(request(safeQuery, sealed()), { ...SAFE, appId: 'wx0000000000000000' })).toMatchObject({ ok: false, error: expect.stringContaining('another AppID') });
  });

  it('verifies a plaintext push by its query, keeps a 64-bit MsgId exact and the text as written', () => {
    expect(wechatAdapter.verify(request(plainQuery, plainText), PLAIN)).toBe(true);
    expect(wechatAdapter.verify(request({ ...plainQuery, nonce: '1320562133' }, plainText), PLAIN)).toBe(false);
    expect(wechatAdapter.verify(request({ timestamp: SAMPLE.timestamp, nonce: SAMPLE.nonce }, plainText), PLAIN)).toBe(false);
    expect(wechatAdapter.parse(request(plainQuery, plainText), PLAIN)).toMatchObject({ ok: true, webhook: { messages: [{ providerMessageId: '18446744073709551615', body: '  你好 ' }] } });
  });

  it('leaves out events, names other kinds of message, and refuses what is not a push', () => {
    const event = plainText.replace('<MsgType><![CDATA[text]]></MsgType>', '<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event>').replace(/<MsgId>.*<\/MsgId>/, '');
    expect(wechatAdapter.parse(request(plainQuery, event), PLAIN)).toEqual({ ok: true, webhook: { messages: [], statuses: [] } });
    const voice = plainText.replace('[text]', '[voice]').replace(/<Content>.*<\/Content>/, '<Recognition><![CDATA[我的包裹在哪里]]></Recognition>');
    expect(wechatAdapter.parse(request(plainQuery, voice), PLAIN)).toMatchObject({ ok: true, webhook: { messages: [{ body: '[voice] 我的包裹在哪里' }] } });
    expect(wechatAdapter.parse(request(plainQuery, '{"not":"xml"}'), PLAIN).ok).toBe(false);
    expect(wechatAdapter.parse(request(plainQuery, plainText.replace('<MsgId>18446744073709551615</MsgId>', '<MsgId>1e3</MsgId>')), PLAIN).ok).toBe(false);
  });

  it('answers the server-URL check with echostr when signed with the Token, and acknowledges with "success"', () => {
    expect(wechatAdapter.handshake?.({ ...plainQuery, echostr: '5837397749805374032' }, PLAIN)).toEqual({ status: 200, body: '5837397749805374032' });
    expect(wechatAdapter.handshake?.({ ...plainQuery, echostr: '5837397749805374032' }, { ...PLAIN, token: 'spamtesu' })?.status).toBe(403);
    expect(wechatAdapter.acknowledge?.(request(plainQuery, plainText))).toEqual({ status: 200, body: 'success' });
  });
});
