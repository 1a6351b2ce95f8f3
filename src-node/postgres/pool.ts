import pg from 'pg';

export interface PostgresSettings {
  /** `postgres://user:password@host:port/database`. */
  url: string;
  /**
   * The schema where tables are created and looked up; the server's default (`public`) when
   * absent. Tests give each case a schema of its own.
   */
  schema?: string;
  /** Connections in the pool. */
  max?: number;
  /** Server settings for every session, e.g. `{ tcp_keepalives_idle: '5' }`. */
  sessionSettings?: Readonly<Record<string, string>>;
  /** How the sessions show in `pg_stat_activity`: which node, for what. */
  applicationName?: string;
  /** A statement without an answer by then fails (a server that went silent), rather than waiting for TCP to give up. */
  queryTimeoutMs?: number;
}

/**
 * bigint columns hold seqs and millisecond timestamps: read them as numbers, as the SQLite side
 * and the shared row codecs do (node-postgres reads them as strings, since a bigint can exceed
 * 2^53). A value past 2^53 is refused rather than rounded.
 */
const relayTypes = new pg.TypeOverrides();
relayTypes.setTypeParser(pg.types.builtins.INT8, (text: string) => {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`bigint ${text} does not fit a JavaScript number`);
  return value;
});

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function connectionConfig(settings: PostgresSettings): pg.ClientConfig {
  const options = Object.entries({ ...(settings.schema ? { search_path: settings.schema } : {}), ...settings.sessionSettings });
  for (const [name, value] of options) {
    // Startup options are space-separated `-c name=value`: keep them to plain words.
    if (!IDENTIFIER.test(name) || !/^[A-Za-z0-9_.]+$/.test(value)) throw new Error(`Unsafe PostgreSQL session setting ${name}=${value}`);
  }
  return {
    connectionString: settings.url,
    types: relayTypes,
    options: options.map(([name, value]) => `-c ${name}=${value}`).join(' ') || undefined,
    // Probes an idle connection after 10 s of silence rather than the system's default two hours.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    connectionTimeoutMillis: 5_000,
    query_timeout: settings.queryTimeoutMs,
    application_name: settings.applicationName,
  };
}

/**
 * A pool for a postgres:// URL. An idle connection that its server drops (a restart, a failover)
 * is discarded by the pool and reported to `onIdleError`: without a listener, that 'error' event
 * would end the process.
 */
export function openPool(settings: PostgresSettings, onIdleError: (error: Error) => void): pg.Pool {
  const pool = new pg.Pool({ ...connectionConfig(settings), max: settings.max ?? 10, idleTimeoutMillis: 30_000 });
  pool.on('error', onIdleError);
  return pool;
}

/**
 * One session of its own, outside any pool, for what lives as long as the session does (an
 * advisory lock). `onError` hears of its loss (the server ended it, the network went): listening
 * before connecting, so no 'error' event can go unheard.
 */
export async function connectSession(settings: PostgresSettings, onError: (error: Error) => void): Promise<pg.Client> {
  const client = new pg.Client(connectionConfig(settings));
  client.on('error', onError);
  await client.connect();
  return client;
}

/** The URL without its password, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable URL)';
  }
}
