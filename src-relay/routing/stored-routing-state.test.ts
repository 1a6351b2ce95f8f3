import { beforeEach, expect, it } from 'vitest';
import type { Channel, Conversation, SettablePresence } from '../../src-shared/domain/model.js';
import { bestAgentFor, compareWaiting, WORK_KINDS, type RoutingProfile } from '../../src-shared/domain/routing-score.js';
import { ConnectedAgents } from '../presence/connected-agents.js';
import { describeStorage } from '../storage/contract/adapters.js';
import { conversationOf, seedTenants } from '../storage/contract/fixtures.js';
import { chooseAssignee, routingCandidates, type RoutingContext } from './assignment.js';
import { HolidayCalendars } from './holidays.js';
import { queuePages, waitingOf } from './queue-order.js';

const TEAMS = ['team-a', 'team-b'];
const LANGUAGES = ['en', 'de', 'ja', 'fr'];
const SKILLS = ['refund', 'invoice', 'delivery'];
const CHANNELS: readonly Channel[] = ['webchat', 'email', 'voice', 'whatsapp', 'line'];

/** A fixed-seed generator, so that a failing floor can be written again. */
function dice(seed: number) {
  let state = seed;
  const random = () => (state = (state * 48_271) % 2_147_483_647) / 2_147_483_647;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const some = <T>(items: readonly T[]): T[] => items.filter(() => random() < 0.4);
  return { random, pick, some };
}

/**
 * The database keeps each agent's load and each conversation's place in the queue as rows change
 * (migrations 0034 / 0023), and routing reads only the agents who could take the work. On floors
 * generated here (agents of every presence, profile and capacity; conversations held, offered,
 * resolved, reassigned, their SLA clocks, signals and customers changing), each is checked against
 * what it stands for: the loads against counting the rows, the queue against sorting it by
 * compareWaiting, and every choice against the choice over the whole team.
 */
