import { existsSync } from 'node:fs';
import { redactedUrl } from '../../../src-node/postgres/pool.js';
import { openRelayPool } from '../postgres/relay-pool.js';
import { openRelayDatabase } from '../sqlite/sqlite-storage.js';
import { copyToPostgres } from './copy-to-postgres.js';
import { formatReport } from './verify-copy.js';

/**
 * `npm run relay -- --migrate-to postgres://…`: copies the relay's SQLite database (RELAY_DB) into
 * PostgreSQL, migrated first, and prints the verification. True when both sides match.
 */
export async function moveRelayToPostgres(sqlitePath: string, url: string, print: (line: string) => void): Promise<boolean> {
  // openRelayDatabase would create an empty database where none is, and copy nothing.
  if (!existsSync(sqlitePath)) throw new Error(`No relay database at ${sqlitePath} (set RELAY_DB to the SQLite file to copy).`);
  const source = openRelayDatabase(sqlitePath);
  try {
    const target = await openRelayPool({ url, applicationName: 'relay-migrate-to' }, (error) => print(`PostgreSQL connection lost while idle: ${error.message}`));
    try {
      print(`Copying ${sqlitePath} into ${redactedUrl(url)}`);
      const report = await copyToPostgres(source, target, {
        afterBatch: ({ table, copied }) => print(`  ${table}: ${copied} row(s)`),
      });
      print(formatReport(report));
      return report.differences.length === 0;
    } finally {
      await target.end();
    }
  } finally {
    source.close();
  }
}
