import { createTestSchema } from '../../src-node/testing/postgres-schema.js';
import { openRelayStorage } from '../storage/open-relay-storage.js';
import type { Leases } from '../storage/port/leases.js';
import type { RelayRepositories, RelayStorage } from '../storage/port/relay-storage.js';
import { openPostgresStorage } from '../storage/postgres/postgres-storage.js';

/** Every area of the port: a record, so that an area added to the port and not here fails to compile. */
const AREA_SET: Record<keyof RelayRepositories, true> = {
  accounts: true, conversations: true, articles: true, events: true, clients: true, sla: true, ratings: true,
  channels: true, files: true, customers: true, email: true, mailboxes: true, blockedSenders: true, audit: true, channelMedia: true, privacy: true, signIns: true, retention: true, singleSignOn: true, modelSets: true,
};
const AREAS = Object.keys(AREA_SET) as (keyof RelayRepositories)[];

/**
 * A PostgreSQL storage for `testCore`, which must answer at once while PostgreSQL opens
 * asynchronously: every call waits for the opening, then goes to the real storage. ':memory:'
 * opens a fresh schema, dropped when the storage closes; a postgres:// URL opens that database.
 */
export function openingStorage(location: string): RelayStorage {
  const opening = openOn(location);
  // Every method of the area, whatever its name: the port's types say which exist. One a test
  // replaced (to step in between reads) is the test's, as on the adapters' plain objects.
  const waiting = <Area extends object>(areaOf: (storage: RelayStorage) => Area): Area =>
    new Proxy({} as Area, {
      get: (replaced, method) =>
        Reflect.has(replaced, method)
          ? Reflect.get(replaced, method)
          : (...args: unknown[]) => opening.then(({ storage }) => (areaOf(storage)[method as keyof Area] as (...args: unknown[]) => unknown)(...args)),
    });
  const repositories = Object.fromEntries(AREAS.map((area) => [area, waiting((storage) => storage[area])])) as unknown as RelayRepositories;
  return {
    ...repositories,
    transaction: (work, scope) => opening.then(({ storage }) => storage.transaction(work, scope)),
    leases: waiting<Leases>((storage) => storage.leases),
    pool: () => ({ total: 0, idle: null, waiting: null }),
    check: () => opening.then(({ storage }) => storage.check()),
    close: () => opening.then(({ close }) => close()),
  };
}

async function openOn(location: string): Promise<{ storage: RelayStorage; close(): Promise<void> }> {
  if (location !== ':memory:') {
    const storage = await openRelayStorage(location);
    return { storage, close: () => storage.close() };
  }
  const schema = await createTestSchema();
  const storage = await openPostgresStorage(schema.settings);
  return {
    storage,
    async close() {
      await storage.close();
      await schema.drop();
    },
  };
}