describeStorage('routing from the stored loads and queue order', (storage) => {
  beforeEach(() => seedTenants(storage()));

  async function seedFloor(seed: number): Promise<{ agentIds: string[]; conversations: Conversation[] }> {
    const { random, pick, some } = dice(seed);
    const agentIds = Array.from({ length: 14 }, (_, n) => `g${seed}-${n}`);
    const conversations: Conversation[] = [];
    await storage().transaction(async ({ accounts, conversations: store }) => {
      for (const id of agentIds) {
        const languages = some(LANGUAGES);
        const routing: RoutingProfile = {
          languages: languages.length > 0 ? languages : undefined,
          skills: some(SKILLS),
          capacity: random() < 0.5 ? { call: pick([0, 1]), chat: pick([0, 1, 2, 3]), email: pick([1, 2, 4]) } : undefined,
          translates: random() < 0.8,
        };
        const teamIds = some(TEAMS);
        await accounts.insertAgent({ id, tenantId: 'acme', email: `${id}@acme.test`, name: id, role: 'agent', language: pick(LANGUAGES), passwordHash: 'h', chosenPresence: 'available', teamIds: teamIds.length > 0 ? teamIds : ['team-a'], createdAt: 1, routing });
        await accounts.setChosenPresence(id, pick<SettablePresence>(['available', 'available', 'available', 'busy', 'away', 'after-call-work']));
        await accounts.markAssigned(id, pick([10, 20, 30, 40]));
      }
      for (let n = 0; n < 70; n += 1) {
        const vip = random() < 0.3;
        const holder = random() < 0.6 ? pick(agentIds) : null;
        const offered = holder === null && random() < 0.3 ? pick(agentIds) : null;
        const due = pick([null, 86_400_000 + 100, 1_900_000, 1_300_000]);
        const conversation = conversationOf(`c${seed}-${n}`, {
          customerId: vip ? 'cust' : 'cust-2', customerName: vip ? 'Kim' : 'Lee', vip, teamId: pick(TEAMS), channel: pick(CHANNELS), language: pick(LANGUAGES),
          intent: random() < 0.6 ? pick(SKILLS) : null, upset: random() < 0.2, createdAt: pick([100, 200, 300]), assigneeId: holder,
          status: pick(['open', 'open', 'pending', 'resolved']), offer: offered ? { agentId: offered, expiresAt: 5_000 } : null,
          sla: due === null ? null : { policyId: 'p', firstResponseDueAt: due, nextResponseDueAt: null, resolutionDueAt: due + 1_000_000, firstRespondedAt: null, breached: [] },
        });
        await store.insertConversation('acme', conversation);
        conversations.push(conversation);
      }
      // Then they change as work goes on: handed out, offered, resolved and reopened, their clocks and signals moving.
      for (let n = 0; n < 120; n += 1) {
        const index = Math.floor(random() * conversations.length);
        const before = conversations[index]!;
        const sla = before.sla && random() < 0.3 ? { ...before.sla, breached: ['first_response' as const] } : before.sla;
        const offered = random() < 0.2 ? { agentId: pick(agentIds), expiresAt: 6_000 } : null;
        const after: Conversation = {
          ...before, sla, upset: random() < 0.2, assigneeId: random() < 0.5 ? pick([null, ...agentIds]) : before.assigneeId,
          status: random() < 0.3 ? pick(['open', 'pending', 'resolved']) : before.status, offer: random() < 0.3 ? offered : before.offer,
        };
        await store.updateConversation(after);
        conversations[index] = after;
      }
    });
    return { agentIds, conversations };
  }

  it('keeps every agent\'s load as counting their held and offered conversations would', async () => {
    for (const seed of [3, 5, 8, 13]) {
      const { agentIds } = await seedFloor(seed);
      // Kim becomes the customer of some of them (a merge), and one is erased with its history.
      const { accounts, conversations, customers } = storage();
      await customers.moveConversations('acme', [`c${seed}-1`, `c${seed}-2`], 'cust');
      await conversations.eraseConversation('acme', `c${seed}-3`, 9_000);
      const ready = await accounts.listReadyOfTeams('acme', TEAMS, WORK_KINDS, agentIds);
      const counted = await accounts.openLoadsByKind([...new Set(ready.map((agent) => agent.agentId))]);
      // The available agents of the floors so far, full or not, and the seeded ones with room.
      expect(ready.length).toBeGreaterThan(10);
      for (const agent of ready) expect(agent.load, agent.agentId).toEqual(counted.get(agent.agentId));
      expect((await conversations.findConversation('acme', `c${seed}-1`))?.vip).toBe(true);
    }
  });

  it('reads the queue of each team and kind in the order compareWaiting gives, after the rows changed', async () => {
    for (const seed of [3, 5, 8, 13]) {
      await seedFloor(seed);
      await storage().customers.moveConversations('acme', [`c${seed}-4`, `c${seed}-5`, `c${seed}-6`], 'cust');
      const queued = await storage().conversations.listQueued('acme', TEAMS);
      const expected = queued.map(waitingOf).sort(compareWaiting).map((waiting) => waiting.id);
      for (const pageSize of [1, 3, 50]) {
        const ids: string[] = [];
        for await (const page of queuePages(storage(), 'acme', TEAMS, () => new Set(WORK_KINDS), { firstPage: pageSize })) ids.push(...page.map(({ conversation }) => conversation.id));
        expect(ids, `seed ${seed}, pages of ${pageSize}`).toEqual(expected);
      }
    }
  });

  it('chooses for a new conversation whom the whole team\'s candidates would give it to', async () => {
    let chosen = 0;
    for (const seed of [3, 5, 8, 13, 21]) {
      const { agentIds } = await seedFloor(seed);
      const { random, pick, some } = dice(seed * 7);
      // An administrator changes two profiles afterwards: the next decision goes by the new capacity.
      await storage().accounts.setRouting(agentIds[0]!, { capacity: { call: 1, chat: 1, email: 1 } });
      await storage().accounts.setRouting(agentIds[1]!, { languages: ['en', 'ja'] });
      const connected = new ConnectedAgents();
      for (const id of agentIds) {
        if (random() < 0.8) connected.connect(id);
        if (random() < 0.3) connected.translationReported(id, [{ among: ['en', ...some(LANGUAGES)] }]);
      }
      const context: RoutingContext = { store: storage(), connected, holidays: new HolidayCalendars() };
      for (let n = 0; n < 40; n += 1) {
        const conversation = conversationOf(`new-${seed}-${n}`, { teamId: pick(TEAMS), channel: pick(CHANNELS), language: pick([...LANGUAGES, 'pt']), intent: random() < 0.6 ? pick(SKILLS) : null });
        const whole = bestAgentFor(waitingOf(conversation), await routingCandidates(context, 'acme', conversation.teamId))?.id ?? null;
        expect(await chooseAssignee(context, 'acme', conversation), `seed ${seed}, ${conversation.id}`).toBe(whole);
        if (whole !== null) chosen += 1;
      }
    }
    // Both answers occur: the floors are neither empty nor full.
    expect(chosen).toBeGreaterThan(20);
    expect(chosen).toBeLessThan(5 * 40);
  });
});
