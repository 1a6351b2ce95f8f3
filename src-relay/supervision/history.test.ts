import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../src-shared/domain/model.js';
import type { RelayCore } from '../relay-core.js';
import { acmeCore, addTestConversation } from '../testing/test-relay.js';
import { percentile, summarize } from './history.js';

const MINUTE = 60_000;
const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();

describe('history of a period', () => {
  let core: RelayCore;
  let clock = 0;

  beforeEach(async () => {
    core = await acmeCore(() => clock);
  });
  afterEach(() => core.store.close());

  async function message(conversation: Conversation, id: string, author: 'customer' | 'agent', when: number, internal = false): Promise<void> {
    await core.commit('acme', (changes) => changes.addMessage({ id, conversationId: conversation.id, author, authorId: null, authorName: author, body: id, createdAt: when, internal, original: null }, conversation, null), when);
  }

  it('counts volume by local hour and market, first response and resolution times, SLA attainment and CSAT', async () => {
    clock = at('2026-11-24T09:10');
    const a = await addTestConversation(core, 'a', 'ann', { market: 'DE' });
    await message(a, 'a1', 'customer', clock);
    await message(a, 'a-note', 'agent', clock + 1 * MINUTE, true);
    await message(a, 'a2', 'agent', clock + 4 * MINUTE);
    clock = at('2026-11-24T09:50');
    const b = await addTestConversation(core, 'b', 'ann', { market: 'DE', sla: { policyId: 'p', firstResponseDueAt: null, nextResponseDueAt: null, resolutionDueAt: null, firstRespondedAt: clock, breached: ['first_response'] } });
    await message(b, 'b1', 'customer', clock);
    await message(b, 'b2', 'agent', clock + 10 * MINUTE);
    clock = at('2026-11-24T21:00');
    const c = await addTestConversation(core, 'c', null, { market: 'AT', sla: { policyId: 'p', firstResponseDueAt: clock + MINUTE, nextResponseDueAt: null, resolutionDueAt: null, firstRespondedAt: null, breached: [] } });
    await message(c, 'c1', 'customer', clock);
    clock = at('2026-11-24T23:00');
    await core.commit('acme', (changes) => changes.changeConversation(c, { ...c, status: 'resolved', updatedAt: clock }));

    const rows = await core.store.conversations.listHistory('acme', at('2026-11-24T00:00'), at('2026-11-25T00:00'));
    const ratings = [
      { conversationId: 'a', score: 5, comment: null, ratedAt: clock, teamId: 'team-a', assigneeId: 'ann', channel: 'webchat', market: 'DE' },
      { conversationId: 'c', score: 2, comment: 'slow', ratedAt: clock, teamId: 'team-a', assigneeId: null, channel: 'webchat', market: 'AT' },
    ];
    const summary = summarize(rows, ratings, { from: 0, to: 1, timeZone: 'Europe/Berlin' });
    expect(summary.conversations).toBe(3);
    expect(summary.volumeByHour[9]).toBe(2);
    expect(summary.volumeByHour[21]).toBe(1);
    expect(summary.volumeByMarket).toEqual([{ market: 'DE', count: 2 }, { market: 'AT', count: 1 }]);
    // The note does not count as an answer.
    expect(summary.firstResponse).toEqual({ count: 2, medianMs: 4 * MINUTE, p90Ms: 10 * MINUTE });
    expect(summary.resolution).toEqual({ count: 1, medianMs: 2 * 60 * MINUTE });
    expect(summary.sla).toEqual({ withTargets: 2, breached: 1, attainment: 0.5 });
    expect(summary.csat).toEqual({ count: 2, average: 3.5, distribution: [0, 1, 0, 0, 1] });
    // Hours are the supervisor's: in Tokyo the two 09:xx Berlin conversations came at 17:xx.
    expect(summarize(rows, [], { from: 0, to: 1, timeZone: 'Asia/Tokyo' }).volumeByHour[17]).toBe(2);
  });

  it('gives the same figures by channel, a rating on its conversation\'s channel even when rated after the period', async () => {
    clock = at('2026-11-24T09:00');
    const wa = await addTestConversation(core, 'wa', 'ann', { channel: 'whatsapp' });
    await message(wa, 'wa1', 'customer', clock);
    await message(wa, 'wa2', 'agent', clock + 2 * MINUTE);
    const line = await addTestConversation(core, 'line', 'ann', { channel: 'line', sla: { policyId: 'p', firstResponseDueAt: null, nextResponseDueAt: null, resolutionDueAt: null, firstRespondedAt: clock, breached: ['first_response'] } });
    await message(line, 'l1', 'customer', clock);
    await message(line, 'l2', 'agent', clock + 30 * MINUTE);
    const line2 = await addTestConversation(core, 'line2', null, { channel: 'line' });
    await message(line2, 'l3', 'customer', clock);
    const rows = await core.store.conversations.listHistory('acme', at('2026-11-24T00:00'), at('2026-11-25T00:00'));
    const rating = (conversationId: string, score: number, channel: string) => ({ conversationId, score, comment: null, ratedAt: clock, teamId: 'team-a', assigneeId: 'ann', channel, market: null });
    const ratings = [rating('wa', 5, 'whatsapp'), rating('line', 2, 'line'), rating('earlier', 4, 'line'), rating('old', 3, 'sms')];
    expect(summarize(rows, ratings, { from: 0, to: 1, timeZone: 'UTC' }).byChannel).toEqual([
      {
        channel: 'line',
        conversations: 2,
        firstResponse: { count: 1, medianMs: 30 * MINUTE, p90Ms: 30 * MINUTE },
        resolution: { count: 0, medianMs: null },
        sla: { withTargets: 1, breached: 1, attainment: 0 },
        csat: { count: 2, average: 3 },
      },
      {
        channel: 'whatsapp',
        conversations: 1,
        firstResponse: { count: 1, medianMs: 2 * MINUTE, p90Ms: 2 * MINUTE },
        resolution: { count: 0, medianMs: null },
        sla: { withTargets: 0, breached: 0, attainment: null },
        csat: { count: 1, average: 5 },
      },
      {
        channel: 'sms',
        conversations: 0,
        firstResponse: { count: 0, medianMs: null, p90Ms: null },
        resolution: { count: 0, medianMs: null },
        sla: { withTargets: 0, breached: 0, attainment: null },
        csat: { count: 1, average: 3 },
      },
    ]);
  });

  it('takes nearest-rank percentiles', async () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([5, 1, 3], 0.5)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
  });
});
