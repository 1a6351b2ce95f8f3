import type Database from 'better-sqlite3';
import type { Article, ArticleTitle } from '../../src-shared/domain/model.js';
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
  titles: string;
  updated_at: number;
  updated_by_name: string;
  public: number;
}

/** The trigram index cannot match fewer than three characters; shorter terms are found by a scan. */
const TRIGRAM_LENGTH = 3;

/** The cached knowledge base and its full-text search (migration 0007). */
export class ArticleStore {
  private readonly upsertRow: Database.Statement<Record<string, unknown>>;
  private readonly selectOne: Database.Statement<[string], ArticleRow>;
  private readonly countRows: Database.Statement<[], number>;

  constructor(private readonly db: Database.Database) {
    this.upsertRow = db.prepare(`
      INSERT INTO articles (id, version, title, body, locale, markets, tags, intents, titles, labels, updated_at, updated_by_name, public)
      VALUES (@id, @version, @title, @body, @locale, @markets, @tags, @intents, @titles, @labels, @updatedAt, @updatedByName, @public)
      ON CONFLICT (id) DO UPDATE SET version = excluded.version, title = excluded.title, body = excluded.body,
        locale = excluded.locale, markets = excluded.markets, tags = excluded.tags, intents = excluded.intents,
        titles = excluded.titles, labels = excluded.labels,
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
      titles: JSON.stringify(article.titles),
      labels: labelsOf(article),
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
   * Ids of articles whose title, labels (tags, titles in other languages) or body contain `term`
   * (lower-cased), at most `limit`: the trigram index for three characters or more, a scan below.
   */
  containing(term: string, limit: number): string[] {
    if (Array.from(term).length >= TRIGRAM_LENGTH) {
      return this.db
        .prepare<[string, number], string>('SELECT a.id FROM articles_fts f JOIN articles a ON a.rowid = f.rowid WHERE articles_fts MATCH ? LIMIT ?')
        .pluck()
        .all(`"${term.replaceAll('"', '""')}"`, limit);
    }
    const pattern = likePatternOf(term);
    return this.db
      .prepare<[string, string, string, number], string>("SELECT id FROM articles WHERE title LIKE ? ESCAPE '\\' OR labels LIKE ? ESCAPE '\\' OR body LIKE ? ESCAPE '\\' LIMIT ?")
      .pluck()
      .all(pattern, pattern, pattern, limit);
  }

  /** The languages articles are written in, for translating a question into each. */
  locales(): string[] {
    return this.db.prepare<[], string>('SELECT DISTINCT locale FROM articles ORDER BY locale').pluck().all();
  }
}

/** What search reads besides title and body: the tags, and the title and tags in other languages, one per line. */
function labelsOf(article: Pick<Article, 'tags' | 'titles'>): string {
  return [...article.tags, ...article.titles.flatMap((entry: ArticleTitle) => [entry.title, ...entry.tags])].join('\n');
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
    titles: JSON.parse(row.titles) as ArticleTitle[],
    updatedAt: row.updated_at,
    updatedByName: row.updated_by_name,
  };
}
