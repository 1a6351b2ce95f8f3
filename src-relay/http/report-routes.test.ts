import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistorySummary, REPORT_SUMMARY_PATH } from '../../src-shared/protocol/supervisor.js';
import { startRelay, type RunningRelay } from '../server.js';
import { ACME, addTestConversation, login, seedDatabase, tempDatabase, testCore, type TempDatabase } from '../testing/test-relay.js';

const MINUTE = 60_000;

/** The export's rows by its header; its cells here hold no comma or quote. */
function csvRows(text: string): Record<string, string>[] {
  const [header = [], ...lines] = text.trim().split(/\r?\n/).map((line) => line.split(','));
  return lines.map((cells) => Object.fromEntries(header.map((name, index) => [name, cells[index] ?? ''])));
}

/** The history by channel, as JSON for the charts and as CSV for spreadsheets, for the caller's teams only. */
describe('reports by channel', () => {
  let temp: TempDatabase;
  let relay: RunningRelay;
  const start = Date.now() - 60 * MINUTE;

  beforeEach(async () => {
    temp = await tempDatabase();
    await seedDatabase(temp.dbPath, ACME);
    const core = testCore(temp.dbPath, () => start);
    await core.store.conversations.insertCustomer('acme', { id: 'cust', name: 'Kim', language: 'en', market: null, createdAt: 0 });
    await addTestConversation(core, 'wa-1', 'ann', { channel: 'whatsapp', status: 'resolved', updatedAt: start + 20 * MINUTE });
    await addTestConversation(core, 'wa-2', null, { channel: 'whatsapp' });
    await addTestConversation(core, 'line-1', 'ann', { channel: 'line' });
    await addTestConversation(core, 'tg-b', null, { channel: 'telegram', teamId: 'team-b' });
    const rating = (conversationId: string, score: number, channel: string, teamId = 'team-a') => ({ conversationId, score, comment: '=cmd', ratedAt: start + MINUTE, teamId, assigneeId: 'ann', channel, market: null });
    await core.store.ratings.insert('acme', rating('wa-1', 4, 'whatsapp'));
    await core.store.ratings.insert('acme', rating('line-1', 2, 'line'));
    await core.store.ratings.insert('acme', rating('tg-b', 5, 'telegram', 'team-b'));
    await addTestConversation(core, 'wa-3', 'ann', { channel: 'whatsapp' });
    await core.store.ratings.insert('acme', { ...rating('wa-3', 1, 'whatsapp'), comment: 'refund to 4111 1111 1111 1111 now' });
    await core.store.close();
    relay = await startRelay({ dbPath: temp.dbPath });
  });
  afterEach(async () => {
    await relay?.close();
    await temp.remove();
  });

  const get = async (path: string, email: string) => fetch(`${relay.url}${path}?from=${start - MINUTE}`, { headers: { authorization: `Bearer ${(await login(relay.url, email)).token}` } });

  it("gives a supervisor their teams' channels with counts, times and CSAT, as JSON and CSV", async () => {
    const summary = HistorySummary.parse(await (await get(REPORT_SUMMARY_PATH, 'sue@acme.test')).json());
    expect(summary.byChannel.map((c) => [c.channel, c.conversations, c.resolution.count, c.csat])).toEqual([
      ['whatsapp', 3, 1, { count: 2, average: 2.5 }],
      ['line', 1, 0, { count: 1, average: 2 }],
    ]);
    const response = await get('/api/reports/channels.csv', 'sue@acme.test');
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toContain('channels.csv');
    const rows = csvRows(await response.text());
    expect(rows.map((row) => [row.channel, row.conversations, row.resolved, row.resolution_median_s, row.csat_ratings, row.csat_average])).toEqual([
      ['whatsapp', '3', '1', '1200', '2', '2.5'],
      ['line', '1', '0', '', '1', '2'],
    ]);
    // An administrator sees every team's channels; an agent reads no reports.
    const all = csvRows(await (await get('/api/reports/channels.csv', 'root@acme.test')).text());
    expect(all.map((row) => row.channel)).toEqual(['whatsapp', 'line', 'telegram']);
    expect((await get('/api/reports/channels.csv', 'ann@acme.test')).status).toBe(403);
  });

  it("masks customers' comments in the CSAT export as the caller's desk receives text", async () => {
    const rows = csvRows(await (await get('/api/reports/csat.csv', 'sue@acme.test')).text());
    expect(rows.find((row) => row.conversation === 'wa-3')?.comment).toBe('refund to •••• 1111 now');
    expect(rows.find((row) => row.conversation === 'wa-1')?.comment).toBe("'=cmd");
  });
});
