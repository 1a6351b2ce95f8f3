import { AFTER_CALL_WORK_MS, previewOf, type Agent, type AwayReason, type Conversation, type MessageOriginal, type SettablePresence } from '../../src-shared/domain/model.js';
import type {
  AgentSetPresence,
  ArticleSave,
  CallLog,
  ConflictReason,
  ConversationAssign,
  ConversationClaim,
  ConversationSignal,
  ConversationSetLabels,
  ConversationSetStatus,
  MutationBody,
  NoteAdd,
  Rejection,
  RejectionCode,
  ReplyBasis,
  ReplySend,
} from '../../src-shared/protocol/sync.js';
import type { z } from 'zod';
import type { ChangeSet } from '../log/change-set.js';
import { assign, drainQueue, routed } from '../routing/assignment.js';
import { slaOnReply, slaOnStatus } from '../routing/sla-clocks.js';
import { canAct, viewerOf, type Viewer } from '../log/visibility.js';
import type { RelayCore } from '../relay-core.js';
import type { PushItem } from './frames.js';

export interface PushOutcome {
  lastMutationId: number;
  rejections: Rejection[];
  /** The agent's chosen presence (state, reason, end) before and after, to tell others and drain the queue. */
  presenceBefore: string;
  presenceAfter: string;
  /** Other agents whose presence a supervisor set in this push: everyone must hear of it. */
  presenceSetFor: string[];
}

type Refusal = { code: RejectionCode; message: string; reason?: ConflictReason; otherAgentName?: string | null };

/**
 * Applies a client's mutations in one transaction, each id once: ids at or below the stored
 * last id were applied before and are skipped. A refused mutation still counts as handled, so
 * it never blocks the client's outbox; its refusal goes back in the ack.
 */
export function applyPush(core: RelayCore, agent: Agent, clientId: string, items: readonly PushItem[]): PushOutcome {
  return core.commit(agent.tenantId, (changes) => {
    const presenceBefore = chosenPresence(core, agent);
    let last = core.store.clients.lastMutationId(clientId, agent.id);
    const rejections: Rejection[] = [];
    const presenceSetFor: string[] = [];
    for (const item of items) {
      if (item.mutationId <= last) continue;
      last = item.mutationId;
      const refusal = item.body
        ? applyMutation(core, changes, agent, item.body, presenceSetFor)
        : { code: 'invalid' as const, message: item.problem.slice(0, 1000) };
      if (refusal) rejections.push({ mutationId: item.mutationId, ...refusal });
    }
    core.store.clients.saveLastMutationId(clientId, agent.id, last, changes.at);
    return { lastMutationId: last, rejections, presenceBefore, presenceAfter: chosenPresence(core, agent), presenceSetFor };
  });
}

function applyMutation(core: RelayCore, changes: ChangeSet, agent: Agent, body: MutationBody, presenceSetFor: string[]): Refusal | null {
  switch (body.kind) {
    case 'reply.send':
      return sendReply(core, changes, agent, body);
    case 'note.add':
      return addNote(core, changes, agent, body);
    case 'conversation.setStatus':
      return setStatus(core, changes, agent, body);
    case 'conversation.claim':
      return claim(core, changes, agent, body);
    case 'conversation.assign':
      return reassign(core, changes, agent, body);
    case 'conversation.signal':
      return signal(core, changes, agent, body);
    case 'conversation.accept':
      return acceptOffer(core, changes, agent, body.conversationId);
    case 'conversation.decline':
      return declineOffer(core, changes, agent, body.conversationId);
    case 'conversation.setLabels':
      return setLabels(core, changes, agent, body);
    case 'article.save':
      return saveArticle(core, changes, agent, body);
    case 'presence.set':
      core.store.accounts.setChosenPresence(agent.id, body.presence, presenceDetail(body, changes.at));
      return null;
    case 'agent.setPresence':
      return setAgentPresence(core, changes, agent, body, presenceSetFor);
    case 'call.log':
      return logCall(core, changes, agent, body);
  }
}

