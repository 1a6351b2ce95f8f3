import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  ArticleDraft,
  Channel,
  ConversationStatus,
  Id,
  LanguageTag,
  MessageAuthor,
  Role,
  SettablePresence,
  Team,
  previewOf,
  type Conversation,
  type Message,
} from '../../src-shared/domain/model.js';
import { RoutingProfile } from '../../src-shared/domain/routing-score.js';
import { SlaPolicy } from '../../src-shared/domain/sla.js';
import { DEFAULT_PASSWORD_COST, hashPassword, type PasswordCost } from '../auth/passwords.js';
import type { ChangeSet } from '../log/change-set.js';
import type { RelayCore } from '../relay-core.js';
import { marketOf } from '../conversations/customer-chat.js';

const MINUTE = 60_000;

const SeedMessage = z.object({
  minutesAgo: z.number().nonnegative(),
  author: MessageAuthor,
  body: z.string().min(1),
  /** For agent messages: who wrote it, when not the assignee. */
  agent: Id.optional(),
});

const SeedConversation = z.object({
  id: Id,
  customer: Id,
  channel: Channel,
  team: Id,
  assignee: Id.nullable(),
  status: ConversationStatus,
  messages: z.array(SeedMessage).min(1),
});

/** A whole tenant as data: the demo company, or a small company in a test. */
export const TenantSeed = z.object({
  /** offerTimeoutSeconds: conversations are offered and must be accepted within it; absent, they are assigned at once. */
  tenant: z.object({ id: Id, name: z.string().min(1), offerTimeoutSeconds: z.number().int().min(5).max(600).optional() }),
  password: z.string().min(1),
  teams: z.array(Team).min(1),
  agents: z.array(
    z.object({
      id: Id,
      email: z.string().min(3),
      name: z.string().min(1),
      role: Role,
      language: LanguageTag,
      teams: z.array(Id),
      presence: SettablePresence.default('available'),
      routing: RoutingProfile.optional(),
    }),
  ),
  customers: z.array(z.object({ id: Id, name: z.string().min(1), language: LanguageTag, vip: z.boolean().default(false) })).default([]),
  /** Tried in order; the first that matches a conversation sets its targets. */
  slaPolicies: z.array(SlaPolicy).default([]),
  conversations: z.array(SeedConversation).default([]),
});
export type TenantSeed = z.input<typeof TenantSeed>;

type ParsedSeed = z.output<typeof TenantSeed>;
type SeedConversation = z.output<typeof SeedConversation>;

/**
 * A company's first setup from a file an administrator wrote (teams with their hours, agents with
 * their routing, SLA policies; the format of resources/setup/example-company.json). Refused with
 * every problem named, before anything is written.
 */
export async function seedFromSetupFile(core: RelayCore, file: string): Promise<void> {
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the setup file ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = TenantSeed.safeParse(input);
  if (!parsed.success) throw new Error(`The setup file ${file} is not valid:\n${z.prettifyError(parsed.error)}`);
  await seedTenant(core, parsed.data);
}

/** The demo company in resources/demo/seed.json, with its history placed in the days before now. */
export async function seedDemoCompany(core: RelayCore, resourcesDir: string): Promise<void> {
  const file = path.join(resourcesDir, 'demo', 'seed.json');
  const seed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  await seedTenant(core, seed);
  await seedArticles(core, TenantSeed.parse(seed), JSON.parse(readFileSync(path.join(resourcesDir, 'demo', 'articles.json'), 'utf8')) as unknown);
}

const SeedArticles = z.object({ articles: z.array(ArticleDraft.extend({ id: Id })) });

/** The demo knowledge base, written as its supervisor would: through the log, so every desktop gets it. */
async function seedArticles(core: RelayCore, seed: ParsedSeed, input: unknown): Promise<void> {
  const author = seed.agents.find((agent) => agent.role === 'supervisor') ?? seed.agents[0];
  if (!author) return;
  await core.commit(seed.tenant.id, async (changes) => {
    for (const { id, ...draft } of SeedArticles.parse(input).articles) {
      await changes.saveArticle({ ...draft, id, version: 1, updatedAt: changes.at, updatedByName: author.name }, author.id);
    }
  });
}

/**
 * Writes a tenant through the same store functions and change sets as live traffic, so its
 * conversations and messages are in the event log, in the order they happened.
 */
export async function seedTenant(core: RelayCore, input: unknown, cost: PasswordCost = DEFAULT_PASSWORD_COST): Promise<void> {
  const seed = TenantSeed.parse(input);
  const hashes = await Promise.all(seed.agents.map(() => hashPassword(seed.password, cost)));
  const now = core.now();
  await writeAccounts(core, seed, hashes, now);
  const steps = seed.conversations.flatMap((conversation) => stepsOf(seed, conversation, now));
  steps.sort((a, b) => a.at - b.at);
  for (const step of steps) await core.commit(seed.tenant.id, step.apply, step.at);
}

