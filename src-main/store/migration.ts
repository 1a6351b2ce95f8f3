import type Database from 'better-sqlite3';

/** One schema step. `version` is the `user_version` the database has once `up` ran. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}

/** The cache was written by a newer release; opening it here could corrupt it. */
export class FutureDatabaseError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `This cache has schema version ${found}, but this version of the workstation knows only up to ${known}. ` +
        'It was written by a newer release: update the workstation, or move the cache file away to start afresh.',
    );
    this.name = 'FutureDatabaseError';
  }
}

export interface MigrationOutcome {
  from: number;
  to: number;
}

/** Brings the database to the newest version, one transaction per migration (user_version included). */
export function migrate(db: Database.Database, migrations: readonly Migration[]): MigrationOutcome {
  checkNumbering(migrations);
  const latest = migrations.length;
  const from = userVersion(db);
  if (from > latest) throw new FutureDatabaseError(from, latest);
  for (const migration of migrations.slice(from)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return { from, to: latest };
}

export function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function checkNumbering(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration ${migration.name} has version ${migration.version}; expected ${index + 1}.`);
    }
  });
}
