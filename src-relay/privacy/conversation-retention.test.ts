import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RetentionPolicy } from '../../src-shared/domain/retention.js';
import { HistorySummary, REPORT_SUMMARY_PATH } from '../../src-shared/protocol/supervisor.js';
import { postgresAvailable } from '../../src-node/testing/postgres-schema.js';
import type { TenantSeed } from '../demo/seed.js';
import type { RelayCore } from '../relay-core.js';
import { startRelay } from '../server.js';
import { ACME, login, seedDatabase, tempDatabase, testCore, type TempDatabase } from '../testing/test-relay.js';
import { applyRetention } from './conversation-retention.js';

const DAY_MINUTES = 24 * 60;

/**
 * Kim (Germany) has one conversation closed 40 days ago; Lee (Thailand) one closed 400 days ago,
 * one closed 100 days ago, and one still open from 100 days ago; Yui (no market) one from 2 days ago.
 */
const SEED: TenantSeed = {
  ...ACME,
  customers: [
    { id: 'kim', name: 'Kim Weberova', language: 'de-DE' },
    { id: 'lee', name: 'Lee Somchai', language: 'th-TH' },
    { id: 'yui', name: 'Yui', language: 'en' },
  ],
  conversations: [
    conversation('de-40', 'kim', 'resolved', 40),
    conversation('th-400', 'lee', 'resolved', 400),
    conversation('th-100', 'lee', 'resolved', 100),
    conversation('th-open', 'lee', 'open', 100),
    conversation('none-2', 'yui', 'resolved', 2),
  ],
};

function conversation(id: string, customer: string, status: 'open' | 'resolved', daysAgo: number): NonNullable<TenantSeed['conversations']>[number] {
  const minutesAgo = daysAgo * DAY_MINUTES;
  return {
    id, customer, channel: 'whatsapp', team: 'team-a', assignee: 'ann', status,
    messages: [
      { minutesAgo: minutesAgo + 30, author: 'customer', body: `Where is my parcel? (${id})` },
      { minutesAgo: minutesAgo + 20, author: 'agent', body: 'Looking now' },
      { minutesAgo, author: 'customer', body: 'Thanks, found it' },
    ],
  };
}

/** 30 days for Germany, a year for everyone else. */
const POLICY: RetentionPolicy = { action: 'anonymise', defaultDays: 365, markets: [{ market: 'DE', days: 30 }] };

const storages = [
  { name: 'SQLite', storage: 'sqlite' as const, available: true },
  { name: 'PostgreSQL', storage: 'postgres' as const, available: await postgresAvailable() },
];

