import { previewOf, type Agent, type Conversation, type SettablePresence } from '../../src-shared/domain/model.js';
import type { ConversationSetStatus, MutationBody, Rejection, RejectionCode, ReplySend } from '../../src-shared/protocol/sync.js';
import type { z } from 'zod';
import type { ChangeSet } from '../log/change-set.js';
import { canAct, viewerOf } from '../log/visibility.js';
import type { RelayCore } from '../relay-core.js';
import type { PushItem } from './frames.js';

export interface PushOutcome {
  lastMutationId: number;
  rejections: Rejection[];
  /** The agent's chosen presence before and after, to tell others and drain the queue. */
  presenceBefore: SettablePresence;
  presenceAfter: SettablePresence;
}

type Refusal = { code: RejectionCode; message: string };

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
    for (const item of items) {
      if (item.mutationId <= last) continue;
      last = item.mutationId;
      const refusal = item.body
        ? applyMutation(core, changes, agent, item.body)
        : { code: 'invalid' as const, message: item.problem.slice(0, 1000) };
      if (refusal) rejections.push({ mutationId: item.mutationId, ...refusal });
    }
    core.store.clients.saveLastMutationId(clientId, agent.id, last, changes.at);
    return { lastMutationId: last, rejections, presenceBefore, presenceAfter: chosenPresence(core, agent) };
  });
}

function applyMutation(core: RelayCore, changes: ChangeSet, agent: Agent, body: MutationBody): Refusal | null {
  switch (body.kind) {
    case 'reply.send':
      return sendReply(core, changes, agent, body);
    case 'conversation.setStatus':
      return setStatus(core, changes, agent, body);
    case 'presence.set':
      core.store.accounts.setChosenPresence(agent.id, body.presence);
      return null;
  }
}

function chosenPresence(core: RelayCore, agent: Agent): SettablePresence {
  const account = core.store.accounts.findAgent(agent.id);
  if (!account) throw new Error(`agent ${agent.id} disappeared while signed in`);
  return account.chosenPresence;
}

type Actionable = { ok: true; conversation: Conversation } | { ok: false; refusal: Refusal };

function findActionable(core: RelayCore, agent: Agent, conversationId: string): Actionable {
  const conversation = core.store.conversations.findConversation(agent.tenantId, conversationId);
  if (!conversation) return { ok: false, refusal: { code: 'not_found', message: 'There is no such conversation.' } };
  if (!canAct(viewerOf(agent), conversation)) {
    return { ok: false, refusal: { code: 'forbidden', message: 'This conversation is handled by someone else.' } };
  }
  return { ok: true, conversation };
}

/** Stores the reply under the client's message id; replying to an unassigned conversation takes it. */
function sendReply(core: RelayCore, changes: ChangeSet, agent: Agent, reply: z.infer<typeof ReplySend>): Refusal | null {
  const found = findActionable(core, agent, reply.conversationId);
  if (!found.ok) return found.refusal;
  const existing = core.store.conversations.findMessage(reply.messageId);
  if (existing) {
    const same = existing.message.conversationId === reply.conversationId && existing.message.authorId === agent.id;
    return same ? null : { code: 'conflict', message: 'This message id is already used by another message.' };
  }
  const conversation = found.conversation;
  const takes = conversation.assigneeId === null;
  const message = {
    id: reply.messageId,
    conversationId: conversation.id,
    author: 'agent' as const,
    authorId: agent.id,
    authorName: agent.name,
    body: reply.body,
    createdAt: changes.at,
  };
  const next = {
    ...conversation,
    assigneeId: takes ? agent.id : conversation.assigneeId,
    lastMessageAt: changes.at,
    lastMessagePreview: previewOf(reply.body),
    updatedAt: changes.at,
  };
  changes.changeConversation(conversation, next);
  if (takes) core.store.accounts.markAssigned(agent.id, changes.at);
  changes.addMessage(message, next, null);
  return null;
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
    changes.changeConversation(conversation, { ...conversation, status: mutation.status, updatedAt: changes.at });
  }
  return null;
}
