import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestAgentFor, canTake, compareWaiting, fitOf, type RoutingAgent, type WaitingConversation } from '../../src-shared/domain/routing-score.js';
import { RoutingBoard } from './routing-board.js';

const LANGUAGES = ['en', 'de', 'th', 'zh', 'ja'];
const SKILLS = ['refund', 'delivery_delay'];
const agentArb: fc.Arbitrary<RoutingAgent> = fc.record({
  id: fc.constantFrom('a1', 'a2', 'a3', 'a4'),
  state: fc.constantFrom('available', 'available', 'busy', 'away'),
  languages: fc.uniqueArray(fc.constantFrom(...LANGUAGES), { maxLength: 2 }),
  // None, everything, or one pair model each way between Thai and English.
  translation: fc.constantFrom([], [{ among: LANGUAGES }], [{ source: 'th', target: 'en' }, { source: 'en', target: 'th' }]),
  skills: fc.uniqueArray(fc.constantFrom(...SKILLS), { maxLength: 2 }),
  capacity: fc.constant({ call: 1, chat: 3, email: 5 }),
  load: fc.record({ call: fc.nat(1), chat: fc.nat(3), email: fc.nat(5) }),
  idleSince: fc.nat(100),
});
const conversationArb: fc.Arbitrary<WaitingConversation> = fc.record({
  id: fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5', 'c6'),
  language: fc.constantFrom(...LANGUAGES, 'th-TH', 'de-AT'),
  skill: fc.option(fc.constantFrom(...SKILLS), { nil: null }),
  kind: fc.constantFrom('call', 'chat', 'email'),
  dueAt: fc.nat(1000),
  vip: fc.boolean(),
  upset: fc.boolean(),
  enqueuedAt: fc.nat(1000),
});
type Step =
  | { op: 'agent'; agent: RoutingAgent }
  | { op: 'enqueue'; conversation: WaitingConversation }
  | { op: 'dequeue'; id: string }
  | { op: 'pass'; id: string; agentId: string };
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('agent' as const), agent: agentArb }),
  fc.record({ op: fc.constant('enqueue' as const), conversation: conversationArb }),
  fc.record({ op: fc.constant('dequeue' as const), id: fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5', 'c6') }),
  fc.record({ op: fc.constant('pass' as const), id: fc.constantFrom('c1', 'c2', 'c3'), agentId: fc.constantFrom('a1', 'a2') }),
);

describe('routing board', () => {
  it('offers a freed agent what a scan of every waiting conversation would: best fit, then most urgent', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const board = new RoutingBoard();
        const agents = new Map<string, RoutingAgent>();
        const waiting = new Map<string, WaitingConversation>();
        const passed = new Map<string, Set<string>>();
        for (const s of steps) {
          if (s.op === 'agent') {
            board.setAgent(s.agent);
            agents.set(s.agent.id, s.agent);
          }
          if (s.op === 'enqueue') {
            board.enqueue(s.conversation);
            waiting.set(s.conversation.id, s.conversation);
          }
          if (s.op === 'dequeue') {
            board.dequeue(s.id);
            waiting.delete(s.id);
            passed.delete(s.id);
          }
          if (s.op === 'pass' && waiting.has(s.id)) {
            board.passOver(s.id, s.agentId);
            passed.set(s.id, new Set([...(passed.get(s.id) ?? []), s.agentId]));
          }
          for (const c of waiting.values()) {
            expect(board.agentFor(c.id)?.id ?? null).toBe(bestAgentFor(c, agents.values(), passed.get(c.id))?.id ?? null);
          }
          for (const agent of agents.values()) {
            const candidates = [...waiting.values()].filter((c) => !passed.get(c.id)?.has(agent.id) && canTake(agent, c.kind) && fitOf(agent, c) > 0);
            candidates.sort((a, b) => fitOf(agent, b) - fitOf(agent, a) || compareWaiting(a, b));
            expect(board.conversationFor(agent.id)?.id ?? null).toBe(candidates[0]?.id ?? null);
          }
          expect(board.waitingCount()).toBe(waiting.size);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('moves an offer on to the next agent once the first lets it pass', () => {
    const board = new RoutingBoard();
    const base = { state: 'available' as const, translation: [], skills: [], capacity: { call: 1, chat: 4, email: 6 }, load: { call: 0, chat: 0, email: 0 } };
    board.setAgent({ ...base, id: 'mei', languages: ['zh'], idleSince: 10 });
    board.setAgent({ ...base, id: 'li', languages: ['zh'], idleSince: 20 });
    board.enqueue({ id: 'c1', language: 'zh-CN', skill: null, kind: 'chat', dueAt: 100, vip: false, upset: false, enqueuedAt: 1 });
    expect(board.agentFor('c1')?.id).toBe('mei');
    board.passOver('c1', 'mei');
    expect(board.agentFor('c1')?.id).toBe('li');
    board.passOver('c1', 'li');
    expect(board.agentFor('c1')).toBeNull();
  });
});
