import type Database from 'better-sqlite3';
import type { Article } from '../../src-shared/domain/model.js';
import { likePatternOf } from './search-terms.js';

interface ArticleRow {
  id: string;
  version: number;
  title: string;
  body: string;
  locale: string;
  markets: string;
  tags: string;
  intents: string;
  updated_at: number;
  updated_by_name: string;
  public: number;
}

export interface ArticleMatch {
  article: Article;
  /** Higher is better; comparable only within one search. */
  score: number;
}

/** Scripts written without spaces: a query word there is a run of characters to match piecewise. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}]/u;
const MAX_TERMS = 12;

/** The cached knowledge base and its full-text search (migration 0007). */
export class ArticleStore {
  private readonly upsertRow: Database.Statement<Record<string, unknown>>;
  private readonly selectOne: Database.Statement<[string], ArticleRow>;
  private readonly countRows: Database.Statement<[], number>;

  constructor(private readonly db: Database.Database) {
    this.upsertRow = db.prepare(`
      INSERT INTO articles (id, version, title, body, locale, markets, tags, intents, updated_at, updated_by_name, public)
      VALUES (@id, @version, @title, @body, @locale, @markets, @tags, @intents, @updatedAt, @updatedByName, @public)
      ON CONFLICT (id) DO UPDATE SET version = excluded.version, title = excluded.title, body = excluded.body,
        locale = excluded.locale, markets = excluded.markets, tags = excluded.tags, intents = excluded.intents,
        updated_at = excluded.updated_at, updated_by_name = excluded.updated_by_name, public = excluded.public
      WHERE excluded.version > articles.version`);
    this.selectOne = db.prepare('SELECT * FROM articles WHERE id = ?');
    this.countRows = db.prepare<[], number>('SELECT COUNT(*) FROM articles').pluck();
  }

  /** Keeps the newer version: events may arrive again, or a snapshot after a newer event. */
  upsert(article: Article): void {
    this.upsertRow.run({
      ...article,
      markets: JSON.stringify(article.markets),
      tags: JSON.stringify(article.tags),
      intents: JSON.stringify(article.intents),
      public: article.public ? 1 : 0,
    });
  }

  get(id: string): Article | undefined {
    const row = this.selectOne.get(id);
    return row && fromRow(row);
  }

  /** Articles without a vector of their current version for `model`, to embed next. */
  missingVectors(model: string, limit: number): Article[] {
    return this.db
      .prepare<[string, number], ArticleRow>(
        `SELECT a.* FROM articles a LEFT JOIN article_vectors v ON v.article_id = a.id AND v.model = ?
          WHERE v.version IS NULL OR v.version <> a.version ORDER BY a.rowid LIMIT ?`,
      )
      .all(model, limit)
      .map(fromRow);
  }

  saveVectors(model: string, vectors: readonly { article: Article; vector: Float32Array }[]): void {
    const insert = this.db.prepare('INSERT OR REPLACE INTO article_vectors (article_id, model, version, vector) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const { article, vector } of vectors) insert.run(article.id, model, article.version, Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength));
    })();
  }

  /** Every current vector for `model`, by article id. */
  vectors(model: string): Map<string, Float32Array> {
    const rows = this.db
      .prepare<[string], { article_id: string; vector: Buffer }>(
        'SELECT v.article_id, v.vector FROM article_vectors v JOIN articles a ON a.id = v.article_id AND a.version = v.version WHERE v.model = ?',
      )
      .all(model);
    return new Map(rows.map((row) => [row.article_id, new Float32Array(row.vector.buffer.slice(row.vector.byteOffset, row.vector.byteOffset + row.vector.byteLength))]));
  }

  deleteAll(): void {
    this.db.prepare('DELETE FROM articles').run();
  }

  count(): number {
    return this.countRows.get() ?? 0;
  }

  /** Articles for any of the intents, newest first. */
  forIntent(intent: string, limit: number): Article[] {
    return this.db
      .prepare<[string, number], ArticleRow>(
        'SELECT a.* FROM articles a WHERE EXISTS (SELECT 1 FROM json_each(a.intents) WHERE value = ?) ORDER BY a.updated_at DESC LIMIT ?',
      )
      .all(intent, limit)
      .map(fromRow);
  }

  /**
   * Full text: any of the words, best first (BM25, the title weighing ten times the body).
   * Words of three or more characters use the trigram index; longer runs of unspaced scripts are
   * cut into trigrams; shorter words (two-character Chinese words are common) are matched by LIKE.
   */
  search(query: string, limit: number): ArticleMatch[] {
    const { trigrams, short } = termsOf(query);
    const matches = new Map<string, ArticleMatch>();
    if (trigrams.length > 0) {
      const fts = trigrams.map((term) => `"${term.replaceAll('"', '""')}"`).join(' OR ');
      const rows = this.db
        .prepare<[string, number], ArticleRow & { rank: number }>(
          `SELECT a.*, bm25(articles_fts, 10.0, 1.0) AS rank FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
            WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?`,
        )
        .all(fts, limit);
      // bm25 is negative, lower is better.
      for (const row of rows) matches.set(row.id, { article: fromRow(row), score: -row.rank });
    }
    for (const term of short) {
      const rows = this.db
        .prepare<[string, string, number], ArticleRow>("SELECT * FROM articles WHERE title LIKE ? ESCAPE '\\' OR body LIKE ? ESCAPE '\\' LIMIT ?")
        .all(likePatternOf(term), likePatternOf(term), limit);
      for (const row of rows) {
        const known = matches.get(row.id);
        matches.set(row.id, { article: fromRow(row), score: (known?.score ?? 0) + 1 });
      }
    }
    return [...matches.values()].sort((a, b) => b.score - a.score).slice(0, limit);
  }
}

function termsOf(query: string): { trigrams: string[]; short: string[] } {
  const words = [...new Set(query.normalize('NFKC').toLowerCase().split(/[\s\p{P}]+/u).filter(Boolean))].slice(0, MAX_TERMS);
  const trigrams: string[] = [];
  const short: string[] = [];
  for (const word of words) {
    const chars = Array.from(word);
    if (chars.length < 3) short.push(word);
    else if (UNSPACED.test(word) && chars.length > 3) for (let i = 0; i + 3 <= chars.length; i++) trigrams.push(chars.slice(i, i + 3).join(''));
    else trigrams.push(word);
  }
  return { trigrams: [...new Set(trigrams)], short };
}

function fromRow(row: ArticleRow): Article {
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    body: row.body,
    locale: row.locale,
    markets: JSON.parse(row.markets) as string[],
    tags: JSON.parse(row.tags) as string[],
    public: row.public === 1,
    intents: JSON.parse(row.intents) as string[],
    updatedAt: row.updated_at,
    updatedByName: row.updated_by_name,
  };
}
