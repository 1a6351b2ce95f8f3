import { performance } from 'node:perf_hooks';
import { DEFAULT_CAPACITY, type AgentState, type RoutingAgent, type WaitingConversation, type WorkKind } from '../../../src-shared/domain/routing-score.js';
import { RoutingBoard } from '../../../src-relay/routing/routing-board.js';

/**
 * The in-memory RoutingBoard alone (the routing benchmark's original figures). The relay's live
 * assignment does not use it; tests/bench/support/live-routing.ts measures that.
 */

const LANGUAGES = ['en', 'de', 'es', 'pt-BR', 'fr', 'ar', 'th', 'zh-CN', 'ja', 'id', 'vi', 'ko', 'tr', 'it', 'nl'];
const SKILLS = ['refund', 'delivery_delay', 'order_status', 'payment_failed', 'exchange', 'warranty', 'account', 'privacy', 'invoice', 'complaint', 'cancel', 'address', 'product'];
const KINDS: WorkKind[] = ['chat', 'chat', 'chat', 'email', 'call'];
const STATES: AgentState[] = ['available', 'available', 'available', 'busy', 'away', 'after-call-work'];

/** A fixed-seed generator, so runs compare. */
let seed = 42;
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function agent(n: number): RoutingAgent {
  return {
    id: `a${n}`,
    state: pick(STATES),
    languages: [pick(LANGUAGES), pick(LANGUAGES)],
    translation: random() < 0.5 ? [{ among: LANGUAGES.map((language) => language.slice(0, 2)) }] : [],
    skills: [pick(SKILLS), pick(SKILLS), pick(SKILLS)],
    capacity: DEFAULT_CAPACITY,
    load: { call: random() < 0.1 ? 1 : 0, chat: Math.floor(random() * 5), email: Math.floor(random() * 4) },
    idleSince: Math.floor(random() * 3_600_000),
  };
}

function conversation(n: number): WaitingConversation {
  return {
    id: `c${n}`,
    language: pick(LANGUAGES),
    skill: random() < 0.8 ? pick(SKILLS) : null,
    kind: pick(KINDS),
    dueAt: Math.floor(random() * 14_400_000),
    vip: random() < 0.05,
    upset: random() < 0.1,
    enqueuedAt: n,
  };
}

const round = (value: number) => Math.round(value * 1000) / 1000;
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export function measureBoard(agents: number, waiting: number, decisions: number) {
  const board = new RoutingBoard();
  for (let n = 0; n < agents; n++) board.setAgent(agent(n));
  for (let n = 0; n < waiting; n++) board.enqueue(conversation(n));

  // Alternating the two decisions the relay makes: a new conversation looks for an agent, and an
  // agent who freed up takes the best waiting conversation, which then leaves the queue.
  const times: number[] = [];
  let offered = 0;
  let next = waiting;
  const started = performance.now();
  for (let d = 0; d < decisions; d++) {
    const start = performance.now();
    if (d % 2 === 0) {
      const arriving = conversation(next++);
      board.enqueue(arriving);
      if (board.agentFor(arriving.id)) offered += 1;
    } else {
      const taken = board.conversationFor(`a${Math.floor(random() * agents)}`);
      if (taken) {
        board.dequeue(taken.id);
        offered += 1;
      }
    }
    times.push(performance.now() - start);
  }
  const elapsed = performance.now() - started;
  return {
    offered,
    decision_p50_ms: round(percentile(times, 50)),
    decision_p99_ms: round(percentile(times, 99)),
    decisions_per_s: Math.round(decisions / (elapsed / 1000)),
  };
}
