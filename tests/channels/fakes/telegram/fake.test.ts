import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTelegramFake, type TelegramFake } from './fake.js';
import { telegramError, telegramTextUpdate } from './payloads.js';

const OPTIONS = { botToken: '7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', secretToken: 'relay-secret-token-0123456789' };

async function receiver(statuses: number[]): Promise<{ url: string; got: { body: string; secret: string | undefined }[]; close(): Promise<void> }> {
  const got: { body: string; secret: string | undefined }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      got.push({ body: Buffer.concat(chunks).toString('utf8'), secret: req.headers['x-telegram-bot-api-secret-token'] as string | undefined });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('the fake Telegram Bot API', () => {
  let fake: TelegramFake;
  beforeEach(async () => {
    fake = await startTelegramFake(OPTIONS);
  });
  afterEach(() => fake.close());

  it('posts an Update with the secret token, redelivering until a 2xx', async () => {
    const hook = await receiver([502]);
    const update = telegramTextUpdate({ updateId: 10, chatId: 5_512_345_678, messageId: 3, firstName: 'Olena', languageCode: 'uk', text: 'Привіт' });
    expect(await fake.deliver(update, { webhookUrl: hook.url, retry: { attempts: 3, delayMs: 1 } })).toBe(200);
    expect(hook.got.map((delivery) => delivery.secret)).toEqual([OPTIONS.secretToken, OPTIONS.secretToken]);
    expect(JSON.parse(hook.got[0]?.body ?? '')).toEqual(update);
    await fake.deliver(update, { webhookUrl: hook.url, signature: 'forged' });
    await fake.deliver(update, { webhookUrl: hook.url, signature: 'missing' });
    expect(hook.got.slice(2).map((delivery) => delivery.secret)).toEqual([`${OPTIONS.secretToken}x`, undefined]);
    await hook.close();
  });

  it('answers sendMessage with the sent Message, counting message ids per chat, and refuses as Telegram does', async () => {
    const call = (token: string, method: string, body: unknown) =>
      fetch(`${fake.apiBaseUrl}/bot${token}/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const sent = (await (await call(OPTIONS.botToken, 'sendMessage', { chat_id: 42, text: 'Hi' })).json()) as { ok: boolean; result: { message_id: number; chat: { id: number }; text: string } };
    expect(sent).toMatchObject({ ok: true, result: { message_id: 101, chat: { id: 42 }, text: 'Hi' } });
    expect(((await (await call(OPTIONS.botToken, 'sendMessage', { chat_id: 42, text: 'Again' })).json()) as { result: { message_id: number } }).result.message_id).toBe(102);
    expect(((await (await call(OPTIONS.botToken, 'sendMessage', { chat_id: 43, text: 'Other' })).json()) as { result: { message_id: number } }).result.message_id).toBe(101);
    const unauthorized = await call('1:wrong', 'sendMessage', { chat_id: 42, text: 'Hi' });
    expect([unauthorized.status, await unauthorized.json()]).toEqual([401, { ok: false, error_code: 401, description: 'Unauthorized' }]);
    expect(((await (await call(OPTIONS.botToken, 'sendMessage', { chat_id: 42, text: 'x'.repeat(4097) })).json()) as { description: string }).description).toBe('Bad Request: message is too long');
    expect(fake.texts().map((text) => [text.chatId, text.text, text.messageId])).toEqual([['42', 'Hi', 101], ['42', 'Again', 102], ['43', 'Other', 101]]);
  });

  it('answers getMe with the bot, by GET or POST, for its own token only', async () => {
    const me = (await (await fetch(`${fake.apiBaseUrl}/bot${OPTIONS.botToken}/getMe`)).json()) as { ok: boolean; result: Record<string, unknown> };
    expect(me).toEqual({ ok: true, result: expect.objectContaining({ is_bot: true, first_name: 'Acme Support', username: 'acme_support_bot', can_join_groups: true }) });
    expect((await fetch(`${fake.apiBaseUrl}/bot${OPTIONS.botToken}/getMe`, { method: 'POST' })).status).toBe(200);
    const wrong = await fetch(`${fake.apiBaseUrl}/bot1:wrong/getMe`);
    expect([wrong.status, await wrong.json()]).toEqual([401, { ok: false, error_code: 401, description: 'Unauthorized' }]);
    expect(fake.texts()).toEqual([]);
  });

  it('plays a scripted error with retry_after, then answers again', async () => {
    fake.respondNext(telegramError(429, 'Too Many Requests: retry after 3', 3));
    const call = () => fetch(`${fake.apiBaseUrl}/bot${OPTIONS.botToken}/sendMessage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chat_id: 1, text: 'a' }) });
    const throttled = await call();
    expect([throttled.status, await throttled.json()]).toEqual([429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } }]);
    expect((await call()).status).toBe(200);
  });
});