function writeAccounts(core: RelayCore, seed: ParsedSeed, hashes: string[], now: number): Promise<void> {
  return core.store.transaction(async ({ accounts, conversations, sla }) => {
    await accounts.insertTenant(seed.tenant, now);
    if (seed.tenant.offerTimeoutSeconds) await accounts.setOfferTimeoutMs(seed.tenant.id, seed.tenant.offerTimeoutSeconds * 1000);
    for (const [position, team] of seed.teams.entries()) await accounts.insertTeam(seed.tenant.id, team, position);
    await sla.replacePolicies(seed.tenant.id, seed.slaPolicies);
    for (const [index, agent] of seed.agents.entries()) {
      await accounts.insertAgent({
        id: agent.id,
        tenantId: seed.tenant.id,
        email: agent.email,
        name: agent.name,
        role: agent.role,
        language: agent.language,
        passwordHash: hashes[index] ?? '',
        chosenPresence: agent.presence,
        teamIds: agent.teams,
        createdAt: now,
        routing: agent.routing ?? null,
      });
    }
    for (const customer of seed.customers) {
      const firstContact = Math.min(...seed.conversations.filter((c) => c.customer === customer.id).map((c) => startOf(c, now)));
      await conversations.insertCustomer(seed.tenant.id, {
        ...customer,
        market: marketOf(customer.language),
        createdAt: Number.isFinite(firstContact) ? firstContact : now,
      });
    }
  });
}

interface Step {
  at: number;
  apply: (changes: ChangeSet) => Promise<void>;
}

function startOf(conversation: SeedConversation, now: number): number {
  return now - Math.max(...conversation.messages.map((m) => m.minutesAgo)) * MINUTE;
}

/** Opening, each message, and the final status, each at its own time. */
function stepsOf(seed: ParsedSeed, spec: SeedConversation, now: number): Step[] {
  const customer = seed.customers.find((c) => c.id === spec.customer);
  if (!customer) throw new Error(`Seed conversation ${spec.id} names unknown customer ${spec.customer}`);
  const messages = [...spec.messages].sort((a, b) => b.minutesAgo - a.minutesAgo);
  const openedAt = startOf(spec, now);
  const current = async (changes: ChangeSet): Promise<Conversation> => {
    const found = await changes.store.conversations.findConversation(seed.tenant.id, spec.id);
    if (!found) throw new Error(`Seed conversation ${spec.id} was not created`);
    return found;
  };
  const steps: Step[] = [
    {
      at: openedAt,
      apply: async (changes) => {
        await changes.addConversation({
          id: spec.id,
          customerId: customer.id,
          customerName: customer.name,
          channel: spec.channel,
          teamId: spec.team,
          assigneeId: spec.assignee,
          status: 'open',
          language: customer.language,
          market: marketOf(customer.language),
          createdAt: openedAt,
          updatedAt: openedAt,
          lastMessageAt: openedAt,
          lastMessagePreview: '',
        });
        if (spec.assignee) await changes.store.accounts.markAssigned(spec.assignee, openedAt);
      },
    },
  ];
  messages.forEach((m, index) => {
    const at = now - m.minutesAgo * MINUTE;
    steps.push({
      // A message written the minute the conversation opened still comes after the opening.
      at: Math.max(at, openedAt),
      apply: async (changes) => {
        const conversation = await current(changes);
        const message: Message = { id: `${spec.id}-m${index + 1}`, conversationId: spec.id, createdAt: changes.at, body: m.body, internal: false, original: null, ...authorOf(seed, spec, customer, m) };
        const next = { ...conversation, lastMessageAt: changes.at, lastMessagePreview: previewOf(m.body), updatedAt: changes.at };
        await changes.changeConversation(conversation, next);
        await changes.addMessage(message, next, null);
      },
    });
  });
  if (spec.status !== 'open') {
    const lastAt = now - (messages.at(-1)?.minutesAgo ?? 0) * MINUTE;
    steps.push({
      at: Math.min(lastAt + 5 * MINUTE, now),
      apply: async (changes) => {
        const conversation = await current(changes);
        await changes.changeConversation(conversation, { ...conversation, status: spec.status, updatedAt: changes.at });
      },
    });
  }
  return steps;
}

function authorOf(
  seed: ParsedSeed,
  spec: SeedConversation,
  customer: { id: string; name: string },
  message: z.output<typeof SeedMessage>,
): Pick<Message, 'author' | 'authorId' | 'authorName'> {
  if (message.author === 'customer') return { author: 'customer', authorId: customer.id, authorName: customer.name };
  if (message.author === 'system') return { author: 'system', authorId: null, authorName: 'System' };
  const agentId = message.agent ?? spec.assignee;
  const agent = seed.agents.find((a) => a.id === agentId);
  if (!agent) throw new Error(`Seed conversation ${spec.id} has an agent message but no agent`);
  return { author: 'agent', authorId: agent.id, authorName: agent.name };
}
