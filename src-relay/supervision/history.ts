import { DateTime } from 'luxon';
import type { HistorySummary } from '../../src-shared/protocol/supervisor.js';
import type { HistoryEntry } from '../storage/port/conversations.js';
import type { Rating } from '../storage/port/ratings.js';

/** Sums a period up: volume by hour and market, response and resolution times, SLA attainment, CSAT. Pure. */
export function summarize(rows: readonly HistoryEntry[], ratings: readonly Rating[], period: { from: number; to: number; timeZone: string }): HistorySummary {
  const volumeByHour = Array.from({ length: 24 }, () => 0);
  const markets = new Map<string | null, number>();
  const firstResponses: number[] = [];
  const resolutions: number[] = [];
  let withTargets = 0;
  let breached = 0;
  for (const { conversation, firstCustomerAt, firstAnswerAt } of rows) {
    volumeByHour[DateTime.fromMillis(conversation.createdAt, { zone: period.timeZone }).hour]! += 1;
    markets.set(conversation.market, (markets.get(conversation.market) ?? 0) + 1);
    if (firstCustomerAt !== null && firstAnswerAt !== null) firstResponses.push(firstAnswerAt - firstCustomerAt);
    // A resolved conversation's last change is its resolution, as far as the relay keeps.
    if (conversation.status === 'resolved') resolutions.push(conversation.updatedAt - conversation.createdAt);
    if (conversation.sla) {
      withTargets += 1;
      if (conversation.sla.breached.length > 0) breached += 1;
    }
  }
  const distribution = [0, 0, 0, 0, 0];
  for (const rating of ratings) distribution[rating.score - 1]! += 1;
  return {
    ...period,
    conversations: rows.length,
    volumeByHour,
    volumeByMarket: [...markets].map(([market, count]) => ({ market, count })).sort((a, b) => b.count - a.count || String(a.market).localeCompare(String(b.market))),
    firstResponse: { count: firstResponses.length, medianMs: percentile(firstResponses, 0.5), p90Ms: percentile(firstResponses, 0.9) },
    resolution: { count: resolutions.length, medianMs: percentile(resolutions, 0.5) },
    sla: { withTargets, breached, attainment: withTargets === 0 ? null : (withTargets - breached) / withTargets },
    csat: { count: ratings.length, average: ratings.length === 0 ? null : ratings.reduce((sum, r) => sum + r.score, 0) / ratings.length, distribution },
  };
}

/** Nearest-rank percentile; null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}
