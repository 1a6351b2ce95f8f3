import { z } from 'zod';
import { AwayReason, Channel, Id, Presence } from '../domain/model.js';

/** GET /api/supervisor/live: the supervisor's teams right now. Best effort, no seq (docs/architecture.md, "Sync protocol", point 9). */
export const SUPERVISOR_LIVE_PATH = '/api/supervisor/live';

const Load = z.object({ call: z.number().int().nonnegative(), chat: z.number().int().nonnegative(), email: z.number().int().nonnegative() });

export const QueueLive = z.object({
  teamId: Id,
  teamName: z.string(),
  /** Working now by the team's hours. */
  open: z.boolean(),
  waiting: z.number().int().nonnegative(),
  /** Since the oldest waiting conversation came; null with none waiting. */
  longestWaitMs: z.number().int().nonnegative().nullable(),
  /** Conversations of the team with an SLA target due within ten minutes, and past due. */
  slaAtRisk: z.number().int().nonnegative(),
  slaBreached: z.number().int().nonnegative(),
  /** Agents available now, by each language they write. */
  availableByLanguage: z.record(z.string(), z.number().int().nonnegative()),
});
export type QueueLive = z.infer<typeof QueueLive>;

export const AgentLive = z.object({
  id: Id,
  name: z.string(),
  teamIds: z.array(Id),
  languages: z.array(z.string()),
  state: Presence,
  /** Why away, when the agent said. */
  reason: AwayReason.nullable(),
  /** How long in this state, as far as this relay has seen; null when unknown (since the relay started). */
  inStateMs: z.number().int().nonnegative().nullable(),
  load: Load,
  capacity: Load,
  /** Talking on a web call now; absent from relays that predate calls. */
  onCall: z.boolean().default(false),
});
export type AgentLive = z.infer<typeof AgentLive>;

export const LiveAlert = z.object({
  kind: z.enum(['sla_breached', 'sla_at_risk', 'no_agents']),
  teamId: Id,
  conversationId: Id.nullable(),
  customerName: z.string().nullable(),
});
export type LiveAlert = z.infer<typeof LiveAlert>;

/** The supervisor's teams on one channel right now; only channels with a conversation waiting or held. */
export const ChannelLive = z.object({
  channel: Channel,
  /** Unassigned and unresolved, as a queue's `waiting`. */
  waiting: z.number().int().nonnegative(),
  /** Held by an agent and unresolved. */
  active: z.number().int().nonnegative(),
  longestWaitMs: z.number().int().nonnegative().nullable(),
  slaAtRisk: z.number().int().nonnegative(),
  slaBreached: z.number().int().nonnegative(),
});
export type ChannelLive = z.infer<typeof ChannelLive>;

/**
 * A reply a company rule flagged on the desk (docs/privacy.md, "Reply checks"), in a conversation of
 * the supervisor's teams that is not resolved: which rule, and whether the agent sent it anyway
 * (`overridden`) or changed the reply first.
 */
export const FlaggedReplyLive = z.object({
  conversationId: Id,
  teamId: Id,
  customerName: z.string().nullable(),
  messageId: Id,
  agentId: Id.nullable(),
  ruleId: z.string(),
  action: z.enum(['warn', 'block']),
  overridden: z.boolean(),
  at: z.number().int().nonnegative(),
});
export type FlaggedReplyLive = z.infer<typeof FlaggedReplyLive>;

export const LiveBoard = z.object({
  at: z.number().int().nonnegative(),
  queues: z.array(QueueLive),
  /** The same teams by channel, busiest first; absent from relays that predate it. */
  channels: z.array(ChannelLive).default([]),
  agents: z.array(AgentLive),
  alerts: z.array(LiveAlert),
  /** Newest first; absent from relays that predate reply checks. */
  flaggedReplies: z.array(FlaggedReplyLive).default([]),
});
export type LiveBoard = z.infer<typeof LiveBoard>;

/** GET /api/reports/summary?from&to&timeZone: the supervisor's teams over a period, for the history charts. */
export const REPORT_SUMMARY_PATH = '/api/reports/summary';

/** A period's figures on one channel. */
export const ChannelHistory = z.object({
  channel: Channel,
  conversations: z.number().int().nonnegative(),
  firstResponse: z.object({ count: z.number().int().nonnegative(), medianMs: z.number().nullable(), p90Ms: z.number().nullable() }),
  resolution: z.object({ count: z.number().int().nonnegative(), medianMs: z.number().nullable() }),
  sla: z.object({ withTargets: z.number().int().nonnegative(), breached: z.number().int().nonnegative(), attainment: z.number().min(0).max(1).nullable() }),
  csat: z.object({ count: z.number().int().nonnegative(), average: z.number().nullable() }),
});
export type ChannelHistory = z.infer<typeof ChannelHistory>;

export const HistorySummary = z.object({
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  timeZone: z.string(),
  conversations: z.number().int().nonnegative(),
  /** New conversations by hour of the day (0–23) in `timeZone`. */
  volumeByHour: z.array(z.number().int().nonnegative()).length(24),
  /** Most first; null is "unknown market". */
  volumeByMarket: z.array(z.object({ market: z.string().nullable(), count: z.number().int().nonnegative() })),
  firstResponse: z.object({ count: z.number().int().nonnegative(), medianMs: z.number().nullable(), p90Ms: z.number().nullable() }),
  resolution: z.object({ count: z.number().int().nonnegative(), medianMs: z.number().nullable() }),
  /** Of the conversations that had SLA targets, how many met all of them. */
  sla: z.object({ withTargets: z.number().int().nonnegative(), breached: z.number().int().nonnegative(), attainment: z.number().min(0).max(1).nullable() }),
  csat: z.object({ count: z.number().int().nonnegative(), average: z.number().nullable(), distribution: z.array(z.number().int().nonnegative()).length(5) }),
  /** The same figures by channel, most conversations first; absent from relays that predate it. */
  byChannel: z.array(ChannelHistory).default([]),
});
export type HistorySummary = z.infer<typeof HistorySummary>;
