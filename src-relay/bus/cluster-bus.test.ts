import { describe, expect, it } from 'vitest';
import type { LoggedEvent } from '../storage/port/events.js';
import { ClusterBus } from './cluster-bus.js';

function event(seq: number, tenantId = 't'): LoggedEvent {
  return {
    tenantId,
    seq,
    at: seq,
    conversationId: null,
    teamId: null,
    assigneeId: null,
    previousTeamId: null,
    previousAssigneeId: null,
    data: { type: 'conversation.erased', conversationId: `c${seq}` },
  };
}

const seqs = (count: number, from = 1) => Array.from({ length: count }, (_, index) => event(from + index));

/** A tenant's log as every node's storage reads it; reads can be held to stand for a slow database. */
class SharedLog {
  readonly events: LoggedEvent[] = [];
  reads: [after: number, through: number][] = [];
  failNext = false;
  private held: (() => void)[] | null = null;

  commit(count: number): LoggedEvent[] {
    const committed = seqs(count, this.events.length + 1);
    this.events.push(...committed);
    return committed;
  }

  hold(): void {
    this.held = [];
  }

  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const resume of held) resume();
  }

  range = async (_tenantId: string, after: number, through: number): Promise<LoggedEvent[]> => {
    this.reads.push([after, through]);
    if (this.held) await new Promise<void>((resolve) => this.held!.push(resolve));
    if (this.failNext) {
      this.failNext = false;
      throw new Error('database unreachable');
    }
    return this.events.filter((e) => e.seq > after && e.seq <= through);
  };
}

function node(log: SharedLog, listening = true) {
  const errors: unknown[] = [];
  const bus = new ClusterBus(log, (_where, error) => errors.push(error));
  const delivered: number[] = [];
  const committed: number[] = [];
  const pokes: number[] = [];
  const noted: number[] = [];
  bus.subscribe((_tenant, events) => delivered.push(...events.map((e) => e.seq)), () => listening);
  bus.subscribeCommits((_tenant, events) => committed.push(...events.map((e) => e.seq)));
  bus.connect({ poke: (_t, head) => pokes.push(head), noteFannedOut: (_t, head) => noted.push(head) });
  return { bus, delivered, committed, pokes, noted, errors };
}

describe('ClusterBus', () => {
  it("hands this node's commits over at once when they follow what it delivered, and pokes each", () => {
    const log = new SharedLog();
    const a = node(log);
    expect(a.bus.publish('t', log.commit(2))).toBeUndefined();
    void a.bus.publish('t', log.commit(1));
    expect(a.delivered).toEqual([1, 2, 3]);
    expect(a.pokes).toEqual([2, 3]);
    expect(a.noted).toEqual([2, 3]);
    expect(log.reads).toEqual([]);
  });

  it("reads another node's commits from what it delivered up to the head, and delivers nothing twice", async () => {
    const log = new SharedLog();
    const a = node(log);
    a.bus.startFrom(new Map([['t', 2]]));
    log.commit(4);
    await a.bus.remoteHead('t', 4);
    await a.bus.remoteHead('t', 3);
    log.commit(2);
    await a.bus.remoteHead('t', 6);
    expect(a.delivered).toEqual([3, 4, 5, 6]);
    expect(log.reads).toEqual([
      [2, 4],
      [4, 6],
    ]);
    expect(a.committed).toEqual([]);
    expect(a.pokes).toEqual([]);
  });

  it("delivers a local commit after the other nodes' events before it, and later commits after it", async () => {
    const log = new SharedLog();
    const a = node(log);
    log.commit(3); // another node's, not poked yet
    log.hold();
    const first = a.bus.publish('t', log.commit(1));
    const second = a.bus.publish('t', log.commit(2));
    expect(a.delivered).toEqual([]);
    expect(a.committed).toEqual([4, 5, 6]);
    log.release();
    await Promise.all([first, second]);
    expect(a.delivered).toEqual([1, 2, 3, 4, 5, 6]);
    expect(log.reads).toEqual([[0, 3]]);
    expect(a.noted.at(-1)).toBe(6);
  });

  it("skips its own commit when a read for another node's head already delivered it", async () => {
    const log = new SharedLog();
    const a = node(log);
    const own = log.commit(1);
    log.commit(1); // another node's, right after
    await a.bus.remoteHead('t', 2);
    await a.bus.publish('t', own);
    expect(a.delivered).toEqual([1, 2]);
    expect(a.committed).toEqual([1]);
  });

  it('reads nothing for a tenant nobody on this node listens to, and starts from the head when someone does', async () => {
    const log = new SharedLog();
    let listening = false;
    const errors: unknown[] = [];
    const bus = new ClusterBus(log, (_where, error) => errors.push(error));
    const delivered: number[] = [];
    bus.subscribe((_tenant, events) => delivered.push(...events.map((e) => e.seq)), () => listening);
    log.commit(5);
    await bus.remoteHead('t', 5);
    expect(log.reads).toEqual([]);
    listening = true;
    log.commit(1);
    await bus.remoteHead('t', 6);
    expect(log.reads).toEqual([[5, 6]]);
    expect(delivered).toEqual([6]);
  });

  it('keeps a local commit back when the read before it fails, and delivers it from the log on the retry', async () => {
    const log = new SharedLog();
    const a = node(log);
    log.commit(1);
    log.failNext = true;
    await a.bus.publish('t', log.commit(1));
    expect(a.delivered).toEqual([]);
    expect(a.errors).toHaveLength(1);
    expect(a.noted).toEqual([]);
    // The poller finds head 2 above what was noted, and asks again.
    await a.bus.remoteHead('t', 2);
    expect(a.delivered).toEqual([1, 2]);
  });

  it('rejects a remote head whose read fails, so the pokes retry it', async () => {
    const log = new SharedLog();
    const a = node(log);
    log.commit(2);
    log.failNext = true;
    await expect(a.bus.remoteHead('t', 2)).rejects.toThrow('database unreachable');
    await a.bus.remoteHead('t', 2);
    expect(a.delivered).toEqual([1, 2]);
  });

  it('keeps tenants apart: one waiting on a read does not hold another back', () => {
    const log = new SharedLog();
    const a = node(log);
    log.commit(1);
    log.hold();
    void a.bus.publish('t', log.commit(1));
    void a.bus.publish('u', [event(1, 'u')]);
    expect(a.delivered).toEqual([1]);
    log.release();
  });
});