function chosenPresence(core: RelayCore, agent: Agent): string {
  const account = core.store.accounts.findAgent(agent.id);
  if (!account) throw new Error(`agent ${agent.id} disappeared while signed in`);
  return `${account.chosenPresence}|${account.presenceReason ?? ''}|${account.presenceUntil ?? ''}`;
}

type Found = { ok: true; conversation: Conversation } | { ok: false; refusal: Refusal };

function findConversation(core: RelayCore, agent: Agent, conversationId: string): Found {
  const conversation = core.store.conversations.findConversation(agent.tenantId, conversationId);
  if (conversation) return { ok: true, conversation };
  if (core.store.conversations.wasErased(agent.tenantId, conversationId)) {
    const message = "The customer's data was erased at their request; this conversation no longer exists.";
    return { ok: false, refusal: { code: 'not_found', message, reason: 'erased' } };
  }
  return { ok: false, refusal: { code: 'not_found', message: 'There is no such conversation.' } };
}

/** The conversation, if this agent may act on it now. */
function findActionable(core: RelayCore, agent: Agent, conversationId: string): Found {
  const found = findConversation(core, agent, conversationId);
  if (!found.ok || canAct(viewerOf(agent), found.conversation)) return found;
  return { ok: false, refusal: { code: 'forbidden', message: 'This conversation is handled by someone else.' } };
}

/**
 * What the agent saw when writing no longer holds: the conversation went to someone else, or was
 * resolved by someone else, meanwhile. The server's state wins; the agent decides what next.
 */
function basisConflict(core: RelayCore, agent: Agent, conversation: Conversation, basis: ReplyBasis | undefined): Refusal | null {
  // Only a basis under which this agent could act is a conflict; anything else is plainly out of scope.
  // The basis is the client's word: it counts only within the agent's teams, or anyone could name
  // themselves in it and learn who holds any conversation.
  const viewer = viewerOf(agent);
  if (!basis || !inScope(viewer, conversation) || !canAct(viewer, { teamId: conversation.teamId, assigneeId: basis.assigneeId })) return null;
  const holder = conversation.assigneeId;
  if (holder !== null && holder !== agent.id && holder !== basis.assigneeId) {
    const otherAgentName = agentName(core, holder);
    const reason = basis.assigneeId === null ? 'taken' : 'reassigned';
    return { code: 'conflict', reason, otherAgentName, message: `While you were writing, this conversation went to ${otherAgentName}.` };
  }
  if (conversation.status === 'resolved' && basis.status !== 'resolved') {
    return { code: 'conflict', reason: 'resolved', message: 'While you were writing, this conversation was resolved.' };
  }
  return null;
}

/** Whether the conversation is one this viewer could have held: in their teams' queue, or any for an admin. */
function inScope(viewer: Viewer, conversation: Conversation): boolean {
  return canAct(viewer, { teamId: conversation.teamId, assigneeId: null });
}

function agentName(core: RelayCore, agentId: string): string {
  return core.store.accounts.findAgent(agentId)?.agent.name ?? 'another agent';
}

/** Stores the reply under the client's message id; replying to an unassigned conversation takes it. */
function sendReply(core: RelayCore, changes: ChangeSet, agent: Agent, reply: z.infer<typeof ReplySend>): Refusal | null {
  const repeat = repeatedMessage(core, agent, reply);
  if (repeat !== undefined) return repeat;
  const found = findConversation(core, agent, reply.conversationId);
  if (!found.ok) return found.refusal;
  const conflict = basisConflict(core, agent, found.conversation, reply.basis);
  if (conflict) return conflict;
  const actionable = findActionable(core, agent, reply.conversationId);
  if (!actionable.ok) return actionable.refusal;
  const conversation = actionable.conversation;
  const takes = conversation.assigneeId === null;
  const next = {
    ...conversation,
    assigneeId: takes ? agent.id : conversation.assigneeId,
    lastMessageAt: changes.at,
    lastMessagePreview: previewOf(reply.body),
    updatedAt: changes.at,
    sla: slaOnReply(conversation.sla, changes.at),
  };
  changes.changeConversation(conversation, next);
  if (takes) core.store.accounts.markAssigned(agent.id, changes.at);
  changes.addMessage(agentMessage(agent, reply, changes.at, false), next, null);
  return null;
}

