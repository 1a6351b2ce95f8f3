import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChannelRelay, type ChannelRelay } from './channel-relay.js';
import { metaSignature } from './fakes/whatsapp/payloads.js';

const CREDENTIALS = { phoneNumberId: '106540352242922', accessToken: 'EAAG-test-access-token', appSecret: 'test-app-secret-0123', verifyToken: 'verify-token-0123' };

/** What the webhook route does with bodies that are not a provider's notification. */
describe('the channel webhook route', () => {
  let scene: ChannelRelay;
  beforeAll(async () => {
    scene = await startChannelRelay('whatsapp', CREDENTIALS, 'http://127.0.0.1:9');
  });
  afterAll(() => scene.close());

  const post = async (body: string, headers: Record<string, string>) => {
    const response = await fetch(scene.webhookUrl, { method: 'POST', headers, body });
    return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string }; ok?: boolean } };
  };
  const signed = (body: string, contentType = 'application/json') => post(body, { 'content-type': contentType, 'x-hub-signature-256': metaSignature(body, CREDENTIALS.appSecret) });

  it('checks the signature over the raw bytes whatever the content type, and only then parses', async () => {
    expect((await signed('not json at all', 'text/plain')).status).toBe(400);
    expect((await post('not json at all', { 'content-type': 'text/plain', 'x-hub-signature-256': metaSignature('other', CREDENTIALS.appSecret) })).status).toBe(403);
    expect((await post('', { 'content-type': 'application/json' })).status).toBe(403);
  });

  it('refuses a signed body that is not a WhatsApp notification, and acknowledges one it has no use for', async () => {
    const page = await signed(JSON.stringify({ object: 'page', entry: [] }));
    expect(page).toEqual({ status: 400, body: { error: { code: 'bad_request', message: expect.stringContaining('not a WhatsApp webhook') } } });
    const quiet = await signed(JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'account_update', value: {} }] }] }));
    expect(quiet).toEqual({ status: 200, body: { ok: true, stored: 0, duplicates: 0, statuses: 0, unmatched: 0 } });
  });

  it('refuses a body over 1 MB before reading it as anything', async () => {
    const big = JSON.stringify({ object: 'whatsapp_business_account', entry: [], padding: 'x'.repeat(1024 * 1024) });
    expect((await signed(big)).status).toBe(413);
  });
});
