import { z } from 'zod';
import { LanguageTag, type Channel, type Presence } from './model.js';
import { translatesBothWays, type TranslationRoute } from './translation-routes.js';

/**
 * Who takes which conversation (issue 6). Pure rules, used by the relay's routing board:
 * an agent fits a conversation by language (or the on-device translation their desk has), then skill; among
 * fitting agents the one idle longest takes it. Conversations wait in order of urgency:
 * their SLA due time, brought forward for VIP customers and for upset ones.
 */

/** An agent's state as routing reads it: the presence everyone sees. */
export type AgentState = Presence;

/** What capacity is counted in: a call holds the agent alone, chats share them, emails wait. */
export const WORK_KINDS = ['call', 'chat', 'email'] as const;
export type WorkKind = (typeof WORK_KINDS)[number];
export type Capacity = Record<WorkKind, number>;

export const DEFAULT_CAPACITY: Capacity = { call: 1, chat: 4, email: 6 };

/** How an agent is routed to, as an administrator sets it; absent fields take the defaults. */
export const RoutingProfile = z.object({
  /** Languages the agent writes well; their workstation language when absent. */
  languages: z.array(LanguageTag).min(1).max(10).optional(),
  skills: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/, 'a skill is an intent id such as "refund"')).max(50).default([]),
  capacity: z.object({ call: z.number().int().min(0).max(1), chat: z.number().int().min(0).max(20), email: z.number().int().min(0).max(50) }).optional(),
  /** Takes other languages through on-device translation when no speaker can (and their desk has the models). */
  translates: z.boolean().default(true),
});
export type RoutingProfile = z.infer<typeof RoutingProfile>;

export function workKindOf(channel: Channel): WorkKind {
  if (channel === 'voice') return 'call';
  return channel === 'email' ? 'email' : 'chat';
}

export interface RoutingAgent {
  id: string;
  state: AgentState;
  /** Languages the agent writes well (BCP 47; a primary tag covers its regions). */
  languages: readonly string[];
  /**
   * What the models installed on the agent's desk translate (as the desk reported them), so they
   * may take a language no one speaks when both ways to it are covered; none when their profile
   * turns translation off, or their desk has none.
   */
  translation: readonly TranslationRoute[];
  /** Intent ids the agent is trained for. */
  skills: readonly string[];
  capacity: Capacity;
  load: Capacity;
  /** When the agent last took or finished work; the longest idle goes first. */
  idleSince: number;
}

export interface WaitingConversation {
  id: string;
  language: string;
  /** The detected intent, when known. */
  skill: string | null;
  kind: WorkKind;
  /** When the SLA policy's current target falls due. */
  dueAt: number;
  vip: boolean;
  upset: boolean;
  enqueuedAt: number;
}

/** Where a conversation without an SLA stands in the queue: as if due a day after it came. */
export const NO_SLA_DUE_MS = 24 * 60 * 60_000;

/** How far a VIP or an upset customer is brought forward in the queue. */
export const VIP_LEAD_MS = 30 * 60_000;
export const UPSET_LEAD_MS = 20 * 60_000;

/** Smaller is more urgent. Constant while the conversation waits, so a heap can keep the order. */
export function urgencyOf(c: Pick<WaitingConversation, 'dueAt' | 'vip' | 'upset'>): number {
  return c.dueAt - (c.vip ? VIP_LEAD_MS : 0) - (c.upset ? UPSET_LEAD_MS : 0);
}

export function compareWaiting(a: WaitingConversation, b: WaitingConversation): number {
  return urgencyOf(a) - urgencyOf(b) || a.enqueuedAt - b.enqueuedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** 2: the agent writes the language; 1: only through translation; 0: cannot serve it. */
export function languageFit(agent: Pick<RoutingAgent, 'languages' | 'translation'>, language: string): 0 | 1 | 2 {
  const primary = primaryOf(language);
  if (agent.languages.some((l) => primaryOf(l) === primary)) return 2;
  return translatesBothWays(agent.translation, agent.languages, primary) ? 1 : 0;
}

/**
 * The primary subtags of every customer language the agent can serve (languageFit above 0): their
 * own, and those their translation routes take both ways. A language no route names cannot be
 * translated, so the routes' languages are the only ones to try.
 */
export function servedLanguages(agent: Pick<RoutingAgent, 'languages' | 'translation'>): Set<string> {
  const served = new Set(agent.languages.map(primaryOf));
  for (const route of agent.translation) {
    for (const language of 'among' in route ? route.among : [route.source, route.target]) {
      if (!served.has(language) && languageFit(agent, language) > 0) served.add(language);
    }
  }
  return served;
}

export function skillFit(agent: Pick<RoutingAgent, 'skills'>, skill: string | null): 0 | 1 {
  return skill === null || agent.skills.includes(skill) ? 1 : 0;
}

/**
 * Free to be offered this kind of work now. Each kind has its own room; an agent in a live call
 * is `busy` (a state), which is what keeps chats from them meanwhile.
 */
export function canTake(agent: RoutingAgent, kind: WorkKind): boolean {
  return agent.state === 'available' && agent.load[kind] < agent.capacity[kind];
}

/** How well an agent fits, as one comparable number: language first, then skill. 0 when they cannot serve it. */
export function fitOf(agent: RoutingAgent, conversation: Pick<WaitingConversation, 'language' | 'skill'>): number {
  const language = languageFit(agent, conversation.language);
  return language === 0 ? 0 : language * 2 + skillFit(agent, conversation.skill);
}

/** The agent to offer a conversation to, skipping those it was offered to already; null if no one can take it. */
export function bestAgentFor(
  conversation: WaitingConversation,
  agents: Iterable<RoutingAgent>,
  passedOver: ReadonlySet<string> = new Set(),
): RoutingAgent | null {
  let best: RoutingAgent | null = null;
  let bestFit = 0;
  for (const agent of agents) {
    if (passedOver.has(agent.id) || !canTake(agent, conversation.kind)) continue;
    const fit = fitOf(agent, conversation);
    if (fit === 0) continue;
    if (fit > bestFit || (fit === bestFit && best !== null && longerIdle(agent, best))) {
      best = agent;
      bestFit = fit;
    }
  }
  return best;
}

function longerIdle(a: RoutingAgent, b: RoutingAgent): boolean {
  return a.idleSince < b.idleSince || (a.idleSince === b.idleSince && a.id < b.id);
}

/**
 * What the customer is told: served in turn by the agents who can take their conversation,
 * each taking about one average handling time per conversation.
 */
export function estimatedWaitMs(position: number, servingAgents: number, averageHandleMs: number): number | null {
  if (servingAgents <= 0) return null;
  return Math.ceil(position / servingAgents) * averageHandleMs;
}

function primaryOf(tag: string): string {
  return tag.toLowerCase().split('-')[0] ?? '';
}
