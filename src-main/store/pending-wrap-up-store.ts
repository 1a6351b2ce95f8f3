import type Database from 'better-sqlite3';
import { PendingWrapUp } from '../../src-shared/api/contract.js';
import { CallSummary } from '../../src-shared/domain/model.js';

interface Row {
  id: string;
  conversation_id: string | null;
  call_json: string;
}

/** Calls that ended and wait for their wrap-up code and notes, per agent, oldest first. */
export class PendingWrapUpStore {
  private readonly insert: Database.Statement<[string, string, string | null, string, number]>;
  private readonly select: Database.Statement<[string], Row>;
  private readonly remove: Database.Statement<[string, string]>;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO pending_wrap_ups (id, agent_id, conversation_id, call_json, created_at) VALUES (?, ?, ?, ?, ?)');
    this.select = db.prepare('SELECT id, conversation_id, call_json FROM pending_wrap_ups WHERE agent_id = ? ORDER BY created_at, id');
    this.remove = db.prepare('DELETE FROM pending_wrap_ups WHERE agent_id = ? AND id = ?');
  }

  add(agentId: string, wrapUp: PendingWrapUp, at: number): void {
    this.insert.run(wrapUp.id, agentId, wrapUp.conversationId, JSON.stringify(wrapUp.call), at);
  }

  list(agentId: string): PendingWrapUp[] {
    return this.select.all(agentId).map((row) => ({ id: row.id, conversationId: row.conversation_id, call: CallSummary.parse(JSON.parse(row.call_json)) }));
  }

  done(agentId: string, id: string): void {
    this.remove.run(agentId, id);
  }
}
