import type Database from 'better-sqlite3';
import type { Rating, RatingsRepository } from '../port/ratings.js';
import type { Synchronous } from './synchronous.js';

/** What customers said of resolved conversations (CSAT), one rating each. */
export function createRatingsStore(db: Database.Database): Synchronous<RatingsRepository> {
  const sql = {
    insert: db.prepare(
      `INSERT OR IGNORE INTO ratings (conversation_id, tenant_id, score, comment, rated_at, team_id, assignee_id, channel, market)
       VALUES (@conversationId, @tenantId, @score, @comment, @ratedAt, @teamId, @assigneeId, @channel, @market)`,
    ),
    find: db.prepare('SELECT 1 FROM ratings WHERE conversation_id = ?').pluck(),
    list: db.prepare(
      `SELECT conversation_id AS conversationId, score, comment, rated_at AS ratedAt, team_id AS teamId, assignee_id AS assigneeId, channel, market
         FROM ratings WHERE tenant_id = ? AND rated_at >= ? AND rated_at < ? ORDER BY rated_at`,
    ),
    erase: db.prepare('DELETE FROM ratings WHERE tenant_id = ? AND conversation_id = ?'),
    forgetComment: db.prepare('UPDATE ratings SET comment = NULL WHERE tenant_id = ? AND conversation_id = ?'),
  };
  return {
    /** False when the conversation was rated before: a rating is given once. */
    insert(tenantId: string, rating: Rating): boolean {
      return sql.insert.run({ tenantId, ...rating }).changes > 0;
    },
    isRated(conversationId: string): boolean {
      return sql.find.get(conversationId) !== undefined;
    },
    list(tenantId: string, from: number, to: number): Rating[] {
      return sql.list.all(tenantId, from, to) as Rating[];
    },
    /** The comment is the customer's words: it goes with their data. */
    erase(tenantId: string, conversationId: string): void {
      sql.erase.run(tenantId, conversationId);
    },
    forgetComment(tenantId: string, conversationId: string): void {
      sql.forgetComment.run(tenantId, conversationId);
    },
  };
}
