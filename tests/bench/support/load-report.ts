import type { CustomersSent } from './chat-customers.js';
import type { DeliveryCheck } from './delivery-check.js';
import type { DeskClientsResult } from './desk-clients.js';
import { LatencyHistogram } from './latency-histogram.js';

export interface LoadOutcome {
  nodes: number;
  teams: number;
  customers: number;
  sent: CustomersSent;
  desks: DeskClientsResult[];
  check: DeliveryCheck;
  /** The last seq judged by the check. */
  throughSeq: number;
  /** From 'go' to the generators' results. */
  wallSeconds: number;
  /** CPU seconds over that time: the generators (desk clients + customers), and the relays. */
  generatorCpuSeconds: number;
  relayCpuSeconds: number | null;
  cores: number;
}

const round = (value: number | null, digits = 0): number | null =>
  value === null || !Number.isFinite(value) ? null : Math.round(value * 10 ** digits) / 10 ** digits;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** One run's numbers, as the result line has them, with a few lines of log on the way. */
export function reportLoad(outcome: LoadOutcome, log: (line: string) => void): Record<string, number | null> {
  const { sent, desks, check } = outcome;
  const fanout = new LatencyHistogram();
  const pushAck = new LatencyHistogram();
  const echo = new LatencyHistogram();
  for (const d of desks) {
    fanout.addPairs(d.fanout);
    pushAck.addPairs(d.pushAck);
  }
  echo.addPairs(sent.echo);
  const gaps = sum(desks.map((d) => d.gaps));
  const cutOff = sum(desks.map((d) => d.cutOff));
  const pushRejected = sum(desks.map((d) => d.pushRejected));
  const share = (seconds: number | null) => (seconds === null ? null : round((seconds / (outcome.wallSeconds * outcome.cores)) * 100, 1));
  for (const line of desks.flatMap((d) => d.relayErrors).slice(0, 5)) log(`relay said: ${line}`);
  log(`fan-out ${fanout.total} timed deliveries: p50 ${fanout.percentile(50)} ms, p99 ${fanout.percentile(99)} ms, max ${fanout.max()} ms`);
  log(
    `${check.due} deliveries due through seq ${outcome.throughSeq}: ${check.lost} lost, ${check.duplicated} duplicated, ` +
      `${check.outOfOrder} out of order, ${check.unexpected} not visible to the desk; ${gaps} gaps pulled, ${cutOff} desks cut off`,
  );
  log(`${check.conversations} conversations, ${check.queued} still queued; ${pushAck.total} pushes acked (${pushRejected} refused), p99 ${pushAck.percentile(99)} ms`);
  return {
    nodes: outcome.nodes,
    desks: sum(desks.map((d) => d.desks.length)),
    teams: outcome.teams,
    customers: outcome.customers,
    messages_per_s: round(sent.sent / sent.sendSeconds),
    messages_committed_per_s: round(sent.committed / sent.commitSeconds),
    customer_send_to_echo_p99_ms: echo.percentile(99),
    fanout_p50_ms: fanout.percentile(50),
    fanout_p99_ms: fanout.percentile(99),
    fanout_max_ms: fanout.max(),
    fanout_timed: fanout.total,
    push_ack_p50_ms: pushAck.percentile(50),
    push_ack_p99_ms: pushAck.percentile(99),
    pushes: pushAck.total,
    push_refused: pushRejected,
    deliveries_due: check.due,
    lost: check.lost,
    duplicated: check.duplicated,
    out_of_order: check.outOfOrder,
    not_visible: check.unexpected,
    gaps_pulled: gaps,
    desks_cut_off: cutOff,
    customer_errors: sent.errors,
    queued_conversations: check.queued,
    generator_cpu_percent: share(outcome.generatorCpuSeconds),
    relay_cpu_percent: share(outcome.relayCpuSeconds),
  };
}
