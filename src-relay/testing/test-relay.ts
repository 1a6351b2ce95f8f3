import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Conversation } from '../../src-shared/domain/model.js';
import type { LoginResponse } from '../../src-shared/protocol/auth.js';
import { RelayFrame, SYNC_PATH } from '../../src-shared/protocol/sync.js';
import type { PasswordCost } from '../auth/passwords.js';
import { seedTenant, type TenantSeed } from '../demo/seed.js';
import { createRelayCore, type RelayCore } from '../relay-core.js';
import { createTestSchema, TEST_DATABASE_URL } from '../../src-node/testing/postgres-schema.js';
import { isPostgresUrl } from '../storage/open-relay-storage.js';
import { openSqliteStorage } from '../storage/sqlite/sqlite-storage.js';
import { openingStorage } from './opening-storage.js';
import { SocketClient } from './socket-client.js';

/** Cheap scrypt for test tenants only; the relay's own default stays strong. */
export const TEST_PASSWORD_COST: PasswordCost = { logN: 10, r: 8, p: 1 };
export const TEST_PASSWORD = 'correct horse';

/** A small company for tests: two teams, two agents in team A, one in team B, a supervisor of A, an admin. */
export const ACME: TenantSeed = {
  tenant: { id: 'acme', name: 'Acme' },
  password: TEST_PASSWORD,
  teams: [
    { id: 'team-a', name: 'Team A', languages: ['en', 'de'] },
    { id: 'team-b', name: 'Team B', languages: ['ja'] },
  ],
  agents: [
    { id: 'ann', email: 'ann@acme.test', name: 'Ann', role: 'agent', language: 'en', teams: ['team-a'] },
    { id: 'bob', email: 'bob@acme.test', name: 'Bob', role: 'agent', language: 'de', teams: ['team-a'] },
    { id: 'cid', email: 'cid@acme.test', name: 'Cid', role: 'agent', language: 'ja', teams: ['team-b'] },
    { id: 'sue', email: 'sue@acme.test', name: 'Sue', role: 'supervisor', language: 'en', teams: ['team-a'] },
    { id: 'root', email: 'root@acme.test', name: 'Root', role: 'admin', language: 'en', teams: [] },
  ],
  customers: [],
  conversations: [],
};

/** Another company on the same relay, for checks that one company never reaches another's agents. */
export const GLOBEX: TenantSeed = {
  tenant: { id: 'globex', name: 'Globex' },
  password: TEST_PASSWORD,
  teams: [{ id: 'globex-team', name: 'Globex Team', languages: ['en'] }],
  agents: [{ id: 'gil', email: 'gil@globex.test', name: 'Gil', role: 'agent', language: 'en', teams: ['globex-team'] }],
  customers: [],
  conversations: [],
};

/**
 * `RELAY_TEST_STORAGE=postgres` runs the relay's tests on PostgreSQL (RELAY_TEST_DATABASE_URL, else
 * the local server): each test database is then a fresh schema, dropped by `remove`. Without it,
 * a temporary SQLite file.
 */
export const TEST_STORAGE: 'sqlite' | 'postgres' = process.env.RELAY_TEST_STORAGE === 'postgres' ? 'postgres' : 'sqlite';

export interface TempDatabase {
  /** What a relay opens (startRelay's dbPath, openRelayStorage): a file, or a postgres:// URL to the schema. */
  dbPath: string;
  remove(): Promise<void>;
}

/** A database of the test's own, on the storage the tests run on (TEST_STORAGE). */
export async function tempDatabase(storage: 'sqlite' | 'postgres' = TEST_STORAGE): Promise<TempDatabase> {
  if (storage === 'sqlite') {
    const file = tempSqliteFile();
    return { dbPath: file.dbPath, remove: async () => file.remove() };
  }
  const schema = await createTestSchema();
  return { dbPath: urlOfSchema(schema.name), remove: () => schema.drop() };
}

/** A temporary SQLite file, whatever TEST_STORAGE says: for the SQLite adapter's own tests. */
export function tempSqliteFile(): { dbPath: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'relay-test-'));
  return { dbPath: path.join(dir, 'relay.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A postgres:// URL whose connections work in `schema`. */
function urlOfSchema(schema: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/**
 * A core over an open storage, for tests that drive the relay without sockets. On PostgreSQL
 * (TEST_STORAGE) ':memory:' is a fresh schema, dropped when the storage closes, and the storage
 * opens in the background: its calls wait for it.
 */
export function testCore(dbPath = ':memory:', now: () => number = Date.now): RelayCore {
  // A postgres:// location is PostgreSQL whatever the tests run on; ':memory:' follows TEST_STORAGE.
  const onPostgres = isPostgresUrl(dbPath) || (dbPath === ':memory:' && TEST_STORAGE === 'postgres');
  const storage = onPostgres ? openingStorage(dbPath) : openSqliteStorage(dbPath);
  return createRelayCore(storage, {
    now,
    tokenTtlMs: 60_000,
    reportError: (where, error) => {
      throw new Error(`unexpected relay error in ${where}: ${String(error)}`);
    },
  });
}

/** Writes a tenant into a database file that a relay then opens. */
export async function seedDatabase(dbPath: string, seed: TenantSeed = ACME): Promise<void> {
  const core = testCore(dbPath);
  try {
    await seedTenant(core, seed, TEST_PASSWORD_COST);
  } finally {
    await core.store.close();
  }
}

export async function login(relayUrl: string, email: string, password = TEST_PASSWORD): Promise<LoginResponse> {
  const response = await fetch(`${relayUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`login of ${email} failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as LoginResponse;
}

/** Acme seeded in memory, with its customer "cust" (Kim) for `addTestConversation`. */
export async function acmeCore(now: () => number): Promise<RelayCore> {
  const core = testCore(':memory:', now);
  await seedTenant(core, ACME, TEST_PASSWORD_COST);
  await core.store.conversations.insertCustomer('acme', { id: 'cust', name: 'Kim', language: 'en', market: null, createdAt: 0 });
  return core;
}

/** A conversation of Acme's team A with customer "cust" (see `acmeCore`), logged as the relay would. */
export async function addTestConversation(core: RelayCore, id: string, assigneeId: string | null, over: Partial<Conversation> = {}): Promise<Conversation> {
  const at = core.now();
  const conversation: Conversation = {
    id,
    customerId: 'cust',
    customerName: 'Kim',
    channel: 'webchat',
    teamId: 'team-a',
    assigneeId,
    status: 'open',
    language: 'en',
    market: null,
    createdAt: at,
    updatedAt: at,
    lastMessageAt: at,
    lastMessagePreview: '',
    ...over,
  };
  await core.commit('acme', (changes) => changes.addConversation(conversation));
  return conversation;
}

/** An agent's desk signed in over /sync, so routing sees them connected; the caller closes it. */
export async function connectDesk(relayUrl: string, email: string): Promise<SocketClient<RelayFrame>> {
  const { token } = await login(relayUrl, email);
  const desk = await SocketClient.open(relayUrl.replace(/^http/, 'ws') + SYNC_PATH, RelayFrame);
  desk.send({ type: 'hello', token, clientId: `${email}-desk` });
  await desk.expect('welcome', []);
  return desk;
}
