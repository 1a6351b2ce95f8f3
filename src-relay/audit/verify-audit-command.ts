import { existsSync } from 'node:fs';
import { isPostgresUrl, openRelayStorage } from '../storage/open-relay-storage.js';
import { describeVerification, verifyAudit } from './verify-audit.js';

/**
 * `--verify-audit [LOCATION]`: the database at LOCATION (a SQLite path or a postgres:// URL), else
 * RELAY_DATABASE_URL, else RELAY_DB (.data/relay.sqlite). Prints the result; returns the exit code.
 */
export async function runVerifyAudit(argument: string | undefined, env: NodeJS.ProcessEnv, print: (line: string) => void): Promise<number> {
  const location = argument && !argument.startsWith('--') ? argument : env.RELAY_DATABASE_URL || env.RELAY_DB || '.data/relay.sqlite';
  // Opening a SQLite path creates the file: a mistyped path must not pass as an empty, intact log.
  if (!isPostgresUrl(location) && location !== ':memory:' && !existsSync(location)) throw new Error(`--verify-audit: there is no relay database at ${location}.`);
  const storage = await openRelayStorage(location);
  try {
    const { lines, exitCode } = describeVerification(await verifyAudit(storage));
    for (const line of lines) print(line);
    return exitCode;
  } finally {
    await storage.close();
  }
}
