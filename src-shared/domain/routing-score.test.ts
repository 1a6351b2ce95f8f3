import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Presence } from './model.js';
import {
  bestAgentFor,
  canTake,
  compareWaiting,
  estimatedWaitMs,
  fitOf,
  languageFit,
  servedLanguages,
  urgencyOf,
  workKindOf,
  WORK_KINDS,
  type RoutingAgent,
  type WaitingConversation,
} from './routing-score.js';

const LANGUAGES = ['en', 'en-GB', 'de', 'th', 'zh-CN', 'ja', 'pt-BR', 'ar'];
const SKILLS = ['refund', 'delivery_delay', 'payment_failed', 'warranty'];
const load = fc.record({ call: fc.nat(1), chat: fc.nat(5), email: fc.nat(7) });

const agent: fc.Arbitrary<RoutingAgent> = fc.record({
  id: fc.string({ minLength: 1, maxLength: 4 }),
  state: fc.constantFrom(...Presence.options),
  languages: fc.uniqueArray(fc.constantFrom(...LANGUAGES), { maxLength: 3 }),
  // None, everything, or one pair model each way between Thai and English.
  translation: fc.constantFrom([], [{ among: ['en', 'de', 'th', 'zh', 'ja', 'pt', 'ar'] }], [{ source: 'th', target: 'en' }, { source: 'en', target: 'th' }]),
  skills: fc.uniqueArray(fc.constantFrom(...SKILLS), { maxLength: 3 }),
  capacity: fc.record({ call: fc.nat(1), chat: fc.nat(5), email: fc.nat(7) }),
  load,
  idleSince: fc.integer({ min: 0, max: 1000 }),
});
const agents = fc.uniqueArray(agent, { selector: (a) => a.id, maxLength: 25 });
const conversation: fc.Arbitrary<WaitingConversation> = fc.record({
  id: fc.string({ minLength: 1, maxLength: 4 }),
  language: fc.constantFrom(...LANGUAGES),
  skill: fc.option(fc.constantFrom(...SKILLS), { nil: null }),
  kind: fc.constantFrom(...WORK_KINDS),
  dueAt: fc.integer({ min: 0, max: 10_000_000 }),
  vip: fc.boolean(),
  upset: fc.boolean(),
  enqueuedAt: fc.integer({ min: 0, max: 10_000_000 }),
});

/** The rule written out plainly: whoever can take it, best fit, then idle longest, then by id. */
function byTheRule(c: WaitingConversation, all: RoutingAgent[], passed: Set<string>): RoutingAgent | null {
  const eligible = all.filter((a) => !passed.has(a.id) && canTake(a, c.kind) && fitOf(a, c) > 0);
  eligible.sort((a, b) => fitOf(b, c) - fitOf(a, c) || a.idleSince - b.idleSince || (a.id < b.id ? -1 : 1));
  return eligible[0] ?? null;
}

describe('routing score', () => {
  it('offers a conversation to the agent the rule names: language, then skill, then longest idle', () => {
    fc.assert(
      fc.property(conversation, agents, fc.func(fc.boolean()), (c, all, skip) => {
        const passed = new Set(all.filter((a) => skip(a.id)).map((a) => a.id));
        expect(bestAgentFor(c, all, passed)?.id ?? null).toBe(byTheRule(c, all, passed)?.id ?? null);
      }),
      { numRuns: 1000 },
    );
  });

  it('never offers work to an agent who is not available or has no room for that kind of work', () => {
    fc.assert(
      fc.property(conversation, agents, (c, all) => {
        const chosen = bestAgentFor(c, all);
        if (!chosen) return;
        expect(chosen.state).toBe('available');
        expect(chosen.load[c.kind]).toBeLessThan(chosen.capacity[c.kind]);
      }),
    );
  });

  it('prefers a speaker of the language over translation, and takes no one who can do neither', () => {
    const base = { state: 'available' as const, skills: [], capacity: { call: 1, chat: 4, email: 6 }, load: { call: 0, chat: 0, email: 0 } };
    const speaker: RoutingAgent = { ...base, id: 'somchai', languages: ['th'], translation: [], idleSince: 500 };
    const translator: RoutingAgent = { ...base, id: 'olivia', languages: ['en'], translation: [{ source: 'th', target: 'en' }, { source: 'en', target: 'th' }], idleSince: 0 };
    // Hans's desk reads Thai but cannot write it: that is not serving a Thai customer.
    const neither: RoutingAgent = { ...base, id: 'hans', languages: ['de'], translation: [{ among: ['de', 'zh'] }, { source: 'th', target: 'de' }], idleSince: 0 };
    const nok: WaitingConversation = { id: 'c', language: 'th-TH', skill: null, kind: 'chat', dueAt: 0, vip: false, upset: false, enqueuedAt: 0 };
    expect(bestAgentFor(nok, [translator, speaker, neither])?.id).toBe('somchai');
    expect(bestAgentFor(nok, [translator, neither])?.id).toBe('olivia');
    expect(bestAgentFor(nok, [neither])).toBeNull();
    expect(languageFit(speaker, 'th-TH')).toBe(2);
  });

  it('names as served exactly the primary languages the agent fits (a drain reads only those queues)', () => {
    const customerLanguages = [...LANGUAGES, 'PT', 'th-TH', 'zh-TW', 'ko', 'fr'];
    fc.assert(
      fc.property(agent, (a) => {
        const served = servedLanguages(a);
        for (const language of customerLanguages) expect(served.has(language.toLowerCase().split('-')[0]!)).toBe(languageFit(a, language) > 0);
      }),
    );
    const olivia = { languages: ['en-GB'], translation: [{ source: 'th', target: 'en' }, { source: 'en', target: 'th' }, { source: 'de', target: 'en' }] };
    expect([...servedLanguages(olivia)].sort()).toEqual(['en', 'th']);
  });

  it('orders the queue by urgency, VIP and upset customers first, with a strict total order', () => {
    fc.assert(
      fc.property(conversation, conversation, conversation, (a, b, c) => {
        expect(Math.sign(compareWaiting(a, b))).toBe(-Math.sign(compareWaiting(b, a)));
        if (compareWaiting(a, b) <= 0 && compareWaiting(b, c) <= 0) expect(compareWaiting(a, c)).toBeLessThanOrEqual(0);
        expect(urgencyOf({ ...a, vip: true })).toBeLessThanOrEqual(urgencyOf(a));
        expect(urgencyOf({ ...a, upset: true })).toBeLessThanOrEqual(urgencyOf(a));
        // Nearer its breach, sooner served.
        expect(compareWaiting({ ...a, dueAt: a.dueAt - 1 }, a)).toBeLessThan(0);
      }),
    );
  });

  it('tells a longer wait further back in the queue and a shorter one with more agents', () => {
    fc.assert(
      fc.property(fc.nat(500), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 600_000 }), (position, serving, handle) => {
        expect(estimatedWaitMs(position + 1, serving, handle)!).toBeGreaterThanOrEqual(estimatedWaitMs(position, serving, handle)!);
        expect(estimatedWaitMs(position, serving + 1, handle)!).toBeLessThanOrEqual(estimatedWaitMs(position, serving, handle)!);
      }),
    );
    expect(estimatedWaitMs(3, 0, 1000)).toBeNull();
  });

  it('counts calls, chats and emails apart', () => {
    expect(workKindOf('voice')).toBe('call');
    expect(workKindOf('email')).toBe('email');
    expect(workKindOf('line')).toBe('chat');
  });
});
