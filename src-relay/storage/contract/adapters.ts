import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe } from 'vitest';
import { createTestSchema, postgresAvailable } from '../../../src-node/testing/postgres-schema.js';
import type { RelayStorage } from '../port/relay-storage.js';
import { openPostgresStorage } from '../postgres/postgres-storage.js';
import { openSqliteStorage } from '../sqlite/sqlite-storage.js';

/** An adapter opened on a database of its own, and how to remove that database. */
interface OpenedAdapter {
  storage: RelayStorage;
  remove(): Promise<void>;
}

interface Adapter {
  name: string;
  /** False when its database server cannot be reached (PostgreSQL skips loudly; fails under CI=true). */
  available: boolean;
  open(): Promise<OpenedAdapter>;
}

const sqlite: Adapter = {
  name: 'SQLite',
  available: true,
  async open() {
    const dir = mkdtempSync(path.join(tmpdir(), 'relay-contract-'));
    const storage = openSqliteStorage(path.join(dir, 'relay.sqlite'));
    return {
      storage,
      async remove() {
        await storage.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgres: Adapter = {
  name: 'PostgreSQL',
  available: await postgresAvailable(),
  async open() {
    const schema = await createTestSchema();
    const storage = await openPostgresStorage(schema.settings);
    return {
      storage,
      async remove() {
        await storage.close();
        await schema.drop();
      },
    };
  },
};

export const ADAPTERS: readonly Adapter[] = [sqlite, postgres];

/**
 * The storage contract: `define`'s tests run once per adapter, each test on a fresh SQLite file
 * or a fresh PostgreSQL schema, removed afterwards. `storage()` is the current test's storage.
 */
export function describeStorage(title: string, define: (storage: () => RelayStorage) => void): void {
  for (const adapter of ADAPTERS) {
    describe.skipIf(!adapter.available)(`${title} on ${adapter.name}`, () => {
      let opened: OpenedAdapter | undefined;
      beforeEach(async () => {
        opened = await adapter.open();
      });
      afterEach(async () => {
        await opened?.remove();
        opened = undefined;
      });
      define(() => {
        if (!opened) throw new Error('The storage is open inside a test only.');
        return opened.storage;
      });
    });
  }
}
