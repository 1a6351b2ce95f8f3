import type { Rating, RatingsRepository } from '../port/ratings.js';
import { rowsOf, type Query } from './query.js';

/** What customers said of resolved conversations (CSAT), one rating each. */
export function ratingsRepository(query: Query): RatingsRepository {
  return {
    async insert(tenantId, rating) {
      const inserted = await query(
        `INSERT INTO ratings (conversation_id, tenant_id, score, comment, rated_at, team_id, assignee_id, channel, market)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
        [rating.conversationId, tenantId, rating.score, rating.comment, rating.ratedAt, rating.teamId, rating.assigneeId, rating.channel, rating.market],
      );
      return (inserted.rowCount ?? 0) > 0;
    },
    async isRated(conversationId) {
      return (await query('SELECT 1 FROM ratings WHERE conversation_id = $1', [conversationId])).rowCount !== 0;
    },
    list: (tenantId, from, to) =>
      rowsOf<Rating>(
        query,
        `SELECT conversation_id AS "conversationId", score, comment, rated_at AS "ratedAt", team_id AS "teamId", assignee_id AS "assigneeId", channel, market
           FROM ratings WHERE tenant_id = $1 AND rated_at >= $2 AND rated_at < $3 ORDER BY rated_at`,
        [tenantId, from, to],
      ),
    async erase(tenantId, conversationId) {
      await query('DELETE FROM ratings WHERE tenant_id = $1 AND conversation_id = $2', [tenantId, conversationId]);
    },
    async forgetComment(tenantId, conversationId) {
      await query('UPDATE ratings SET comment = NULL WHERE tenant_id = $1 AND conversation_id = $2', [tenantId, conversationId]);
    },
  };
}
