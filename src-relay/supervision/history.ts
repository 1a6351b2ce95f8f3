import { DateTime } from 'luxon';
import { Channel } from '../../src-shared/domain/model.js';
import type { ChannelHistory, HistorySummary } from '../../src-shared/protocol/supervisor.js';
import type { HistoryEntry } from '../storage/port/conversations.js';
import type { Rating } from '../storage/port/ratings.js';

/** Sums a period up: volume by hour and market, response and resolution times, SLA attainment, CSAT; all of it by channel too. Pure. */
export function summarize(rows: readonly HistoryEntry[], ratings: readonly Rating[], period: { from: number; to: number; timeZone: string }): HistorySummary {
  const volumeByHour = Array.from({ length: 24 }, () => 0);
  const markets = new Map<string | null, number>();
  for (const { conversation } of rows) {
    volumeByHour[DateTime.fromMillis(conversation.createdAt, { zone: period.timeZone }).hour]! += 1;
    markets.set(conversation.market, (markets.get(conversation.market) ?? 0) + 1);
  }
  const distribution = [0, 0, 0, 0, 0];
  for (const rating of ratings) distribution[rating.score - 1]! += 1;
  const { firstResponse, resolution, sla, csat } = figures(rows, ratings);
  return {
    ...period,
    conversations: rows.length,
    volumeByHour,
    volumeByMarket: [...markets].map(([market, count]) => ({ market, count })).sort((a, b) => b.count - a.count || String(a.market).localeCompare(String(b.market))),
    firstResponse,
    resolution,
    sla,
    csat: { ...csat, distribution },
    byChannel: byChannel(rows, ratings),
  };
}

type Figures = Omit<ChannelHistory, 'channel' | 'conversations'>;

/** Response and resolution times, SLA attainment and CSAT of these conversations and ratings. */
function figures(rows: readonly HistoryEntry[], ratings: readonly Rating[]): Figures {
  const firstResponses: number[] = [];
  const resolutions: number[] = [];
  let withTargets = 0;
  let breached = 0;
  for (const { conversation, firstCustomerAt, firstAnswerAt } of rows) {
    if (firstCustomerAt !== null && firstAnswerAt !== null) firstResponses.push(firstAnswerAt - firstCustomerAt);
    // A resolved conversation's last change is its resolution, as far as the relay keeps.
    if (conversation.status === 'resolved') resolutions.push(conversation.updatedAt - conversation.createdAt);
    if (conversation.sla) {
      withTargets += 1;
      if (conversation.sla.breached.length > 0) breached += 1;
    }
  }
  return {
    firstResponse: { count: firstResponses.length, medianMs: percentile(firstResponses, 0.5), p90Ms: percentile(firstResponses, 0.9) },
    resolution: { count: resolutions.length, medianMs: percentile(resolutions, 0.5) },
    sla: { withTargets, breached, attainment: withTargets === 0 ? null : (withTargets - breached) / withTargets },
    csat: { count: ratings.length, average: ratings.length === 0 ? null : ratings.reduce((sum, r) => sum + r.score, 0) / ratings.length },
  };
}

/**
 * Each channel's figures, most conversations first. A rating counts on its conversation's
 * channel even when the conversation came before the period (rated late).
 */
function byChannel(rows: readonly HistoryEntry[], ratings: readonly Rating[]): ChannelHistory[] {
  const channels = new Map<Channel, { rows: HistoryEntry[]; ratings: Rating[] }>();
  const of = (channel: Channel) => channels.get(channel) ?? channels.set(channel, { rows: [], ratings: [] }).get(channel)!;
  for (const row of rows) of(row.conversation.channel).rows.push(row);
  for (const rating of ratings) {
    const channel = Channel.safeParse(rating.channel);
    if (channel.success) of(channel.data).ratings.push(rating);
  }
  return [...channels]
    .map(([channel, group]) => ({ channel, conversations: group.rows.length, ...figures(group.rows, group.ratings) }))
    .sort((a, b) => b.conversations - a.conversations || a.channel.localeCompare(b.channel));
}

/** Nearest-rank percentile; null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}
