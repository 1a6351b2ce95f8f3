import type { Channel, Conversation, SettablePresence, SlaClock, Team } from '../../../src-shared/domain/model.js';
import type { RoutingProfile } from '../../../src-shared/domain/routing-score.js';
import type { TranslationRoute } from '../../../src-shared/domain/translation-routes.js';
import type { Customer } from '../../../src-relay/storage/port/conversations.js';
import type { RelayRepositories, RelayStorage } from '../../../src-relay/storage/port/relay-storage.js';

/**
 * A contact centre for the live routing benchmark: teams by language and line of work, agents
 * with the languages, skills, capacities and presences such a floor has, some in two teams, and
 * conversations on several channels with SLA clocks, intents, VIP and upset customers. Fixed
 * seed, so runs and adapters compare.
 */

export const ROUTING_TENANT = 'routing';

const SKILLS = ['refund', 'delivery_delay', 'order_status', 'payment_failed', 'exchange', 'warranty', 'account', 'privacy', 'invoice', 'complaint', 'cancel', 'address', 'product'];
/** Team id, the languages it serves, and its share of agents and traffic. */
const TEAMS: readonly (readonly [string, string, number])[] = [
  ['en-orders', 'en', 9], ['en-billing', 'en', 5], ['en-returns', 'en', 5], ['en-vip', 'en', 2],
  ['de-orders', 'de', 5], ['de-billing', 'de', 2], ['fr', 'fr', 5], ['es', 'es', 6], ['pt-BR', 'pt-BR', 4], ['it', 'it', 3],
  ['nl', 'nl', 2], ['ja', 'ja', 4], ['zh-CN', 'zh-CN', 5], ['ko', 'ko', 3], ['th', 'th', 3], ['vi', 'vi', 2],
  ['id', 'id', 3], ['ar', 'ar', 3], ['tr', 'tr', 2], ['pl', 'pl', 2],
];
const LANGUAGES = [...new Set(TEAMS.map(([, language]) => language))];
/** What waiting customers write on; calls ring an agent at once (telephony) and do not queue here. */
const CHANNELS: readonly Channel[] = ['webchat', 'webchat', 'webchat', 'webchat', 'email', 'email', 'email', 'whatsapp', 'whatsapp', 'messenger', 'telegram', 'line', 'instagram', 'sms', 'wechat'];
const NAMES = ['Kim Min-jun', 'Anna Schmidt', 'José García', 'Maria Silva', 'Chloé Martin', '佐藤 花子', '王伟', 'สมชาย ใจดี', 'Nguyễn Văn An', 'محمد العلي', 'Ayşe Yılmaz', 'Jan Kowalski', 'Siti Rahma', 'Luca Rossi', 'Emma de Vries', 'John Smith'];

