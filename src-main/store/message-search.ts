import type Database from 'better-sqlite3';
import { gramsQueryOf, isUnspacedShortTerm } from './search-grams.js';
import { keyMillisecondOf } from './search-key.js';
import { ftsQueryOf, likePatternOf, type SearchTerms } from './search-terms.js';

interface FoundRow {
  local_seq: number;
  created_at: number;
}

/** How one search reads the index: what it walks (newest first, by search key) and what each row must also meet. */
interface Plan {
  from: string;
  key: string;
  conditions: string[];
  params: string[];
}

const CACHED = 'EXISTS (SELECT 1 FROM conversations c WHERE c.id = m.conversation_id)';
const LIKE = "m.body LIKE ? ESCAPE '\\'";

/**
 * Message search, newest first (created_at, then local_seq). Indexed messages are walked in
 * search-key order (search-key.ts) through one index: the trigram index when a term has three
 * characters or more, else the character pairs when a term is one or two characters of an
 * unspaced script, else the key index itself; the other terms are checked on each row walked. The walk stops after a page plus the
 * rest of the page's last millisecond, whose messages the keys do not order. Messages still in
 * the backlog are scanned, and both are merged.
 */
export class MessageSearch {
  /** One per shape (which index, how many terms of each kind; at most ten terms), each prepared once. */
  private readonly statements = new Map<string, Database.Statement<(string | number)[], unknown>>();

  /** `columns`: what to read of each message, qualified by `m.`. */
  constructor(
    private readonly db: Database.Database,
    private readonly columns: string,
  ) {}

  search<Row extends FoundRow>(terms: SearchTerms, limit: number): Row[] {
    const found = [...this.indexed<Row>(planOf(terms), limit), ...this.waiting<Row>(terms, limit)];
    return found.sort((a, b) => b.created_at - a.created_at || b.local_seq - a.local_seq).slice(0, limit);
  }

  /**
   * Reads on past the page to the end of its last hit's millisecond (one statement: FTS5 reads a
   * rowid range, asked for separately, to its end before it stops).
   */
  private indexed<Row extends FoundRow>(plan: Plan, limit: number): Row[] {
    const sql = `SELECT ${this.columns} FROM ${plan.from} WHERE ${[...plan.conditions, CACHED].join(' AND ')} ORDER BY ${plan.key} DESC`;
    const found: Row[] = [];
    for (const row of this.prepared<Row>(sql).iterate(...plan.params)) {
      const last = found.at(-1);
      if (found.length >= limit && (!last || keyMillisecondOf(row.created_at) !== keyMillisecondOf(last.created_at))) break;
      found.push(row);
    }
    return found;
  }

  private waiting<Row extends FoundRow>(terms: SearchTerms, limit: number): Row[] {
    const words = [...terms.indexed, ...terms.short];
    const sql = `SELECT ${this.columns} FROM search_backlog b CROSS JOIN messages m ON m.local_seq = b.local_seq
                  WHERE ${[...words.map(() => LIKE), CACHED].join(' AND ')} ORDER BY m.created_at DESC, m.local_seq DESC LIMIT ?`;
    return this.prepared<Row>(sql).all(...words.map(likePatternOf), limit);
  }

  private prepared<Row>(sql: string): Database.Statement<(string | number)[], Row> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare<(string | number)[], unknown>(sql);
      this.statements.set(sql, statement);
    }
    return statement as Database.Statement<(string | number)[], Row>;
  }
}

function planOf(terms: SearchTerms): Plan {
  const pairs = terms.short.filter(isUnspacedShortTerm);
  const scanned = terms.short.filter((term) => !isUnspacedShortTerm(term));
  const likes = { conditions: scanned.map(() => LIKE), params: scanned.map(likePatternOf) };
  const pairsQuery = pairs.map(gramsQueryOf).join(' ');
  // CROSS JOIN keeps the index as the outer loop, so FTS5 serves ORDER BY rowid DESC itself.
  if (terms.indexed.length > 0) {
    const alsoPairs = pairs.length > 0 ? ['EXISTS (SELECT 1 FROM messages_grams WHERE messages_grams MATCH ? AND messages_grams.rowid = f.rowid)'] : [];
    return {
      from: 'messages_fts f CROSS JOIN messages m ON m.search_key = f.rowid',
      key: 'f.rowid',
      conditions: ['messages_fts MATCH ?', ...alsoPairs, ...likes.conditions],
      params: [ftsQueryOf(terms.indexed), ...(pairs.length > 0 ? [pairsQuery] : []), ...likes.params],
    };
  }
  if (pairs.length > 0) {
    return { from: 'messages_grams f CROSS JOIN messages m ON m.search_key = f.rowid', key: 'f.rowid', conditions: ['messages_grams MATCH ?', ...likes.conditions], params: [pairsQuery, ...likes.params] };
  }
  return { from: 'messages m', key: 'm.search_key', conditions: ['m.search_key IS NOT NULL', ...likes.conditions], params: likes.params };
}
