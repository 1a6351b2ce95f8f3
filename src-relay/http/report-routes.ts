import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { TimeZone, type Agent } from '../../src-shared/domain/model.js';
import { REPORT_SUMMARY_PATH, SUPERVISOR_LIVE_PATH, type HistorySummary, type LiveBoard } from '../../src-shared/protocol/supervisor.js';
import type { RelayCore } from '../relay-core.js';
import { anonymisedHistoryEntry } from '../supervision/anonymised-history.js';
import { summarize } from '../supervision/history.js';
import { liveBoard } from '../supervision/live-board.js';
import { actorOf, recordAudit } from '../audit/audit-trail.js';
import { maskText } from '../privacy/desk-masking.js';
import { callerWithRole } from './auth-routes.js';
import { sendCsv } from './csv-reply.js';
import { sendHttpError } from './http-error.js';

const DAY_MS = 24 * 60 * 60_000;
const Period = z.object({
  from: z.coerce.number().int().nonnegative().optional(),
  to: z.coerce.number().int().positive().optional(),
  timeZone: z.string().optional(),
});

/** History for supervisors (their teams) and administrators (everything), as CSV for spreadsheets; and the live board. */
export function registerReportRoutes(app: FastifyInstance, core: RelayCore, agentsOnCalls: () => ReadonlySet<string>): void {
  app.get(SUPERVISOR_LIVE_PATH, async (request, reply) => {
    const agent = await staffOf(core, request, reply);
    if (!agent) return reply;
    const board: LiveBoard = await liveBoard(core, agent, agentsOnCalls());
    return reply.header('cache-control', 'no-store').send(board);
  });

  app.get(REPORT_SUMMARY_PATH, async (request, reply) => {
    const asked = await reportRequest(core, request, reply);
    if (!asked) return reply;
    const zone = TimeZone.safeParse((request.query as { timeZone?: unknown }).timeZone ?? 'UTC');
    if (!zone.success) return sendHttpError(reply, 400, 'bad_request', 'timeZone must be an IANA time zone such as "Europe/Berlin".');
    const summary: HistorySummary = await summaryOf(core, asked, zone.data);
    return reply.header('cache-control', 'no-store').send(summary);
  });

  app.get('/api/reports/channels.csv', async (request, reply) => {
    const asked = await reportRequest(core, request, reply);
    if (!asked) return reply;
    // Times in seconds, as spreadsheets sum them; an empty cell where there is nothing to measure.
    const seconds = (ms: number | null) => (ms === null ? '' : Math.round(ms / 1000));
    const rows = (await summaryOf(core, asked, 'UTC')).byChannel.map((c) => [
      c.channel, c.conversations,
      c.firstResponse.count, seconds(c.firstResponse.medianMs), seconds(c.firstResponse.p90Ms),
      c.resolution.count, seconds(c.resolution.medianMs),
      c.sla.withTargets, c.sla.breached, c.sla.attainment ?? '',
      c.csat.count, c.csat.average === null ? '' : Math.round(c.csat.average * 100) / 100,
    ]);
    await auditExport(core, request, asked, 'channels');
    const header = ['channel', 'conversations', 'first_responses', 'first_response_median_s', 'first_response_p90_s', 'resolved', 'resolution_median_s', 'sla_with_targets', 'sla_breached', 'sla_attainment', 'csat_ratings', 'csat_average'];
    return sendCsv(reply, 'channels.csv', header, rows);
  });

  app.get('/api/reports/csat.csv', async (request, reply) => {
    const asked = await reportRequest(core, request, reply);
    if (!asked) return reply;
    // A customer's comment is their text: masked as the caller's desk would receive it.
    await core.maskingPolicies.load(asked.agent.tenantId);
    const masking = core.maskingPolicies.maskingFor(asked.agent.tenantId, asked.agent.role);
    const rows = (await core.store.ratings.list(asked.agent.tenantId, asked.from, asked.to))
      .filter((r) => asked.sees(r.teamId))
      .map((r) => [r.conversationId, new Date(r.ratedAt).toISOString(), r.score, maskText(r.comment ?? '', masking), r.teamId, r.assigneeId ?? '', r.channel, r.market ?? '']);
    await auditExport(core, request, asked, 'csat');
    return sendCsv(reply, 'csat.csv', ['conversation', 'rated_at', 'score', 'comment', 'team', 'agent', 'channel', 'market'], rows);
  });

  app.get('/api/reports/sla-breaches.csv', async (request, reply) => {
    const asked = await reportRequest(core, request, reply);
    if (!asked) return reply;
    const rows = (await core.store.sla.listBreaches(asked.agent.tenantId, asked.from, asked.to))
      .filter((b) => asked.sees(b.teamId))
      .map((b) => [b.conversationId, b.target, new Date(b.dueAt).toISOString(), new Date(b.breachedAt).toISOString(), b.teamId, b.channel, b.market ?? '']);
    await auditExport(core, request, asked, 'sla-breaches');
    return sendCsv(reply, 'sla-breaches.csv', ['conversation', 'target', 'due_at', 'breached_at', 'team', 'channel', 'market'], rows);
  });
}

/** The period's conversations (those anonymised by retention too) and ratings in the caller's teams, summed up. */
async function summaryOf(core: RelayCore, asked: ReportRequest, timeZone: string): Promise<HistorySummary> {
  const { tenantId } = asked.agent;
  const kept = (await core.store.conversations.listHistory(tenantId, asked.from, asked.to)).concat((await core.store.retention.listAnonymised(tenantId, asked.from, asked.to)).map(anonymisedHistoryEntry));
  const rows = kept.filter((row) => asked.sees(row.conversation.teamId));
  const ratings = (await core.store.ratings.list(asked.agent.tenantId, asked.from, asked.to)).filter((r) => asked.sees(r.teamId));
  return summarize(rows, ratings, { from: asked.from, to: asked.to, timeZone });
}

/** Each export a supervisor or administrator downloads is audited: which report, which period. */
function auditExport(core: RelayCore, request: FastifyRequest, asked: ReportRequest, report: string): Promise<unknown> {
  const details = { report, from: asked.from, to: asked.to };
  return recordAudit(core.store, asked.agent.tenantId, core.now(), actorOf(asked.agent, request.ip), 'export.history_csv', { type: 'export', id: `${report}.csv` }, details);
}

interface ReportRequest {
  agent: Agent;
  from: number;
  to: number;
  sees(teamId: string): boolean;
}

/** A signed-in supervisor or administrator; else the refusal is sent and null returned. */
function staffOf(core: RelayCore, request: FastifyRequest, reply: FastifyReply): Promise<Agent | null> {
  return callerWithRole(core, request, reply, ['supervisor', 'admin'], 'This is for supervisors and administrators.');
}

/** The caller may read reports, for this period (the last 30 days by default); else the reply is sent. */
async function reportRequest(core: RelayCore, request: FastifyRequest, reply: FastifyReply): Promise<ReportRequest | null> {
  const agent = await staffOf(core, request, reply);
  if (!agent) return null;
  const period = Period.safeParse(request.query);
  if (!period.success) {
    sendHttpError(reply, 400, 'bad_request', `Invalid period: ${z.prettifyError(period.error)}`);
    return null;
  }
  const to = period.data.to ?? core.now() + 1;
  const from = period.data.from ?? to - 30 * DAY_MS;
  return { agent, from, to, sees: (teamId) => agent.role === 'admin' || agent.teamIds.includes(teamId) };
}
