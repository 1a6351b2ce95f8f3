import type Database from 'better-sqlite3';
import { CustomerProfile } from '../../src-shared/domain/customers.js';

/** Customers as the relay last told them: identities, merge suggestions, merges into them. */
export class CustomerStore {
  private readonly upsertRow: Database.Statement<{ id: string; profile: string }>;
  private readonly selectProfile: Database.Statement<[string], { profile: string }>;
  private readonly deleteRow: Database.Statement<[string]>;
  private readonly selectMergedInto: Database.Statement<[string], { id: string }>;
  private readonly deleteUnheld: Database.Statement<[]>;
  private readonly deleteRows: Database.Statement<[]>;

  constructor(db: Database.Database) {
    this.upsertRow = db.prepare('INSERT INTO customers (id, profile) VALUES (@id, @profile) ON CONFLICT (id) DO UPDATE SET profile = excluded.profile');
    this.selectProfile = db.prepare('SELECT profile FROM customers WHERE id = ?');
    this.deleteRow = db.prepare('DELETE FROM customers WHERE id = ?');
    this.selectMergedInto = db.prepare("SELECT id FROM customers WHERE EXISTS (SELECT 1 FROM json_each(profile, '$.merges') WHERE json_extract(value, '$.id') = ?)");
    this.deleteUnheld = db.prepare('DELETE FROM customers WHERE id NOT IN (SELECT customer_id FROM conversations)');
    this.deleteRows = db.prepare('DELETE FROM customers');
  }

  /** The relay decides: its profile replaces ours whole. */
  upsert(profile: CustomerProfile): void {
    this.upsertRow.run({ id: profile.id, profile: JSON.stringify(profile) });
  }

  get(id: string): CustomerProfile | undefined {
    const row = this.selectProfile.get(id);
    return row && CustomerProfile.parse(JSON.parse(row.profile));
  }

  /** The customers a merge (not undone, as the relay last said) is about: its source and target. */
  ofMerge(mergeId: string): string[] {
    const targets = this.selectMergedInto.all(mergeId).map((row) => row.id);
    const sources = targets.flatMap((id) => this.get(id)?.merges.filter((merge) => merge.id === mergeId).map((merge) => merge.sourceCustomerId) ?? []);
    return [...targets, ...sources];
  }

  /** A customer merged into another is no one of their own any more. */
  remove(id: string): void {
    this.deleteRow.run(id);
  }

  /** A customer none of whose conversations is held here any more (erased, or resynced away) is not kept: identities are personal data. */
  forgetUnheld(): void {
    this.deleteUnheld.run();
  }

  deleteAll(): void {
    this.deleteRows.run();
  }
}
