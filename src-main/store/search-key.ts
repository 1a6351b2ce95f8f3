/**
 * Where a message sits in the search indexes (migration 0028): its creation time in milliseconds
 * times 2^20, plus a slot unique within that millisecond. Keys order messages by time, so FTS5
 * can walk matches newest first and stop after a page; messages of one millisecond are put in
 * order by the search itself (message-search.ts), which reads the whole millisecond of a page's
 * last hit. Times are clamped to [0, 2^43), until the year 2248, so a key fits in 63 bits; any
 * monotone clamp keeps that order right.
 */
const SLOTS = 1_048_576;
const LAST_TIME = 8_796_093_022_207;

function firstKeyOf(time: string): string {
  return `(min(max(${time}, 0), ${LAST_TIME}) * ${SLOTS})`;
}

/** The millisecond of the keys a message of this time gets: messages in different ones are ordered by their keys. */
export function keyMillisecondOf(time: number): number {
  return Math.min(Math.max(time, 0), LAST_TIME);
}

/**
 * Gives the message (local_seq as the only parameter) the next free slot of its millisecond. The
 * slots of a millisecond run out after a million messages in it; the unique index then refuses
 * the key, and the message stays in the backlog, where search still finds it.
 */
export const ASSIGN_KEY_SQL = `
  UPDATE messages SET search_key = coalesce(
    (SELECT max(k.search_key) + 1 FROM messages k
      WHERE k.search_key BETWEEN ${firstKeyOf('messages.created_at')} AND ${firstKeyOf('messages.created_at')} + ${SLOTS - 1}),
    ${firstKeyOf('messages.created_at')})
   WHERE local_seq = ?`;
