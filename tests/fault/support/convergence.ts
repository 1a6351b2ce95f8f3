import path from 'node:path';
import { expect } from 'vitest';
import { Workstation, type CacheSnapshot } from '../../../src-main/core/workstation.js';
import { waitFor } from '../../support/wait.js';

export const FAST_SYNC = { backoff: { baseMs: 20, capMs: 200 }, pingIntervalMs: 1_000, handshakeTimeoutMs: 2_000 };

/** What must agree between two caches of the same agent: conversations and each thread, in order. */
export function view(snapshot: CacheSnapshot): { conversations: unknown[]; threads: Record<string, unknown[]> } {
  const conversations = [...snapshot.conversations].sort((a, b) => a.id.localeCompare(b.id)).map((c) => [c.id, c.status, c.assigneeId]);
  const threads: Record<string, unknown[]> = {};
  for (const m of snapshot.messages) (threads[m.conversationId] ??= []).push([m.id, m.body]);
  return { conversations, threads };
}

/** A workstation signed in as `email` on an empty cache; once caught up it shows what the relay holds for that agent. */
export async function openOracle(dir: string, relayUrl: string, email: string, name = 'oracle'): Promise<Workstation> {
  const oracle = Workstation.open({ dbPath: path.join(dir, `${name}-${email}.sqlite`), relayUrl, syncTiming: FAST_SYNC, log: () => undefined });
  try {
    await oracle.handlers['session.login']({ email, password: 'demo1234' });
    await waitFor(`${name} for ${email} online`, async () => (await oracle.handlers['session.get']({})).connection.state === 'online', 20_000);
  } catch (error) {
    await oracle.close();
    throw error;
  }
  return oracle;
}

/** The long-running client shows exactly what a fresh client catching up from zero shows, and nothing is left pending. */
export async function expectConverged(what: string, client: () => CacheSnapshot | Promise<CacheSnapshot>, oracle: Workstation): Promise<void> {
  let last: { client: CacheSnapshot; oracle: CacheSnapshot } | undefined;
  await waitFor(
    `${what} to converge with a fresh client`,
    async () => {
      last = { client: await client(), oracle: oracle.snapshot() };
      return last.client.outboxCount === 0 && JSON.stringify(view(last.client)) === JSON.stringify(view(last.oracle));
    },
    20_000,
  ).catch(() => undefined);
  expect(last, what).toBeDefined();
  expect(view(last!.client), what).toEqual(view(last!.oracle));
  expect(last!.client.outboxCount, what).toBe(0);
  expect(last!.client.messages.filter((m) => m.delivery !== 'sent').map((m) => [m.body, m.delivery]), what).toEqual([]);
  expect(last!.oracle.messages.filter((m) => m.delivery !== 'sent'), what).toEqual([]);
  // No message twice in either cache.
  for (const snapshot of [last!.client, last!.oracle]) {
    const ids = snapshot.messages.map((m) => m.id);
    expect(new Set(ids).size, what).toBe(ids.length);
  }
}
