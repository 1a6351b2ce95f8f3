import { afterEach, describe, expect, it } from 'vitest';
import type { Conversation, SlaClock } from '../../src-shared/domain/model.js';
import { compareWaiting } from '../../src-shared/domain/routing-score.js';
import type { ChangeSet } from '../log/change-set.js';
import type { RelayCore } from '../relay-core.js';
import type { RelayRepositories } from '../storage/port/relay-storage.js';
import { acmeCore } from '../testing/test-relay.js';
import { drainQueue, inCommit, openTeams, routed } from './assignment.js';
import { waitingOf } from './queue-order.js';

/**
 * A drain loads what it decides with once (DrainRoster) instead of reading per queued
 * conversation: the same decisions as routing the queue one conversation at a time, in a number
 * of storage calls that does not grow with the queue.
 */
describe('draining a queue', () => {
  const cores: RelayCore[] = [];
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.store.close();
  });
  const newCore = async () => {
    let clock = 1_000_000;
    const core = await acmeCore(() => clock++);
    cores.push(core);
    return core;
  };

  it('calls the storage as often for 1,200 queued conversations as for 120', async () => {
    const callsFor = async (queued: number) => {
      const core = await newCore();
      await core.commit('acme', async (changes) => {
        for (let i = 0; i < queued; i += 1) await changes.addConversation(conversationOf(`q${i}`, { language: i % 2 === 0 ? 'en' : 'de', createdAt: 1000 + i }));
      });
      core.connected.connect('ann');
      core.connected.connect('bob');
      const calls: string[] = [];
      // Ann and Bob have room for four chats each, however long the queue.
      expect(await core.commit('acme', (changes) => drainQueue(core, countedChanges(changes, calls), ['team-a', 'team-b']))).toBe(8);
      return calls;
    };
    const fewer = await callsFor(120);
    expect(await callsFor(1_200)).toEqual(fewer);
    // Reads: teams, which kinds of work wait (a probe of each team's queue per kind, until one has some), lapsed offers,
    // the agents with room for them (and their loads), offer timeout, the head of each team's chat queue and who let it
    // pass; then the eight assignments' writes (each with the change set's look at whether the assignee saw the
    // conversation already). No call or email waits, so nothing more is read.
    const probe = 'conversations.listQueuedByUrgency';
    expect(fewer.slice(0, 12)).toEqual([
      'accounts.listTeams', probe, probe, probe, probe, probe, 'conversations.listOffersLapsed', 'accounts.listReadyOfTeams', 'accounts.offerTimeoutMs',
      'conversations.listQueuedByUrgency', 'conversations.listQueuedByUrgency', 'conversations.passedOverOf',
    ]);
    expect(fewer.slice(12, 16)).toEqual(['conversations.updateConversation', 'events.append', 'accounts.findAgent', 'accounts.markAssigned']);
    expect(fewer).toHaveLength(12 + 8 * 4);
  });

  it('reads only the queue of the languages someone with room serves, however much waits in others', async () => {
    const drainFor = async (english: number) => {
      const core = await newCore();
      await core.commit('acme', async (changes) => {
        for (let i = 0; i < english; i += 1) await changes.addConversation(conversationOf(`en${i}`, { createdAt: 1000 + i }));
        await changes.addConversation(conversationOf('de-1', { language: 'de-AT', createdAt: 5000 }));
      });
      // Only Bob (German) is at his desk: the English queue ahead of the German customer is nobody's now.
      core.connected.connect('bob');
      const calls: string[] = [];
      const assigned = await core.commit('acme', (changes) => drainQueue(core, countedChanges(changes, calls), ['team-a']));
      const taken = await core.store.conversations.findConversation('acme', 'de-1');
      return { assigned, assignee: taken?.assigneeId ?? taken?.offer?.agentId, calls };
    };
    const few = await drainFor(120);
    expect(few).toMatchObject({ assigned: 1, assignee: 'bob' });
    expect(await drainFor(1_200)).toEqual(few);
  });

  it('reads no more than the head of the queue when nobody has room', async () => {
    const core = await newCore();
    await core.commit('acme', (changes) => changes.addConversation(conversationOf('q1')));
    const calls: string[] = [];
    expect(await core.commit('acme', (changes) => drainQueue(core, countedChanges(changes, calls), ['team-a']))).toBe(0);
    // Probes for calls (none), chats (one), emails (none); then nobody has room for the chat.
    expect(calls).toEqual(['accounts.listTeams', ...Array<string>(3).fill('conversations.listQueuedByUrgency'), 'conversations.listOffersLapsed', 'accounts.listReadyOfTeams']);
  });

  it('decides as routing one conversation at a time would, over varied teams, profiles, loads, offers and passed-over agents', async () => {
    let handedOut = 0;
    for (let seed = 1; seed <= 20; seed += 1) {
      const batch = await newCore();
      const oneByOne = await newCore();
      await seedScenario(batch, seed);
      await seedScenario(oneByOne, seed);
      for (const at of [AT, AT + 1]) {
        const expected = await outcomeOf(oneByOne, at, (changes) => drainOneByOne(oneByOne, changes));
        expect(await outcomeOf(batch, at, (changes) => drainQueue(batch, changes, TEAMS)), `seed ${seed} at ${at}`).toEqual(expected);
        handedOut += expected.assigned;
      }
      // Two at a time: on PostgreSQL each holds a pool of connections.
      for (const core of cores.splice(0)) await core.store.close();
    }
    // The scenarios route plenty, so the comparison is not of two empty drains.
    expect(handedOut).toBeGreaterThan(40);
  }, 60_000);
});

