import type { Conversation } from '../../src-shared/domain/model.js';
import type { FlaggedReplyLive } from '../../src-shared/protocol/supervisor.js';
import type { RelayCore } from '../relay-core.js';

/** How far back the board looks for flagged replies; older ones are in the audit log. */
export const FLAGGED_REPLIES_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Audit entries read per board: enough for a busy day of one company's flags. */
const ENTRIES_READ = 500;

/**
 * The replies the desks' reply checks flagged (the `reply.flagged` audit entries of the last day),
 * in conversations of `inTeams` still open. The audit log is the record; the board only reads it.
 */
export async function flaggedReplies(core: RelayCore, tenantId: string, now: number, inTeams: (conversation: Conversation) => boolean): Promise<FlaggedReplyLive[]> {
  const entries = await core.store.audit.list(tenantId, { action: 'reply.flagged', from: now - FLAGGED_REPLIES_WINDOW_MS, limit: ENTRIES_READ });
  const conversations = new Map<string, Conversation | null>();
  const flagged: FlaggedReplyLive[] = [];
  for (const entry of entries) {
    const { messageId, ruleId, ruleAction, overridden } = entry.details;
    const conversationId = entry.target?.id;
    if (!conversationId || typeof messageId !== 'string' || typeof ruleId !== 'string' || (ruleAction !== 'warn' && ruleAction !== 'block') || typeof overridden !== 'boolean') continue;
    if (!conversations.has(conversationId)) conversations.set(conversationId, await core.store.conversations.findConversation(tenantId, conversationId));
    const conversation = conversations.get(conversationId);
    if (!conversation || conversation.status === 'resolved' || !inTeams(conversation)) continue;
    flagged.push({ conversationId, teamId: conversation.teamId, customerName: conversation.customerName, messageId, agentId: entry.actorId, ruleId, action: ruleAction, overridden, at: entry.at });
  }
  return flagged;
}
