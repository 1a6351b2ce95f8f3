import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../src-shared/domain/model.js';
import { Cache } from '../../store/cache.js';
import { sampleAgent } from '../../store/testing/records.js';
import { channelAccountHandlers, type ChannelAccountHandlers } from './channel-account-service.js';
import { Guards } from './guards.js';

interface Heard {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

const VIEW = { id: 'acc-1', provider: 'telegram', displayName: 'Acme bot', teamId: 'team-a', webhookPath: '/channels/telegram/tok', webhookUrl: null, status: 'connected', disconnectedAt: null, createdAt: 5 };

/** The admin view's messaging accounts, against a relay stand-in that records what it is asked and answers as the relay does. */
describe('channel account service', () => {
  let cache: Cache;
  let server: Server;
  let heard: Heard[];
  let answers: { status: number; body: unknown }[];
  let handlers: ChannelAccountHandlers;

  beforeEach(async () => {
    cache = Cache.open(':memory:');
    heard = [];
    answers = [];
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        heard.push({ method: request.method ?? '', path: request.url ?? '', authorization: request.headers.authorization, body: text ? JSON.parse(text) : undefined });
        const answer = answers.shift() ?? { status: 200, body: { account: VIEW } };
        response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    handlers = channelAccountHandlers(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, new Guards(cache, { isClosed: () => false }));
  });
  afterEach(async () => {
    cache.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const signIn = (role: Role) => cache.session.saveSignIn({ token: `token-${role}`, expiresAt: Date.now() + 60_000, agent: sampleAgent({ role }) });

  it("calls the relay's admin routes with the administrator's token and reads their answers", async () => {
    signIn('admin');
    answers.push({ status: 200, body: { accounts: [VIEW], providers: [{ provider: 'telegram', name: 'Telegram', canTest: true }], publicUrl: null } });
    expect(await handlers['channelAccounts.list']({})).toEqual({ accounts: [VIEW], providers: [{ provider: 'telegram', name: 'Telegram', canTest: true }], publicUrl: null, mailFolders: [] });
    const credentials = { botToken: '1:secret', secretToken: 'relay-secret-token-0123' };
    answers.push({ status: 201, body: { account: VIEW } });
    expect(await handlers['channelAccounts.connect']({ provider: 'telegram', displayName: 'Acme bot', teamId: 'team-a', credentials })).toEqual({ account: VIEW });
    await handlers['channelAccounts.update']({ accountId: 'acc 1', change: { teamId: 'team-b' } });
    answers.push({ status: 200, body: { account: { ...VIEW, status: 'disconnected', disconnectedAt: 9 } } });
    expect((await handlers['channelAccounts.disconnect']({ accountId: 'acc-1' })).account).toMatchObject({ status: 'disconnected', disconnectedAt: 9 });
    answers.push({ status: 200, body: { check: { ok: true, accountName: '@acme_bot (Acme)' } } });
    expect(await handlers['channelAccounts.test']({ accountId: 'acc-1' })).toEqual({ ok: true, accountName: '@acme_bot (Acme)' });
    expect(heard).toEqual([
      { method: 'GET', path: '/api/admin/channels', authorization: 'Bearer token-admin', body: undefined },
      { method: 'POST', path: '/api/admin/channels', authorization: 'Bearer token-admin', body: { provider: 'telegram', displayName: 'Acme bot', teamId: 'team-a', credentials } },
      { method: 'PATCH', path: '/api/admin/channels/acc%201', authorization: 'Bearer token-admin', body: { teamId: 'team-b' } },
      { method: 'DELETE', path: '/api/admin/channels/acc-1', authorization: 'Bearer token-admin', body: {} },
      { method: 'POST', path: '/api/admin/channels/acc-1/test', authorization: 'Bearer token-admin', body: {} },
    ]);
  });

  it("passes the relay's refusal on word for word, and refuses an answer it cannot read", async () => {
    signIn('admin');
    answers.push({ status: 400, body: { error: { code: 'bad_request', message: 'These Telegram credentials are not complete: botToken: expected a bot token' } } });
    await expect(handlers['channelAccounts.connect']({ provider: 'telegram', displayName: 'X', teamId: 'team-a', credentials: {} })).rejects.toMatchObject({
      code: 'bad_request',
      message: 'These Telegram credentials are not complete: botToken: expected a bot token',
    });
    answers.push({ status: 409, body: { error: { code: 'conflict', message: 'This account was disconnected.' } } });
    await expect(handlers['channelAccounts.update']({ accountId: 'acc-1', change: { displayName: 'Y' } })).rejects.toMatchObject({ message: 'This account was disconnected.' });
    answers.push({ status: 200, body: { check: 'fine' } });
    await expect(handlers['channelAccounts.test']({ accountId: 'acc-1' })).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('does not understand') });
  });

  it('is for administrators only, and asks the relay nothing for anyone else', async () => {
    for (const role of ['agent', 'supervisor'] as const) {
      signIn(role);
      await expect(handlers['channelAccounts.list']({})).rejects.toMatchObject({ code: 'forbidden', message: 'Messaging accounts are for administrators.' });
    }
    expect(heard).toEqual([]);
  });
});
