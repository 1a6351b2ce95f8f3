import { createHash } from 'node:crypto';
import type { Conversation, Team } from '../../src-shared/domain/model.js';
import { E164 } from '../../src-shared/protocol/twilio-voice.js';
import type { ChangeSet } from '../log/change-set.js';
import type { RelayCore } from '../relay-core.js';
import { assign, chooseAssignee, inCommit, openTeams } from '../routing/assignment.js';
import { chooseTeamNow } from '../routing/team-hours.js';

/** A call Twilio told us about. */
export interface InboundCall {
  callSid: string;
  /** The caller's number, or what Twilio sends for a withheld one ("anonymous" and the like). */
  from: string;
  /** The number's country (ISO 3166), when Twilio knows it. */
  fromCountry: string | null;
}

/** The call's conversation, and the agent to ring if someone can take it now. */
export interface CallPlacement {
  conversation: Conversation;
  agentId: string | null;
}

interface Caller {
  id: string;
  name: string;
  language: string;
  market: string | null;
  known: boolean;
}

/** Named by the CallSid, so Twilio's retries and our own redirects come back to the same conversation. */
export function callConversationId(callSid: string): string {
  return `call-${callSid}`;
}

/** The CallSid of a call's conversation id; null for any other conversation. */
export function callSidOf(conversationId: string): string | null {
  return /^call-(CA[0-9a-f]{32})$/.exec(conversationId)?.[1] ?? null;
}

/**
 * The call's conversation, opened on its first webhook, with the agent to ring: the one it is
 * with already, or the best free agent of its team while the team works. Null when the company
 * has no team to take calls.
 */
export function placeCall(core: RelayCore, tenantId: string, call: InboundCall): Promise<CallPlacement | null> {
  return core.commit(tenantId, async (changes) => {
    const known = await changes.store.conversations.findConversation(tenantId, callConversationId(call.callSid));
    const conversation = known ?? (await openCall(core, changes, call));
    if (!conversation) return null;
    const placed = conversation.assigneeId === null ? await withFreeAgent(core, changes, conversation) : conversation;
    return { conversation: placed, agentId: placed.assigneeId };
  });
}

/** The agent let the call ring out: they are not rung for it again, and it goes back to its team for the next. */
export async function passOver(core: RelayCore, tenantId: string, callSid: string): Promise<void> {
  await core.commit(tenantId, async (changes) => {
    const conversation = await changes.store.conversations.findConversation(tenantId, callConversationId(callSid));
    if (!conversation?.assigneeId) return;
    await changes.store.conversations.addPassedOver(conversation.id, conversation.assigneeId);
    await assign(changes, conversation, null);
  });
}

async function openCall(core: RelayCore, changes: ChangeSet, call: InboundCall): Promise<Conversation | null> {
  const teams = await changes.store.accounts.listTeams(changes.tenantId);
  const caller = await callerOf(changes, call, teams);
  const choice = chooseTeamNow(teams, caller.language, changes.at, core.holidays);
  if (!choice) return null;
  if (!caller.known) {
    await changes.store.conversations.insertCustomer(changes.tenantId, { id: caller.id, name: caller.name, language: caller.language, market: caller.market, createdAt: changes.at });
  }
  const conversation: Conversation = {
    id: callConversationId(call.callSid),
    customerId: caller.id,
    customerName: caller.name,
    channel: 'voice',
    teamId: choice.team.id,
    assigneeId: null,
    status: 'open',
    language: caller.language,
    market: caller.market,
    createdAt: changes.at,
    updatedAt: changes.at,
    lastMessageAt: changes.at,
    lastMessagePreview: '',
  };
  await changes.addConversation(conversation);
  return conversation;
}

/**
 * A number is one customer, whatever they call about: their id is made from it, and their earlier
 * conversations tell their name and language. A new caller is named by their number and taken to
 * speak the company's working language (its first team's), as nothing else is known yet.
 */
async function callerOf(changes: ChangeSet, call: InboundCall, teams: readonly Team[]): Promise<Caller> {
  const id = customerIdOf(changes.tenantId, call);
  const earlier = (await changes.store.conversations.listOfCustomer(changes.tenantId, id))[0];
  if (earlier) return { id, name: earlier.customerName, language: earlier.language, market: earlier.market, known: true };
  return { id, name: call.from, language: teams[0]?.languages[0] ?? 'en', market: call.fromCountry, known: false };
}

/** A hash, so ids (which travel in logs and exports) do not spell the number; a withheld number is a new customer each call. */
function customerIdOf(tenantId: string, call: InboundCall): string {
  if (!E164.safeParse(call.from).success) return `caller-${call.callSid}`;
  return `caller-${createHash('sha256').update(`${tenantId}:${call.from}`).digest('hex').slice(0, 32)}`;
}

/** Rung only while its team works, like any conversation; ringing is the offer, so the call is given at once. */
async function withFreeAgent(core: RelayCore, changes: ChangeSet, conversation: Conversation): Promise<Conversation> {
  const routing = inCommit(core, changes);
  if (!(await openTeams(routing, changes.tenantId, changes.at)).includes(conversation.teamId)) return conversation;
  const agentId = await chooseAssignee(routing, changes.tenantId, conversation);
  return agentId === null ? conversation : assign(changes, { ...conversation, offer: null }, agentId);
}
