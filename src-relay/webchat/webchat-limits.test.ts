import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHAT_FILES_PATH } from '../../src-shared/protocol/files.js';
import { WEBCHAT_PATH, WebchatServerFrame } from '../../src-shared/protocol/webchat.js';
import { pngFile } from '../files/testing/sample-files.js';
import { startRelay, type RelayOptions, type RunningRelay } from '../server.js';
import { SocketClient, WEBCHAT_QUIET } from '../testing/socket-client.js';
import { ACME, seedDatabase, tempDatabase, type TempDatabase } from '../testing/test-relay.js';

type Customer = SocketClient<WebchatServerFrame>;

describe('web chat limits per visitor and per address', () => {
  let temp: TempDatabase;
  let filesDir: string;
  let relay: RunningRelay;
  const sockets: Customer[] = [];

  async function start(options: Partial<RelayOptions>): Promise<void> {
    temp = await tempDatabase();
    await seedDatabase(temp.dbPath, ACME);
    filesDir = mkdtempSync(path.join(tmpdir(), 'relay-files-'));
    // The clock stands still: no budget refills during a test.
    const startedAt = Date.now();
    relay = await startRelay({ dbPath: temp.dbPath, files: { dir: filesDir }, now: () => startedAt, ...options });
  }

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await relay.close();
    await temp.remove();
    rmSync(filesDir, { recursive: true, force: true });
  });

  async function page(headers: Record<string, string> = {}): Promise<Customer> {
    const client = await SocketClient.open(relay.url.replace(/^http/, 'ws') + WEBCHAT_PATH, WebchatServerFrame, headers);
    sockets.push(client);
    return client;
  }

  /** The next frame of one of `types`, past the frames a page may hear at any time and those of `skip`. */
  async function nextOf(client: Customer, types: string[], skip: string[] = []): Promise<WebchatServerFrame> {
    for (;;) {
      const frame = await client.next();
      if (types.includes(frame.type)) return frame;
      if (![...WEBCHAT_QUIET, ...skip].includes(frame.type)) throw new Error(`unexpected ${JSON.stringify(frame)}`);
    }
  }

  /** The chat's answer to a hello: its conversation, or the error the customer is shown. */
  async function hello(client: Customer, visitorToken?: string): Promise<{ conversationId: string; visitorToken: string } | string> {
    client.send({ type: 'hello', tenant: 'acme', name: 'Kim', language: 'en', visitorToken });
    const frame = await nextOf(client, ['ready', 'error']);
    if (frame.type === 'ready') return frame;
    if (frame.type === 'error') return frame.message;
    throw new Error(`unexpected ${frame.type}`);
  }

  it('holds one visitor to one budget however many tabs they open', async () => {
    await start({ webchatLimits: { sendsPerVisitor: { burst: 3, refillMs: 60_000 } } });
    const first = await page();
    const opened = await hello(first);
    if (typeof opened === 'string') throw new Error(opened);
    const second = await page();
    expect(await hello(second, opened.visitorToken)).toMatchObject({ conversationId: opened.conversationId });
    for (const [client, id] of [[first, 'cm-tab1-1'], [second, 'cm-tab2-1'], [first, 'cm-tab1-2']] as const) {
      client.send({ type: 'send', clientMessageId: id, body: id });
      await client.expect('message', WEBCHAT_QUIET);
    }
    second.send({ type: 'send', clientMessageId: 'cm-tab2-2', body: 'one too many' });
    expect(await nextOf(second, ['error'], ['message'])).toMatchObject({ message: expect.stringMatching(/very fast/) });
  });

  it('limits new chats from one address, still lets returning visitors in, and ignores a forged forwarded address', async () => {
    await start({ webchatLimits: { newChatsPerAddress: { burst: 2, refillMs: 60_000 } } });
    const first = await hello(await page());
    expect(typeof first).toBe('object');
    expect(typeof (await hello(await page({ 'x-forwarded-for': '203.0.113.1' })))).toBe('object');
    expect(await hello(await page({ 'x-forwarded-for': '203.0.113.2' }))).toMatch(/Too many new chats/);
    if (typeof first === 'string') throw new Error(first);
    expect(await hello(await page(), first.visitorToken)).toMatchObject({ conversationId: first.conversationId });
  });

  it('counts by the forwarded address behind a trusted proxy', async () => {
    await start({ trustProxy: ['127.0.0.1', '::1'], webchatLimits: { newChatsPerAddress: { burst: 1, refillMs: 60_000 } } });
    expect(typeof (await hello(await page({ 'x-forwarded-for': '203.0.113.1' })))).toBe('object');
    expect(await hello(await page({ 'x-forwarded-for': '203.0.113.1' }))).toMatch(/Too many new chats/);
    expect(typeof (await hello(await page({ 'x-forwarded-for': '203.0.113.2' })))).toBe('object');
  });

  it('refuses uploads past the visitor budget with 429 and when to come back, keeping nothing', async () => {
    await start({ webchatLimits: { uploadsPerVisitor: { burst: 1, refillMs: 5000 } } });
    const opened = await hello(await page());
    if (typeof opened === 'string') throw new Error(opened);
    const png = pngFile();
    const upload = (name: string) =>
      fetch(`${relay.url}${CHAT_FILES_PATH}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${opened.visitorToken}`, 'x-file-name': name, 'content-type': 'image/png' },
        body: new Uint8Array(png),
      });
    expect((await upload('one.png')).status).toBe(201);
    const refused = await upload('two.png');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toMatchObject({ error: { code: 'too_many_requests' } });
  });
});