/** A note changes nothing about the conversation: it is for colleagues, never the customer. */
function addNote(core: RelayCore, changes: ChangeSet, agent: Agent, note: z.infer<typeof NoteAdd>): Refusal | null {
  const repeat = repeatedMessage(core, agent, note);
  if (repeat !== undefined) return repeat;
  const found = findActionable(core, agent, note.conversationId);
  if (!found.ok) return found.refusal;
  const message = agentMessage(agent, note, changes.at, true);
  changes.addMessage(message, found.conversation, null);
  for (const colleagueId of mentionable(core, agent, note.mentions ?? [])) changes.mention(colleagueId, message, found.conversation);
  return null;
}

/** A finished call joins the timeline as an internal entry, like a note, whoever holds the conversation now. */
function logCall(core: RelayCore, changes: ChangeSet, agent: Agent, log: z.infer<typeof CallLog>): Refusal | null {
  const repeat = repeatedMessage(core, agent, log);
  if (repeat !== undefined) return repeat;
  const found = findConversation(core, agent, log.conversationId);
  if (!found.ok) return found.refusal;
  if (!inScope(viewerOf(agent), found.conversation)) return { code: 'forbidden', message: 'This conversation belongs to another team.' };
  changes.addMessage({ ...agentMessage(agent, log, changes.at, true), call: log.call }, found.conversation, null);
  return null;
}

/** Colleagues of the author's tenant, each once; naming oneself or a stranger notifies no one. */
function mentionable(core: RelayCore, author: Agent, ids: readonly string[]): string[] {
  return [...new Set(ids)].filter((id) => id !== author.id && core.store.accounts.findAgent(id)?.agent.tenantId === author.tenantId);
}

/** undefined: a new message id. null: this very message was stored already (a retried push). */
function repeatedMessage(core: RelayCore, agent: Agent, write: { messageId: string; conversationId: string }): Refusal | null | undefined {
  const existing = core.store.conversations.findMessage(write.messageId);
  if (!existing) return undefined;
  const same = existing.message.conversationId === write.conversationId && existing.message.authorId === agent.id;
  return same ? null : { code: 'conflict', message: 'This message id is already used by another message.' };
}

function agentMessage(
  agent: Agent,
  write: { messageId: string; conversationId: string; body: string; original?: MessageOriginal },
  at: number,
  internal: boolean,
) {
  return {
    id: write.messageId,
    conversationId: write.conversationId,
    author: 'agent' as const,
    authorId: agent.id,
    authorName: agent.name,
    body: write.body,
    createdAt: at,
    internal,
    original: write.original ?? null,
  };
}

function setStatus(
  core: RelayCore,
  changes: ChangeSet,
  agent: Agent,
  mutation: z.infer<typeof ConversationSetStatus>,
): Refusal | null {
  const found = findActionable(core, agent, mutation.conversationId);
  if (!found.ok) return found.refusal;
  const conversation = found.conversation;
  if (conversation.status !== mutation.status) {
    changes.changeConversation(conversation, { ...conversation, status: mutation.status, updatedAt: changes.at, sla: slaOnStatus(conversation.sla, mutation.status) });
    // A resolved conversation frees room: whoever waits in the team's queue may be handed out now.
    if (mutation.status === 'resolved') drainQueue(core, changes, [conversation.teamId]);
  }
  return null;
}

