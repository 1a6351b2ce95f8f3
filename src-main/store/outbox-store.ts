import type Database from 'better-sqlite3';
import { MutationBody } from '../../src-shared/protocol/mutations/index.js';
import type { Mutation } from '../../src-shared/protocol/sync.js';

interface OutboxRow {
  mutation_id: number;
  body: string;
  created_at: number;
}

/** A change made with nobody signed in on the desk: it has no one to send it. */
export class OutboxClosed extends Error {
  override readonly name = 'OutboxClosed';
  constructor(kind: string) {
    super(`Nobody is signed in on this workstation: the change (${kind}) was not queued.`);
  }
}

/** Local changes waiting for the relay, in the order they were made. */
export class OutboxStore {
  private readonly insertRow: Database.Statement<[string, string | null, string, number]>;
  private readonly selectNext: Database.Statement<[number], OutboxRow>;
  private readonly selectOne: Database.Statement<[number], OutboxRow>;
  private readonly deleteUpTo: Database.Statement<[number], OutboxRow>;
  private readonly selectOfConversation: Database.Statement<[string, string], OutboxRow>;
  private readonly deleteOneRow: Database.Statement<[number]>;
  private readonly countRows: Database.Statement<[], { n: number }>;
  private readonly deleteRows: Database.Statement<[]>;

  /** `open`: whether changes may be queued now; false once the agent has signed out (see enqueue). */
  constructor(
    db: Database.Database,
    private readonly open: () => boolean,
  ) {
    this.insertRow = db.prepare('INSERT INTO outbox (kind, conversation_id, body, created_at) VALUES (?, ?, ?, ?)');
    this.selectNext = db.prepare('SELECT mutation_id, body, created_at FROM outbox ORDER BY mutation_id LIMIT ?');
    this.selectOne = db.prepare('SELECT mutation_id, body, created_at FROM outbox WHERE mutation_id = ?');
    this.deleteUpTo = db.prepare('DELETE FROM outbox WHERE mutation_id <= ? RETURNING mutation_id, body, created_at');
    this.selectOfConversation = db.prepare('SELECT mutation_id, body, created_at FROM outbox WHERE conversation_id = ? AND kind = ? ORDER BY mutation_id');
    this.deleteOneRow = db.prepare('DELETE FROM outbox WHERE mutation_id = ?');
    this.countRows = db.prepare('SELECT count(*) AS n FROM outbox');
    this.deleteRows = db.prepare('DELETE FROM outbox');
  }

  /**
   * Appends a change; its mutation id is higher than any this cache ever gave out. Refused with
   * nobody signed in: the change would be the signed-out agent's, and while it waited the desk
   * would refuse every other agent's sign-in (background work finishing after a sign-out did that).
   */
  enqueue(body: MutationBody, createdAt: number): Mutation {
    if (!this.open()) throw new OutboxClosed(body.kind);
    const conversationId = 'conversationId' in body ? body.conversationId : null;
    const { lastInsertRowid } = this.insertRow.run(body.kind, conversationId, JSON.stringify(body), createdAt);
    return { mutationId: Number(lastInsertRowid), createdAt, body };
  }

  /** The oldest `limit` changes. */
  next(limit: number): Mutation[] {
    return this.selectNext.all(limit).map(fromRow);
  }

  get(mutationId: number): Mutation | undefined {
    const row = this.selectOne.get(mutationId);
    return row && fromRow(row);
  }

  /** A conversation's waiting changes of one kind, oldest first. */
  ofConversation(conversationId: string, kind: MutationBody['kind']): Mutation[] {
    return this.selectOfConversation.all(conversationId, kind).map(fromRow);
  }

  /** Takes back one change that was never sent (a resolution undone in its window); false if it is gone. */
  takeBack(mutationId: number): boolean {
    return this.deleteOneRow.run(mutationId).changes > 0;
  }

  /** Removes every change up to and including `mutationId`; returns them oldest first. */
  deleteThrough(mutationId: number): Mutation[] {
    return this.deleteUpTo
      .all(mutationId)
      .map(fromRow)
      .sort((a, b) => a.mutationId - b.mutationId);
  }

  count(): number {
    return this.countRows.get()?.n ?? 0;
  }

  /** Only for handing the cache to another agent, which is refused while changes wait. */
  deleteAll(): void {
    this.deleteRows.run();
  }
}

function fromRow(row: OutboxRow): Mutation {
  return { mutationId: row.mutation_id, createdAt: row.created_at, body: MutationBody.parse(JSON.parse(row.body)) };
}
