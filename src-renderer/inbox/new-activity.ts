/** What the inbox has shown so far: each conversation's last message time, and the newest of all. */
export interface SeenActivity {
  newest: number;
  lastMessageAt: ReadonlyMap<string, number>;
}

interface Row {
  id: string;
  customerName: string;
  lastMessageAt: number;
}

/**
 * The conversations of a fresh inbox list that have a message the agent has not been shown: newer
 * than that conversation's last known message, or, for one not listed before, newer than anything
 * listed before (so paging down or switching filters to older work announces nothing). The open
 * conversation is left out: its thread, a live log, speaks for itself. The first list is only seen.
 */
export function newActivity<T extends Row>(seen: SeenActivity | null, rows: readonly T[], openId: string | null): { fresh: T[]; seen: SeenActivity } {
  const lastMessageAt = new Map(seen?.lastMessageAt ?? []);
  let newest = seen?.newest ?? 0;
  const fresh: T[] = [];
  for (const row of rows) {
    const before = lastMessageAt.get(row.id) ?? seen?.newest;
    if (before !== undefined && row.lastMessageAt > before && row.id !== openId) fresh.push(row);
    lastMessageAt.set(row.id, Math.max(row.lastMessageAt, lastMessageAt.get(row.id) ?? 0));
    newest = Math.max(newest, row.lastMessageAt);
  }
  return { fresh, seen: { newest, lastMessageAt } };
}
