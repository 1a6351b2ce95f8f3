import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { metaJson, metaSignature } from './signing.js';

/**
 * Meta publishes no signature vector, so the signer is checked against its definition computed
 * independently (openssl-style HMAC over the exact bytes) and against Meta's documented escaping
 * example: "the string äöå should be escaped to \u00e4\u00f6\u00e5".
 */
describe("the Messenger/Instagram fakes' signer", () => {
  it('is sha256= and the hex HMAC-SHA256 of the bytes, keyed with the app secret', () => {
    const body = '{"object":"page","entry":[]}';
    const hex = createHmac('sha256', Buffer.from('app-secret')).update(Buffer.from(body)).digest('hex');
    expect(metaSignature('app-secret', body)).toBe(`sha256=${hex}`);
    expect(metaSignature('app-secret', body)).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it("escapes non-ASCII as Meta documents, lowercase hex, and the escaped bytes are what is signed", () => {
    const body = metaJson({ text: 'äöå' });
    expect(body).toBe('{"text":"\\u00e4\\u00f6\\u00e5"}');
    expect(JSON.parse(body)).toEqual({ text: 'äöå' });
    expect(metaSignature('s', body)).not.toBe(metaSignature('s', JSON.stringify({ text: 'äöå' })));
    expect(metaJson({ text: '日本 ok' })).toBe('{"text":"\\u65e5\\u672c ok"}');
  });

  it('writes "/" as "\\/", as Meta\'s deliveries do, which JSON readers take back as "/"', () => {
    const body = metaJson({ url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1' });
    expect(body).toBe('{"url":"https:\\/\\/lookaside.fbsbx.com\\/ig_messaging_cdn\\/?asset_id=1"}');
    expect(JSON.parse(body)).toEqual({ url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1' });
  });

  it('escapes characters outside the BMP as their surrogate pairs', () => {
    expect(metaJson({ text: '👍' })).toBe('{"text":"\\ud83d\\udc4d"}');
  });
});