/** A fixed-seed generator (a multiplicative congruential one), so runs compare. */
export class Dice {
  constructor(private seed: number) {}
  next(): number {
    this.seed = (this.seed * 48_271) % 2_147_483_647;
    return this.seed / 2_147_483_647;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
}

export interface FloorAgent {
  id: string;
  teamIds: string[];
  presence: SettablePresence;
  routing: RoutingProfile;
  connected: boolean;
  translation: TranslationRoute[];
  idleMs: number;
}

export interface RoutingFloor {
  teams: Team[];
  agents: FloorAgent[];
  /** Conversations each available, connected agent holds (open), by agent: what a resolve frees. */
  held: Map<string, string[]>;
}

const teamWeights = TEAMS.flatMap(([id, , weight]) => Array<string>(weight).fill(id));
const languageOfTeam = new Map(TEAMS.map(([id, language]) => [id, language]));

/** Teams weighted by their share of traffic. */
export function pickTeam(dice: Dice): string {
  return dice.pick(teamWeights);
}

function agentOf(dice: Dice, n: number): FloorAgent {
  const team = pickTeam(dice);
  const teamIds = dice.chance(0.15) ? [...new Set([team, pickTeam(dice)])] : [team];
  const languages = [...new Set([languageOfTeam.get(team)!, ...(dice.chance(0.5) ? ['en'] : []), ...(dice.chance(0.15) ? [dice.pick(LANGUAGES)] : [])])];
  const skills = [...new Set(Array.from({ length: 2 + dice.int(3) }, () => dice.pick(SKILLS)))];
  const presence = dice.pick<SettablePresence>(['available', 'available', 'available', 'available', 'available', 'available', 'busy', 'away', 'away', 'after-call-work']);
  const capacity = dice.chance(0.1) ? { call: 1, chat: 3, email: 8 } : undefined;
  const connected = dice.chance(0.9);
  const translation: TranslationRoute[] = connected && dice.chance(0.4) ? [{ among: ['en', ...LANGUAGES.filter(() => dice.chance(0.3)).map((l) => l.slice(0, 2))].filter((l, i, all) => all.indexOf(l) === i) }] : [];
  return { id: `agent-${String(n).padStart(5, '0')}`, teamIds, presence, routing: { languages, skills, capacity, translates: dice.chance(0.9) }, connected, translation: translation.filter((route) => !('among' in route) || route.among.length >= 2), idleMs: dice.int(3_600_000) };
}

function slaOf(dice: Dice, createdAt: number): SlaClock | null {
  if (dice.chance(0.2)) return null;
  const firstResponseDueAt = createdAt + (15 + dice.int(225)) * 60_000;
  return { policyId: 'standard', firstResponseDueAt, nextResponseDueAt: null, resolutionDueAt: createdAt + 24 * 3_600_000, firstRespondedAt: null, breached: [] };
}

/** A customer's conversation of the team: mostly in its language, sometimes in another (translation). */
export function conversationOf(dice: Dice, id: string, teamId: string, at: number): { customer: Customer; conversation: Conversation } {
  const language = dice.chance(0.9) ? languageOfTeam.get(teamId)! : dice.pick(LANGUAGES);
  const createdAt = at - dice.int(4 * 3_600_000);
  const customer: Customer = { id: `cust-${id}`, name: dice.pick(NAMES), language, market: null, createdAt, vip: dice.chance(0.05) };
  const conversation: Conversation = {
    id,
    customerId: customer.id,
    customerName: customer.name,
    channel: dice.pick(CHANNELS),
    teamId,
    assigneeId: null,
    status: 'open',
    language,
    market: null,
    createdAt,
    updatedAt: createdAt,
    lastMessageAt: createdAt,
    lastMessagePreview: 'Hello, my order has not arrived yet and the tracking page shows nothing since Monday.'.slice(0, 20 + dice.int(60)),
    labels: [],
    vip: customer.vip ?? false,
    intent: dice.chance(0.7) ? dice.pick(SKILLS) : null,
    upset: dice.chance(0.1),
    sla: slaOf(dice, createdAt),
    offer: null,
  };
  return { customer, conversation };
}

/** How many of each kind an available agent holds: full, as on a floor with a queue. */
function fullLoad(agent: FloorAgent): Channel[] {
  const capacity = agent.routing.capacity ?? { chat: 4, email: 6 };
  return [...Array<Channel>(capacity.chat).fill('webchat'), ...Array<Channel>(capacity.email).fill('email')];
}

/**
 * Writes the floor through the storage port: `agents` agents (plus supervisors, who are not
 * routed to), every available one full, three resolved conversations of history each, and
 * `waiting` queued conversations spread over the teams by traffic.
 */
export async function seedFloor(store: RelayStorage, agents: number, waiting: number, at: number): Promise<RoutingFloor> {
  const dice = new Dice(20_261_206);
  const teams: Team[] = TEAMS.map(([id, language]) => ({ id, name: `Team ${id}`, languages: [language], schedule: null, overflowTeamId: null }));
  const floor: FloorAgent[] = Array.from({ length: agents }, (_, n) => agentOf(dice, n));
  const held = new Map<string, string[]>();
  await store.transaction(async (tx) => {
    await tx.accounts.insertTenant({ id: ROUTING_TENANT, name: 'Routing' }, at);
    for (const [position, team] of teams.entries()) await tx.accounts.insertTeam(ROUTING_TENANT, team, position);
    for (const agent of floor) await insertAgent(tx, agent, 'agent', at);
    for (const [n, team] of teams.entries()) {
      await insertAgent(tx, { id: `supervisor-${n}`, teamIds: [team.id], presence: 'available', routing: { skills: [], translates: true }, connected: true, translation: [], idleMs: 0 }, 'supervisor', at);
    }
  });
  let n = 0;
  const batch: Written[] = [];
  const add = async (row: Written) => {
    batch.push(row);
    if (batch.length >= 2_000) await writeConversations(store, batch.splice(0));
  };
  for (const agent of floor) {
    const team = agent.teamIds[0]!;
    for (let h = 0; h < 3; h++) {
      const row = conversationOf(dice, `done-${n++}`, team, at);
      await add({ ...row, conversation: { ...row.conversation, assigneeId: agent.id, status: 'resolved', sla: null } });
    }
    if (agent.presence !== 'available' || !agent.connected) continue;
    const ids: string[] = [];
    for (const channel of fullLoad(agent)) {
      const row = conversationOf(dice, `held-${n++}`, dice.pick(agent.teamIds), at);
      await add({ ...row, conversation: { ...row.conversation, channel, assigneeId: agent.id } });
      if (channel !== 'email') ids.push(row.conversation.id);
    }
    held.set(agent.id, ids);
  }
  for (let w = 0; w < waiting; w++) await add(conversationOf(dice, `wait-${w}`, pickTeam(dice), at));
  await writeConversations(store, batch);
  return { teams, agents: floor, held };
}

type Written = { customer: Customer; conversation: Conversation };

function writeConversations(store: RelayStorage, rows: readonly Written[]): Promise<void> {
  return store.transaction(async (tx) => {
    for (const { customer, conversation } of rows) {
      await tx.conversations.insertCustomer(ROUTING_TENANT, customer);
      await tx.conversations.insertConversation(ROUTING_TENANT, conversation);
    }
  });
}

async function insertAgent(tx: RelayRepositories, agent: FloorAgent, role: 'agent' | 'supervisor', at: number): Promise<void> {
  await tx.accounts.insertAgent({
    id: agent.id,
    tenantId: ROUTING_TENANT,
    email: `${agent.id}@routing.test`,
    name: agent.id,
    role,
    language: agent.routing.languages?.[0] ?? 'en',
    passwordHash: 'not-used',
    chosenPresence: agent.presence === 'available' ? 'available' : 'away',
    teamIds: agent.teamIds,
    createdAt: at,
    routing: agent.routing,
  });
  if (agent.presence === 'busy' || agent.presence === 'after-call-work') await tx.accounts.setChosenPresence(agent.id, agent.presence, { until: at + 3_600_000 });
  // Longest idle goes first: agents took their last piece of work over the past hour.
  await tx.accounts.markAssigned(agent.id, at - agent.idleMs);
}
