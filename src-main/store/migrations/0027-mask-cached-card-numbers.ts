import type Database from 'better-sqlite3';
import type { Migration } from '../../../src-node/sqlite/migration.js';
import { withAsciiDigits } from '../../../src-shared/privacy/ascii-digits.js';
import { maskPersonalData } from '../../../src-shared/privacy/mask-personal-data.js';
import { maskPreview } from '../../../src-shared/privacy/mask-preview.js';

const CARDS = new Set(['card'] as const);
/** Thirteen digits or more, whatever separates them: the only texts worth running the detector on. */
const MAYBE_A_CARD = /\d(?:[ .-]?\d){12}/;
/** A preview may end in part of one. */
const MAYBE_CUT = /\d(?:[ .-]?\d){4}/;

/**
 * Card numbers are never stored in clear on a desk: the relay masks them before sync leaves it
 * (docs/privacy.md), but a cache filled before held them as the customer wrote them. They are
 * masked in place in messages, translations, previews and notices; a changed message is taken out
 * of the search index by its trigger and indexed again as masked, and deleted content is
 * overwritten rather than left in free pages. The outbox keeps the agent's own unsent words.
 */
export const maskCachedCardNumbers: Migration = {
  version: 27,
  name: '0027-mask-cached-card-numbers',
  up(db) {
    const secureDelete = db.pragma('secure_delete', { simple: true }) as number;
    db.pragma('secure_delete = ON');
    maskColumn(db, 'messages', 'local_seq', 'body');
    maskColumn(db, 'messages', 'local_seq', 'original_body');
    maskColumn(db, 'translations', "message_id || char(0) || target_language", 'body');
    maskColumn(db, 'notices', 'id', 'detail');
    maskColumn(db, 'conversations', 'id', 'last_message_preview', (text) => maskPreview(text, CARDS), MAYBE_CUT);
    // Merged segments keep no trace of the terms the triggers deleted.
    db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('optimize'); INSERT INTO messages_grams (messages_grams) VALUES ('optimize');");
    db.pragma(`secure_delete = ${secureDelete}`);
  },
};

function maskColumn(db: Database.Database, table: string, key: string, column: string, mask = (text: string) => maskPersonalData(text, CARDS).text, candidate = MAYBE_A_CARD): void {
  const update = db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${key} = ?`);
  const texts = db.prepare<[], { key: number | string; text: string | null }>(`SELECT ${key} AS key, ${column} AS text FROM ${table}`).all();
  for (const row of texts) {
    if (row.text === null || !candidate.test(withAsciiDigits(row.text))) continue;
    const masked = mask(row.text);
    if (masked !== row.text) update.run(masked, row.key);
  }
}