describe.each(storages)('conversation retention ($name)', ({ storage, available }) => {
  let database: TempDatabase;
  let core: RelayCore;

  beforeEach(async () => {
    if (!available) return;
    database = await tempDatabase(storage);
    await seedDatabase(database.dbPath, SEED);
    core = testCore(database.dbPath);
    const rating = (conversationId: string, score: number) => ({ conversationId, score, comment: `Kim says thanks, call +49 151 1234 (${conversationId})`, ratedAt: core.now(), teamId: 'team-a', assigneeId: 'ann', channel: 'whatsapp', market: null });
    await core.store.ratings.insert('acme', rating('de-40', 5));
    await core.store.ratings.insert('acme', rating('th-400', 2));
  });
  afterEach(async () => {
    if (!available) return;
    await core.store.close();
    await database.remove();
  });

  const ids = async (customerId: string) => (await core.store.conversations.listOfCustomer('acme', customerId)).map((c) => c.id);

  /** The admin's report of the last two years, through the relay's route. */
  async function report(): Promise<HistorySummary> {
    const relay = await startRelay({ dbPath: database.dbPath });
    try {
      const { token } = await login(relay.url, 'root@acme.test');
      const from = Date.now() - 800 * DAY_MINUTES * 60_000;
      const response = await fetch(`${relay.url}${REPORT_SUMMARY_PATH}?from=${from}&to=${Date.now() + 1}&timeZone=UTC`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      return HistorySummary.parse(await response.json());
    } finally {
      await relay.close();
    }
  }

  it.skipIf(!available)('keeps everything while the company has no policy', async () => {
    expect(await applyRetention(core, 'acme', null)).toEqual({ conversations: 0, messages: 0 });
    expect(await ids('lee')).toEqual(['th-100', 'th-400', 'th-open']);
  });

  it.skipIf(!available)('anonymises what is past its market’s period, keeps the figures the reports count, and tells the desks', async () => {
    const before = await report();
    expect(before).toMatchObject({ conversations: 5, firstResponse: { count: 5 }, resolution: { count: 4 }, csat: { count: 2, average: 3.5 } });
    expect(before.volumeByMarket).toEqual(expect.arrayContaining([{ market: 'DE', count: 1 }, { market: 'TH', count: 3 }]));
    await core.store.retention.setPolicy('acme', POLICY, core.now());

    expect(await applyRetention(core, 'acme', null)).toEqual({ conversations: 2, messages: 6 });

    // Germany's 30 days took Kim's; the year took Lee's oldest; the open one and the recent ones stay.
    expect(await ids('kim')).toEqual([]);
    expect(await ids('lee')).toEqual(['th-100', 'th-open']);
    expect(await ids('yui')).toEqual(['none-2']);
    expect(await core.store.conversations.wasErased('acme', 'de-40')).toBe(true);
    // Kim has nothing left, so she goes too; Lee stays.
    expect(await core.store.conversations.deleteCustomerIfUnheld('acme', 'kim')).toBe(false);
    expect(await core.store.conversations.deleteCustomerIfUnheld('acme', 'lee')).toBe(false);

    // Ratings count on without the customer's words.
    const ratings = await core.store.ratings.list('acme', 0, core.now() + 1);
    expect(ratings.map((r) => [r.conversationId, r.score, r.comment])).toEqual([['de-40', 5, null], ['th-400', 2, null]]);
    const kept = await core.store.retention.listAnonymised('acme', 0, core.now() + 1);
    expect(kept.map((c) => [c.id, c.market, c.messages])).toEqual([['th-400', 'TH', 3], ['de-40', 'DE', 3]]);
    expect(JSON.stringify(kept)).not.toMatch(/Kim|Lee|parcel|kim|lee/);

    // Every desk hears each one go, quietly (reason: retention), and nothing else is left in the log about them.
    const head = await core.store.events.headSeq('acme');
    const events = await core.store.events.range('acme', 0, head);
    const about = events.filter((e) => e.conversationId === 'de-40' || e.conversationId === 'th-400').map((e) => e.data);
    expect(about).toEqual(expect.arrayContaining([
      { type: 'conversation.erased', conversationId: 'th-400', reason: 'retention' },
      { type: 'conversation.erased', conversationId: 'de-40', reason: 'retention' },
    ]));
    expect(about).toHaveLength(2);

    // Audited as the system's act, per market group.
    const audit = await core.store.audit.list('acme', { action: 'retention.applied', limit: 10 });
    expect(audit.map((e) => [e.actorId, e.details])).toEqual(expect.arrayContaining([
      [null, expect.objectContaining({ action: 'anonymise', markets: 'DE', conversations: 1, messages: 3 })],
      [null, expect.objectContaining({ action: 'anonymise', markets: 'other', conversations: 1, messages: 3 })],
    ]));

    // The reports count the anonymised conversations as before: volume, markets, response times, CSAT.
    const after = await report();
    expect(after.conversations).toBe(before.conversations);
    expect(after.volumeByMarket).toEqual(before.volumeByMarket);
    expect(after.firstResponse).toEqual(before.firstResponse);
    expect(after.resolution).toEqual(before.resolution);
    expect(after.csat).toEqual(before.csat);

    // Run again, nothing more goes.
    expect(await applyRetention(core, 'acme', null)).toEqual({ conversations: 0, messages: 0 });
  });

  it.skipIf(!available)('deletes outright when the company chose deletion: the reports no longer count them', async () => {
    const before = await report();
    await core.store.retention.setPolicy('acme', { ...POLICY, action: 'delete' }, core.now());
    expect(await applyRetention(core, 'acme', null)).toEqual({ conversations: 2, messages: 6 });
    expect(await core.store.retention.listAnonymised('acme', 0, core.now() + 1)).toEqual([]);
    expect(await core.store.ratings.list('acme', 0, core.now() + 1)).toEqual([]);
    const after = await report();
    expect(after.conversations).toBe(before.conversations - 2);
    expect(after.csat.count).toBe(0);
  });
});
