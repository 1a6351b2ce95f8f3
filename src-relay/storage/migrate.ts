import type Database from 'better-sqlite3';

/** One schema step. Files are `migrations/NNNN-what-it-does.ts`; versions rise by one. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to the last migration, each step in its own transaction that also sets
 * `user_version`, so a crash leaves the database at a whole version. Refuses a database written
 * by a newer relay rather than guessing at a schema it does not know.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): { from: number; to: number } {
  checkNumbering(migrations);
  const from = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) {
    throw new Error(
      `The relay database is at schema version ${from}, but this relay knows versions up to ${latest}. ` +
        'It was written by a newer relay: run that version, or restore a backup made by this one.',
    );
  }
  for (const migration of migrations) {
    if (migration.version <= from) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return { from, to: Math.max(from, latest) };
}

function checkNumbering(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration ${migration.name} has version ${migration.version}; expected ${index + 1}.`);
    }
  });
}
