import type Database from 'better-sqlite3';
import { Conversation, type MessageAuthor } from '../../src-shared/domain/model.js';

/** An open conversation that may be waiting on the agent, as the badge count needs it. */
export interface WorkCandidate {
  id: string;
  customerName: string;
  teamId: string;
  /** As shown: a claim still in the outbox counts as the agent's. */
  assigneeId: string | null;
  offer: { agentId: string; expiresAt: number } | null;
  /** Who wrote the last message the customer could see (notes and system lines aside); null before any. */
  lastAuthor: MessageAuthor | null;
  lastMessagePreview: string;
  lastMessageAt: number;
}

interface CandidateRow {
  id: string;
  customer_name: string;
  team_id: string;
  assignee_id: string | null;
  offer: string | null;
  last_author: MessageAuthor | null;
  last_message_preview: string;
  last_message_at: number;
}

/**
 * The open conversations that could be waiting on an agent: theirs, unassigned, or offered to
 * them. Which of them count is a rule of the core (core/services/waiting-work.ts).
 */
export class WaitingWorkStore {
  private readonly selectCandidates: Database.Statement<{ agentId: string }, CandidateRow>;

  constructor(db: Database.Database) {
    this.selectCandidates = db.prepare(`
      SELECT c.id, c.customer_name, c.team_id, c.shown_assignee_id AS assignee_id, c.offer, c.last_message_preview, c.last_message_at,
             (SELECT m.author FROM messages m
               WHERE m.conversation_id = c.id AND m.internal = 0 AND m.author <> 'system'
               ORDER BY m.created_at DESC, m.local_seq DESC LIMIT 1) AS last_author
        FROM shown_conversations c
       WHERE c.shown_status = 'open'
         AND (c.shown_assignee_id IS NULL OR c.shown_assignee_id = @agentId)
       ORDER BY c.last_message_at DESC, c.id DESC`);
  }

  candidates(agentId: string): WorkCandidate[] {
    return this.selectCandidates.all({ agentId }).map((row) => ({
      id: row.id,
      customerName: row.customer_name,
      teamId: row.team_id,
      assigneeId: row.assignee_id,
      offer: row.offer === null ? null : (Conversation.shape.offer.parse(JSON.parse(row.offer)) ?? null),
      lastAuthor: row.last_author,
      lastMessagePreview: row.last_message_preview,
      lastMessageAt: row.last_message_at,
    }));
  }
}
