import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stopChild, track } from './children.js';
import { freePort } from '../../support/processes.js';

/**
 * What the sync bench compares catch-up with: PouchDB replicating the same number of message
 * documents from a pouchdb-server (in a child process, in memory) into a new local database, in
 * pages of the same size as one pull page of ours.
 */

interface PouchDatabase {
  info(): Promise<{ doc_count: number }>;
  close(): Promise<void>;
}
interface PouchStatic {
  new (name: string): PouchDatabase;
  replicate(source: string, target: PouchDatabase, options?: { batch_size?: number; batches_limit?: number }): Promise<{ docs_written: number }>;
}
const requireCjs = createRequire(import.meta.url);
/** Replication batch size: 1000 documents, like one pull page of ours (PouchDB's default is 100). */
const POUCH_BATCH = 1000;
const log = (line: string): void => console.log(`[bench] ${line}`);

async function waitHttp(url: string, child: ChildProcess, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited with ${child.exitCode}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

export async function pouchCatchUp(events: number): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-pouch-'));
  let child: ChildProcess | null = null;
  let local: PouchDatabase | null = null;
  try {
    const port = await freePort();
    const bin = requireCjs.resolve('pouchdb-server/bin/pouchdb-server');
    // cwd: the temp dir, where pouchdb-server puts its config and log files.
    child = track(spawn(process.execPath, [bin, '--in-memory', '--port', String(port), '--host', '127.0.0.1'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] }));
    const base = `http://127.0.0.1:${port}`;
    await waitHttp(`${base}/`, child, 30);
    const remote = `${base}/bench`;
    const created = await fetch(remote, { method: 'PUT' });
    if (!created.ok) throw new Error(`PUT ${remote}: ${created.status}`);
    const t0 = Date.now();
    const start = Date.now() - 86_400_000;
    for (let n = 0; n < events; n += 5000) {
      const docs = [];
      for (let i = n; i < Math.min(events, n + 5000); i++) {
        docs.push({
          _id: `m${String(i).padStart(6, '0')}`, type: 'message', conversationId: `c${i % 100}`, author: 'customer', authorId: 'cust', authorName: 'Customer',
          body: `Hello, this is message number ${i}, where is my order?`, createdAt: start + i,
        });
      }
      const response = await fetch(`${remote}/_bulk_docs`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ docs }), signal: AbortSignal.timeout(120_000),
      });
      if (!response.ok) throw new Error(`_bulk_docs: ${response.status}`);
    }
    log(`pouchdb-server (pid ${String(child.pid)}) loaded with ${events} documents in ${Date.now() - t0} ms`);
    const PouchDB = requireCjs('pouchdb-node') as PouchStatic;
    local = new PouchDB(path.join(dir, 'local'));
    const begin = performance.now();
    const replication = PouchDB.replicate(remote, local, { batch_size: POUCH_BATCH });
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('PouchDB replication did not finish within 600 s')), 600_000).unref());
    await Promise.race([replication, timeout]);
    const seconds = (performance.now() - begin) / 1000;
    const { doc_count } = await local.info();
    if (doc_count !== events) throw new Error(`PouchDB replicated ${doc_count} of ${events} documents`);
    log(`PouchDB replicated ${doc_count} documents in ${seconds.toFixed(2)} s`);
    return { pouchdb_events_per_s: Math.round(events / seconds), pouchdb_batch_size: POUCH_BATCH };
  } finally {
    await local?.close();
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  }
}