/**
 * Supervisors and admins keep the knowledge base. An edit names the version it started from;
 * if someone saved meanwhile, it is refused with who did, rather than silently overwriting them.
 */
function saveArticle(core: RelayCore, changes: ChangeSet, agent: Agent, mutation: z.infer<typeof ArticleSave>): Refusal | null {
  if (agent.role === 'agent') return { code: 'forbidden', message: 'Only supervisors and administrators edit the knowledge base.' };
  const existing = core.store.articles.find(mutation.articleId);
  if (existing && existing.tenantId !== agent.tenantId) return { code: 'conflict', message: 'This article id is already used.' };
  const current = existing?.article.version ?? 0;
  if (current !== mutation.baseVersion) {
    const otherAgentName = existing?.article.updatedByName ?? null;
    return { code: 'conflict', reason: 'edited', otherAgentName, message: `${otherAgentName ?? 'Someone'} saved a newer version of this article meanwhile.` };
  }
  const { kind: _kind, articleId, baseVersion: _base, ...draft } = mutation;
  changes.saveArticle({ ...draft, id: articleId, version: current + 1, updatedAt: changes.at, updatedByName: agent.name }, agent.id);
  return null;
}

/** Labels are the team's: whoever may act on the conversation sets them, last write wins. */
function setLabels(core: RelayCore, changes: ChangeSet, agent: Agent, mutation: z.infer<typeof ConversationSetLabels>): Refusal | null {
  const found = findActionable(core, agent, mutation.conversationId);
  if (!found.ok) return found.refusal;
  const conversation = found.conversation;
  const labels = [...new Set(mutation.labels)];
  if (JSON.stringify(conversation.labels ?? []) !== JSON.stringify(labels)) {
    changes.changeConversation(conversation, { ...conversation, labels, updatedAt: changes.at });
  }
  return null;
}

/**
 * Takes a queued conversation. Pushes are applied one transaction at a time, so of several agents
 * racing for it the first to arrive wins and every later one is told who has it.
 */
/** Away keeps its reason; after-call work ends by itself (the hub's timer makes the agent available again). */
function presenceDetail(set: { presence: SettablePresence; reason?: AwayReason }, at: number): { reason: AwayReason | null; until: number | null } {
  return { reason: set.reason ?? null, until: set.presence === 'after-call-work' ? at + AFTER_CALL_WORK_MS : null };
}

function setAgentPresence(core: RelayCore, changes: ChangeSet, supervisor: Agent, mutation: z.infer<typeof AgentSetPresence>, presenceSetFor: string[]): Refusal | null {
  if (supervisor.role === 'agent') return { code: 'forbidden', message: "Only supervisors and administrators change a colleague's presence." };
  const target = core.store.accounts.findAgent(mutation.agentId)?.agent;
  if (!target || target.tenantId !== supervisor.tenantId) return { code: 'not_found', message: 'There is no such colleague.' };
  if (supervisor.role === 'supervisor' && !target.teamIds.some((id) => supervisor.teamIds.includes(id))) {
    return { code: 'forbidden', message: 'This colleague is not in one of your teams.' };
  }
  core.store.accounts.setChosenPresence(target.id, mutation.presence, presenceDetail(mutation, changes.at));
  if (target.id !== supervisor.id) presenceSetFor.push(target.id);
  return null;
}

/** The agent takes what was offered to them, while the offer holds. */
function acceptOffer(core: RelayCore, changes: ChangeSet, agent: Agent, conversationId: string): Refusal | null {
  const found = findConversation(core, agent, conversationId);
  if (!found.ok) return found.refusal;
  const conversation = found.conversation;
  if (conversation.assigneeId === agent.id) return null;
  if (conversation.offer?.agentId !== agent.id) {
    return { code: 'conflict', reason: 'taken', message: 'This conversation is no longer offered to you.', otherAgentName: conversation.assigneeId ? agentName(core, conversation.assigneeId) : null };
  }
  if (conversation.offer.expiresAt <= changes.at) return { code: 'conflict', reason: 'lapsed', message: 'The offer ran out before you took it; it went to a colleague.' };
  changes.changeConversation(conversation, { ...conversation, assigneeId: agent.id, offer: null, updatedAt: changes.at });
  core.store.accounts.markAssigned(agent.id, changes.at);
  return null;
}

