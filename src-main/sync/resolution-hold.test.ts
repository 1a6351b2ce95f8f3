import { describe, expect, it } from 'vitest';
import type { Mutation } from '../../src-shared/protocol/sync.js';
import { heldUntil, ResolutionHolds, sendableNow } from './resolution-hold.js';

const at = (mutationId: number, createdAt: number, body: Mutation['body']): Mutation => ({ mutationId, createdAt, body });
const resolve = (mutationId: number, createdAt: number, conversationId = 'c1') => at(mutationId, createdAt, { kind: 'conversation.setStatus', conversationId, status: 'resolved' });
const pend = (mutationId: number, createdAt: number) => at(mutationId, createdAt, { kind: 'conversation.setStatus', conversationId: 'c1', status: 'pending' });
const label = (mutationId: number, createdAt: number) => at(mutationId, createdAt, { kind: 'conversation.setLabels', conversationId: 'c2', labels: ['billing'] });

describe('a resolution held for its undo window', () => {
  it('holds a resolution from its own time until the window has passed, and nothing else', () => {
    expect(heldUntil(resolve(1, 10_000), 10_000, 5_000)).toBe(15_000);
    expect(heldUntil(resolve(1, 10_000), 14_999, 5_000)).toBe(15_000);
    expect(heldUntil(resolve(1, 10_000), 15_000, 5_000)).toBeNull();
    expect(heldUntil(pend(1, 10_000), 10_001, 5_000)).toBeNull();
    expect(heldUntil(label(1, 10_000), 10_001, 5_000)).toBeNull();
    // No window at all: it goes at once.
    expect(heldUntil(resolve(1, 10_000), 10_000, 0)).toBeNull();
  });

  it('lets a clock set back end the window rather than stretch it', () => {
    expect(heldUntil(resolve(1, 10_000), 9_000, 5_000)).toBeNull();
  });

  it('sends what came before the first held resolution, keeps it and all after it, and wakes when it may go', () => {
    const outbox = [label(1, 1_000), pend(2, 2_000), resolve(3, 3_000), label(4, 3_500), resolve(5, 3_700, 'c2')];
    expect(sendableNow(outbox, 4_000, 5_000)).toEqual({ sendable: outbox.slice(0, 2), wakeAt: 8_000 });
    // The first window has passed, the second not: the first goes with the label written after it.
    expect(sendableNow(outbox, 8_000, 5_000)).toEqual({ sendable: outbox.slice(0, 4), wakeAt: 8_700 });
    expect(sendableNow(outbox, 8_700, 5_000)).toEqual({ sendable: outbox, wakeAt: null });
  });

  it('has nothing to send while the oldest change is a held resolution', () => {
    expect(sendableNow([resolve(7, 100), label(8, 200)], 150, 5_000)).toEqual({ sendable: [], wakeAt: 5_100 });
    expect(sendableNow([], 150, 5_000)).toEqual({ sendable: [], wakeAt: null });
  });
});

describe('an undo window the agent pauses while on its toast', () => {
  // Resolved at 10 s with a 5 s window; a 30 s lease on a pause; at least 2 s once resumed.
  const holds = () => new ResolutionHolds(5_000, 30_000, 2_000);

  it('stands still while paused, and runs again with what it had left', () => {
    const hold = holds();
    expect(hold.pause(resolve(1, 10_000), 12_000)).toBe(3_000);
    // Long past the window's own end, still held, with a later change waiting behind it.
    expect(hold.heldUntil(resolve(1, 10_000), 20_000)).not.toBeNull();
    expect(hold.sendableNow([label(0, 9_000), resolve(1, 10_000), label(2, 11_000)], 20_000).sendable.map((m) => m.mutationId)).toEqual([0]);
    expect(hold.resume(resolve(1, 10_000), 20_000)).toBe(3_000);
    expect(hold.sendableNow([resolve(1, 10_000), label(2, 11_000)], 22_999)).toEqual({ sendable: [], wakeAt: 23_000 });
    expect(hold.sendableNow([resolve(1, 10_000), label(2, 11_000)], 23_000).sendable.map((m) => m.mutationId)).toEqual([1, 2]);
  });

  it('gives at least the short minimum once resumed, and the time paused again is not counted', () => {
    const hold = holds();
    hold.pause(resolve(1, 10_000), 14_800);
    expect(hold.resume(resolve(1, 10_000), 30_000)).toBe(2_000);
    expect(hold.pause(resolve(1, 10_000), 31_500)).toBe(500);
    expect(hold.resume(resolve(1, 10_000), 40_000)).toBe(2_000);
    expect(hold.heldUntil(resolve(1, 10_000), 41_999)).toBe(42_000);
    expect(hold.heldUntil(resolve(1, 10_000), 42_000)).toBeNull();
  });

  it('keeps what was left when a pause is renewed, and lets the resolution go when a pause is not renewed', () => {
    const hold = holds();
    hold.pause(resolve(1, 10_000), 11_000);
    expect(hold.pause(resolve(1, 10_000), 35_000)).toBe(4_000);
    // The lease runs from the last renewal; after it, the time that was left, then it goes.
    expect(hold.heldUntil(resolve(1, 10_000), 68_999)).toBe(69_000);
    expect(hold.heldUntil(resolve(1, 10_000), 69_000)).toBeNull();
  });

  it('pauses nothing that is not held, and leaves the other resolutions alone', () => {
    const hold = holds();
    expect(hold.pause(resolve(1, 10_000), 15_000)).toBeNull();
    expect(hold.pause(label(2, 10_000), 11_000)).toBeNull();
    expect(hold.resume(resolve(3, 10_000), 11_000)).toBe(4_000);
    hold.pause(resolve(4, 10_000, 'c2'), 11_000);
    expect(hold.heldUntil(resolve(5, 10_000, 'c3'), 15_000)).toBeNull();
  });

  it('forgets the pauses of changes that have gone', () => {
    const hold = holds();
    hold.pause(resolve(1, 10_000), 11_000);
    hold.forgetThrough(1);
    expect(hold.heldUntil(resolve(1, 10_000), 15_000)).toBeNull();
  });
});
