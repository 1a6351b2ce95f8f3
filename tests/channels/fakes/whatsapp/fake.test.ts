import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWhatsAppFake, type WhatsAppFake } from './fake.js';
import { metaJson, whatsAppTextMessage } from './payloads.js';
import { orderTemplates } from './templates.js';

const OPTIONS = { appSecret: 'app-secret-123', accessToken: 'EAAG-token-123', phoneNumberId: '106540352242922' };

/** A webhook receiver that answers the statuses it is given in turn (200 once they run out) and keeps what it got. */
async function receiver(statuses: number[]): Promise<{ url: string; got: { body: string; signature: string | undefined }[]; close(): Promise<void> }> {
  const got: { body: string; signature: string | undefined }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      got.push({ body: Buffer.concat(chunks).toString('utf8'), signature: req.headers['x-hub-signature-256'] as string | undefined });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('the fake WhatsApp Cloud API', () => {
  let fake: WhatsAppFake;
  beforeEach(async () => {
    fake = await startWhatsAppFake(OPTIONS);
  });
  afterEach(() => fake.close());

  it("serialises as Meta does (ASCII only) and signs those bytes with the app secret, redelivering until a 2xx", async () => {
    const hook = await receiver([500, 503]);
    const payload = whatsAppTextMessage({ phoneNumberId: OPTIONS.phoneNumberId, from: '4915112345678', name: 'Jörg', body: 'Grüße / hi' });
    expect(await fake.deliver(payload, { webhookUrl: hook.url, retry: { attempts: 5, delayMs: 1 } })).toBe(200);
    expect(hook.got).toHaveLength(3);
    const [first] = hook.got;
    expect(first?.body).toMatch(/J\\u00f6rg/);
    expect(first?.body).toMatch(/Gr\\u00fc\\u00dfe \\\/ hi/);
    expect(JSON.parse(first?.body ?? '')).toEqual(payload);
    expect(first?.signature).toBe(`sha256=${createHmac('sha256', OPTIONS.appSecret).update(first?.body ?? '').digest('hex')}`);
    expect(hook.got.every((delivery) => delivery.body === first?.body && delivery.signature === first?.signature)).toBe(true);
    expect(fake.deliveries.map((d) => d.status)).toEqual([500, 503, 200]);
    await hook.close();
  });

  it('gives up after its attempts, and forges or leaves out the signature when told', async () => {
    const hook = await receiver([500, 500, 500]);
    expect(await fake.deliver({ object: 'whatsapp_business_account', entry: [] }, { webhookUrl: hook.url, retry: { attempts: 2, delayMs: 1 } })).toBe(500);
    expect(hook.got).toHaveLength(2);
    await fake.deliver({ entry: [] }, { webhookUrl: hook.url, signature: 'forged', retry: { attempts: 1, delayMs: 0 } });
    await fake.deliver({ entry: [] }, { webhookUrl: hook.url, signature: 'missing', retry: { attempts: 1, delayMs: 0 } });
    expect(hook.got[2]?.signature).not.toBe(`sha256=${createHmac('sha256', OPTIONS.appSecret).update(metaJson({ entry: [] })).digest('hex')}`);
    expect(hook.got[2]?.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(hook.got[3]?.signature).toBeUndefined();
    await hook.close();
  });

  it('takes a text with the access token, answering with a wamid, and refuses a wrong token or a bad message as Meta does', async () => {
    const send = (token: string, body: unknown) =>
      fetch(`${fake.apiBaseUrl}/v23.0/${OPTIONS.phoneNumberId}/messages`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = { messaging_product: 'whatsapp', recipient_type: 'individual', to: '4915112345678', type: 'text', text: { preview_url: false, body: 'Hello' } };
    const ok = await send(OPTIONS.accessToken, text);
    expect(ok.status).toBe(200);
    const answer = (await ok.json()) as { messaging_product: string; contacts: { wa_id: string }[]; messages: { id: string }[] };
    expect(answer.messaging_product).toBe('whatsapp');
    expect(answer.contacts).toEqual([{ input: '4915112345678', wa_id: '4915112345678' }]);
    expect(answer.messages[0]?.id).toMatch(/^wamid\./);
    const expired = await send('wrong', text);
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: { code: number; type: string } }).error).toMatchObject({ code: 190, type: 'OAuthException' });
    const empty = await send(OPTIONS.accessToken, { ...text, text: { body: '' } });
    expect(((await empty.json()) as { error: { code: number } }).error.code).toBe(100);
    expect(fake.sent.map((request) => [request.headers.authorization, request.response.status])).toEqual([
      [`Bearer ${OPTIONS.accessToken}`, 200],
      ['Bearer wrong', 401],
      [`Bearer ${OPTIONS.accessToken}`, 400],
    ]);
    expect(fake.texts()).toEqual([{ to: '4915112345678', body: 'Hello', id: answer.messages[0]?.id }]);
  });

  it('answers GET of its phone number id with the number, and of another id as the Graph API does', async () => {
    const get = (path: string, token = OPTIONS.accessToken) => fetch(`${fake.apiBaseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const number = await get(`/v23.0/${OPTIONS.phoneNumberId}`);
    expect([number.status, await number.json()]).toEqual([200, expect.objectContaining({ id: OPTIONS.phoneNumberId, verified_name: 'Test Number', display_phone_number: '15550783881' })]);
    const other = await get('/v23.0/999');
    expect(other.status).toBe(400);
    expect(((await other.json()) as { error: unknown }).error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException', message: expect.stringContaining("Object with ID '999' does not exist") });
    expect((await get(`/v23.0/${OPTIONS.phoneNumberId}`, 'wrong')).status).toBe(401);
    // A read is not a text sent.
    expect(fake.texts()).toEqual([]);
  });

  it('plays scripted answers in order, a dropped connection included', async () => {
    fake.respondNext({ status: 503, body: { error: { code: 131000 } } }, { drop: true });
    const post = () => fetch(`${fake.apiBaseUrl}/v23.0/${OPTIONS.phoneNumberId}/messages`, { method: 'POST', body: '{}' });
    expect((await post()).status).toBe(503);
    await expect(post()).rejects.toThrow();
    expect((await post()).status).toBe(401);
  });
});

describe("the fake WhatsApp Cloud API's message templates", () => {
  const WABA = '102290129340398';
  let fake: WhatsAppFake;
  beforeEach(async () => {
    fake = await startWhatsAppFake({ ...OPTIONS, businessAccountId: WABA, templates: orderTemplates() });
  });
  afterEach(() => fake.close());

  const get = (query: string, token = OPTIONS.accessToken) => fetch(`${fake.apiBaseUrl}/v23.0/${WABA}/message_templates?${query}`, { headers: { authorization: `Bearer ${token}` } });
  const send = (template: unknown) =>
    fetch(`${fake.apiBaseUrl}/v23.0/${OPTIONS.phoneNumberId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${OPTIONS.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to: '4915112345678', type: 'template', template }),
    });

  it('lists every template with the fields asked for, page by page with Meta\'s cursors, to the token of the account only', async () => {
    type Page = { data: Record<string, unknown>[]; paging: { cursors: { after: string }; next?: string } };
    const first = (await (await get('fields=name,language,status&limit=3')).json()) as Page;
    expect(first.data.map((t) => [t.name, t.language, t.status])).toEqual([['order_shipped', 'en_US', 'APPROVED'], ['order_shipped', 'de', 'APPROVED'], ['follow_up', 'de', 'APPROVED']]);
    expect(Object.keys(first.data[0] ?? {}).sort()).toEqual(['id', 'language', 'name', 'status']);
    expect(first.paging.next).toBeDefined();
    const names: unknown[] = first.data.map((t) => t.name);
    let page = first;
    while (page.paging.next) {
      page = (await (await get(`fields=name&limit=3&after=${page.paging.cursors.after}`)).json()) as Page;
      names.push(...page.data.map((t) => t.name));
    }
    expect(names).toEqual(orderTemplates().map((t) => t.name));
    expect((await get('fields=name', 'wrong')).status).toBe(401);
  });

  it('takes an approved template with as many values as its variables, and refuses others with the codes Meta documents', async () => {
    const values = (...texts: string[]) => [{ type: 'body', parameters: texts.map((text) => ({ type: 'text', text })) }];
    const ok = await send({ name: 'order_shipped', language: { code: 'de' }, components: values('Kim', 'A-1042') });
    expect(ok.status).toBe(200);
    const codeOf = async (response: Response) => [response.status, ((await response.json()) as { error: { code: number } }).error.code];
    expect(await codeOf(await send({ name: 'order_shipped', language: { code: 'fr' }, components: values('Kim', 'A-1042') }))).toEqual([404, 132001]);
    expect(await codeOf(await send({ name: 'spring_sale', language: { code: 'en_US' }, components: [] }))).toEqual([404, 132001]);
    expect(await codeOf(await send({ name: 'order_shipped', language: { code: 'de' }, components: values('Kim') }))).toEqual([400, 132000]);
    expect(await codeOf(await send({ name: 'order_shipped', language: { code: 'de' }, components: values('Kim', 'A-1042\nB') }))).toEqual([400, 132018]);
    expect(fake.templateSends()).toEqual([{ to: '4915112345678', template: { name: 'order_shipped', language: { code: 'de' }, components: values('Kim', 'A-1042') }, id: expect.stringMatching(/^wamid\./) }]);
    expect(fake.texts()).toEqual([]);
  });
});