/** The agent lets the offer go: it moves on at once, and is not offered to them again. */
function declineOffer(core: RelayCore, changes: ChangeSet, agent: Agent, conversationId: string): Refusal | null {
  const found = findConversation(core, agent, conversationId);
  if (!found.ok) return found.refusal;
  const conversation = found.conversation;
  if (conversation.offer?.agentId !== agent.id) return null;
  core.store.conversations.addPassedOver(conversation.id, agent.id);
  const withdrawn = { ...conversation, offer: null };
  const next = routed(core, agent.tenantId, withdrawn, changes.at);
  changes.changeConversation(conversation, { ...next, updatedAt: changes.at });
  if (next.assigneeId !== null) core.store.accounts.markAssigned(next.assigneeId, changes.at);
  return null;
}

/** Any desk that can see the conversation may tell what its models found; only a change is logged. */
function signal(core: RelayCore, changes: ChangeSet, agent: Agent, mutation: z.infer<typeof ConversationSignal>): Refusal | null {
  const found = findConversation(core, agent, mutation.conversationId);
  if (!found.ok) return found.refusal;
  const conversation = found.conversation;
  if (!inScope(viewerOf(agent), conversation)) return { code: 'forbidden', message: "This conversation is in another team's queue." };
  if ((conversation.intent ?? null) === mutation.intent && (conversation.upset ?? false) === mutation.upset) return null;
  changes.changeConversation(conversation, { ...conversation, intent: mutation.intent, upset: mutation.upset, updatedAt: changes.at });
  return null;
}

/** Supervisors steer their teams: give a conversation to a team member, take it over, or put it back in the queue. */
function reassign(core: RelayCore, changes: ChangeSet, agent: Agent, mutation: z.infer<typeof ConversationAssign>): Refusal | null {
  if (agent.role === 'agent') return { code: 'forbidden', message: 'Only supervisors and administrators reassign conversations.' };
  const found = findActionable(core, agent, mutation.conversationId);
  if (!found.ok) return found.refusal;
  const conversation = found.conversation;
  if (conversation.assigneeId === mutation.assigneeId) return null;
  if (mutation.assigneeId !== null) {
    const assignee = core.store.accounts.findAgent(mutation.assigneeId)?.agent;
    const fits = assignee && assignee.tenantId === agent.tenantId && (assignee.id === agent.id || assignee.teamIds.includes(conversation.teamId));
    if (!fits) return { code: 'invalid', message: 'Give it to someone of its team, or take it over yourself.' };
  }
  assign(core, changes, conversation, mutation.assigneeId);
  return null;
}

function claim(core: RelayCore, changes: ChangeSet, agent: Agent, mutation: z.infer<typeof ConversationClaim>): Refusal | null {
  const found = findConversation(core, agent, mutation.conversationId);
  if (!found.ok) return found.refusal;
  const conversation = found.conversation;
  if (conversation.assigneeId === agent.id) return null;
  // Out of scope first: who took it is only for those who could have taken it.
  if (!inScope(viewerOf(agent), conversation)) {
    return { code: 'forbidden', message: "This conversation is in another team's queue." };
  }
  if (conversation.assigneeId !== null) {
    const otherAgentName = agentName(core, conversation.assigneeId);
    return { code: 'conflict', reason: 'taken', otherAgentName, message: `${otherAgentName} took this conversation first.` };
  }
  if (conversation.status === 'resolved') {
    return { code: 'conflict', reason: 'resolved', message: 'This conversation was resolved before you took it.' };
  }
  assign(core, changes, conversation, agent.id);
  return null;
}
