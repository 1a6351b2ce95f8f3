import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { RelayFrame, SYNC_PATH } from '../../src-shared/protocol/sync.js';
import { WEBCHAT_PATH, WebchatServerFrame } from '../../src-shared/protocol/webchat.js';
import type { TenantSeed } from '../demo/seed.js';
import { startRelay, type RunningRelay } from '../server.js';
import { SocketClient } from '../testing/socket-client.js';
import { ACME, login, seedDatabase, tempDatabase, type TempDatabase } from '../testing/test-relay.js';

const TOKYO_HOURS = { timeZone: 'Asia/Tokyo', hours: { mon: [{ start: '09:00', end: '18:00' }], tue: [{ start: '09:00', end: '18:00' }] }, holidayMarkets: ['JP'] };
const SEED: TenantSeed = { ...ACME, teams: [ACME.teams[0]!, { ...ACME.teams[1]!, schedule: TOKYO_HOURS }] };

/** Follow the sun through the real relay: a closed team's customer is told when, and waits unassigned. */
describe('a customer writing while their team is closed', () => {
  let temp: TempDatabase;
  let relay: RunningRelay;
  const sockets: { close(): void }[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await relay.close();
    await temp.remove();
  });

  let now = 0;
  const tokyo = (iso: string) => DateTime.fromISO(iso, { zone: 'Asia/Tokyo' }).toMillis();

  async function start(nowIso: string) {
    temp = await tempDatabase();
    await seedDatabase(temp.dbPath, SEED);
    now = tokyo(nowIso);
    relay = await startRelay({ dbPath: temp.dbPath, now: () => now, queueDrainIntervalMs: 20 });
    // Cid, of the Tokyo team, is online: only the team's hours keep the chat from him.
    const session = await login(relay.url, 'cid@acme.test');
    const desk = await SocketClient.open(relay.url.replace(/^http/, 'ws') + SYNC_PATH, RelayFrame);
    sockets.push(desk);
    desk.send({ type: 'hello', token: session.token, clientId: 'cid-desk' });
    await desk.expect('welcome', []);
    const customer = await SocketClient.open(relay.url.replace(/^http/, 'ws') + WEBCHAT_PATH, WebchatServerFrame);
    sockets.push(customer);
    customer.send({ type: 'hello', tenant: 'acme', name: 'Yui', language: 'ja-JP', timeZone: 'Asia/Tokyo' });
    return { ready: await customer.expect('ready', []), desk };
  }

  it('tells a customer writing on Tuesday night, in Japanese and their time, that the team answers from Monday 09:00', async () => {
    const { ready } = await start('2026-11-24T21:00');
    expect(ready.messages).toHaveLength(1);
    expect(ready.messages[0]).toMatchObject({ author: 'system' });
    expect(ready.messages[0]!.body).toMatch(/^お問い合わせありがとうございます。/);
    expect(ready.messages[0]!.body).toContain('11月30日');
    expect(ready.messages[0]!.body).toContain('9:00');
  });

  it('routes to the team as usual while it works', async () => {
    const { ready, desk } = await start('2026-11-24T10:00');
    expect(ready.messages).toEqual([]);
    desk.send({ type: 'pull', cursor: 0 });
    const frame = await desk.expect('events');
    const upserted = frame.events.map((e) => e.data).find((d) => d.type === 'conversation.upserted');
    expect(upserted).toMatchObject({ conversation: { teamId: 'team-b', assigneeId: 'cid' } });
  });

  it('keeps the conversation in the team queue, unassigned, until the team opens, then hands it out', async () => {
    const { desk } = await start('2026-11-24T21:00');
    desk.send({ type: 'pull', cursor: 0 });
    const frame = await desk.expect('events');
    const upserted = frame.events.map((e) => e.data).find((d) => d.type === 'conversation.upserted');
    expect(upserted).toMatchObject({ conversation: { teamId: 'team-b', assigneeId: null } });
    // The queue is looked at every 20 ms here; nothing moves while the team is closed.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(desk.pending().filter((f) => f.type === 'events')).toEqual([]);
    now = tokyo('2026-11-30T09:00');
    const live = await desk.expect('events');
    expect(live.events.map((e) => e.data)).toContainEqual(expect.objectContaining({ type: 'conversation.upserted', conversation: expect.objectContaining({ assigneeId: 'cid' }) }));
  });
});