const AT = 2_000_000;
const TEAMS = ['team-a', 'team-b'];
const AGENTS = ['ann', 'bob', 'cid', 'dan', 'eve', 'fay'];
const LANGUAGES = ['en', 'de', 'ja', 'fr'];
/** Customers write regional tags too, and some agents write Portuguese, which no desk's model covers. */
const CUSTOMER_LANGUAGES = [...LANGUAGES, 'en-GB', 'pt-BR', 'PT'];

function conversationOf(id: string, over: Partial<Conversation> = {}): Conversation {
  return {
    id, customerId: 'cust', customerName: 'Kim', channel: 'webchat', teamId: 'team-a', assigneeId: null, status: 'open', language: 'en', market: null,
    createdAt: 1000, updatedAt: 1000, lastMessageAt: 1000, lastMessagePreview: '', ...over,
  };
}

/** The drain as it was before DrainRoster: every decision read from the storage. */
async function drainOneByOne(core: RelayCore, changes: ChangeSet): Promise<number> {
  const context = inCommit(core, changes);
  const working = (await openTeams(context, changes.tenantId, changes.at)).filter((id) => TEAMS.includes(id));
  const queued = await changes.store.conversations.listQueued(changes.tenantId, working);
  queued.sort((a, b) => compareWaiting(waitingOf(a), waitingOf(b)));
  let assigned = 0;
  for (const conversation of queued) {
    if (conversation.offer && conversation.offer.expiresAt > changes.at) continue;
    const next = await routed(context, changes.tenantId, conversation, changes.at);
    if (next === conversation) continue;
    await changes.changeConversation(conversation, { ...next, updatedAt: changes.at });
    if (next.assigneeId !== null) await changes.store.accounts.markAssigned(next.assigneeId, changes.at);
    assigned += 1;
  }
  return assigned;
}

/** What a drain did: how many it handed out, what it logged in order, and when each agent was last assigned. */
async function outcomeOf(core: RelayCore, at: number, drain: (changes: ChangeSet) => Promise<number>) {
  const { assigned, logged } = await core.commit(
    'acme',
    async (changes) => {
      const from = await changes.store.events.headSeq('acme');
      const count = await drain(changes);
      const events = await changes.store.events.range('acme', from, 10_000);
      return { assigned: count, logged: events.map((event) => event.data) };
    },
    at,
  );
  const lastAssigned = await Promise.all(AGENTS.map(async (id) => (await core.store.accounts.findAgent(id))?.lastAssignedAt));
  return { assigned, logged, lastAssigned };
}

