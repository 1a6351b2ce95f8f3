import type Database from 'better-sqlite3';

/** One schema step, in `migrations/NNNN-what-it-does.ts`. `version` is the `user_version` the database has once `up` ran. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}

/** What a refusal of a newer database says, in the words of the program that owns the database. */
export type FutureRefusal = (found: number, known: number) => string;

/** The database was written by a newer release; opening it here could corrupt it. */
export class FutureDatabaseError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
    message: string,
  ) {
    super(message);
    this.name = 'FutureDatabaseError';
  }
}

export interface MigrationOutcome {
  from: number;
  to: number;
}

const refuseFuture: FutureRefusal = (found, known) =>
  `This database has schema version ${found}, but this program knows only up to ${known}. It was written by a newer release.`;

/**
 * Brings the database to the last migration, each step in its own transaction that also sets
 * `user_version`, so a crash leaves the database at a whole version. IMMEDIATE takes the write
 * lock before the step reads anything. A database from a newer release is refused, untouched,
 * rather than guessed at.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], describeFuture: FutureRefusal = refuseFuture): MigrationOutcome {
  checkNumbering(migrations);
  const latest = migrations.length;
  const from = userVersion(db);
  if (from > latest) throw new FutureDatabaseError(from, latest, describeFuture(from, latest));
  for (const migration of migrations.slice(from)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
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