/** A seeded company: six agents of one or both teams with varied profiles, presences and idle times, and forty conversations. */
async function seedScenario(core: RelayCore, seed: number): Promise<void> {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const upTo = (n: number) => Math.floor(random() * (n + 1));
  if (random() < 0.5) await core.store.accounts.setOfferTimeoutMs('acme', 30_000);
  await core.store.conversations.insertCustomer('acme', { id: 'vip', name: 'Yui', language: 'en', market: null, createdAt: 0, vip: true });
  await core.store.transaction(async ({ accounts }) => {
    for (const id of ['dan', 'eve', 'fay']) {
      const teamIds = pick([['team-a'], ['team-b'], TEAMS]);
      await accounts.insertAgent({ id, tenantId: 'acme', email: `${id}@acme.test`, name: id, role: 'agent', language: pick(LANGUAGES), passwordHash: '-', chosenPresence: 'available', teamIds, createdAt: 0 });
    }
  });
  for (const id of AGENTS) {
    if (random() < 0.6) {
      const languages = [pick([...LANGUAGES, 'pt']), ...(random() < 0.4 ? [pick(LANGUAGES)] : [])];
      await core.store.accounts.setRouting(id, { languages, skills: random() < 0.5 ? ['refund'] : [], capacity: { call: upTo(1), chat: upTo(2), email: upTo(2) }, translates: random() < 0.7 });
    }
    // Few distinct idle times, so that ties are broken by id.
    await core.store.accounts.markAssigned(id, upTo(3) * 1000);
    if (random() < 0.8) core.connected.connect(id);
    // Most desks have a model covering the team languages; routing translates only with one.
    if (random() < 0.7) core.connected.translationReported(id, [{ among: LANGUAGES }]);
    if (random() < 0.15) await core.store.accounts.setChosenPresence(id, 'away');
  }
  const passed: [string, string][] = [];
  await core.commit(
    'acme',
    async (changes) => {
      for (let i = 0; i < 40; i += 1) {
        const id = `c${i}`;
        const assigneeId = pick([null, null, null, ...AGENTS]);
        const offer = assigneeId === null && random() < 0.6 ? { agentId: pick(AGENTS), expiresAt: AT + (random() < 0.6 ? -1000 : 10_000) } : null;
        await changes.addConversation(conversationOf(id, {
          customerId: random() < 0.2 ? 'vip' : 'cust', channel: pick(['webchat', 'webchat', 'email', 'voice'] as const), teamId: pick(TEAMS), assigneeId,
          status: random() < 0.1 ? 'resolved' : 'open', language: pick(CUSTOMER_LANGUAGES), createdAt: AT - upTo(10) * 60_000, intent: random() < 0.4 ? 'refund' : null,
          upset: random() < 0.2, sla: random() < 0.5 ? slaDue(AT + upTo(120) * 60_000) : null, offer,
        }));
        if (random() < 0.25) passed.push([id, pick(AGENTS)]);
      }
    },
    AT - 10 * 60_000,
  );
  for (const [id, agentId] of passed) await core.store.conversations.addPassedOver(id, agentId);
}

function slaDue(at: number): SlaClock {
  return { policyId: 'p', firstResponseDueAt: at, nextResponseDueAt: null, resolutionDueAt: null, firstRespondedAt: null, breached: [] };
}

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The commit's change set with every storage call it makes recorded, by area and method. */
function countedChanges(changes: ChangeSet, calls: string[]): ChangeSet {
  const counted = new Proxy(changes.store, {
    get(store, area) {
      const repository: unknown = Reflect.get(store, area);
      if (typeof repository !== 'object' || repository === null) return repository;
      return new Proxy(repository, {
        get(target, method) {
          const value: unknown = Reflect.get(target, method);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            calls.push(`${String(area)}.${String(method)}`);
            return (value as (...args: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    },
  }) as RelayRepositories;
  // The change set's own writes go through `this.store`, so they are counted too.
  return Object.create(changes, { store: { value: counted } }) as ChangeSet;
}
