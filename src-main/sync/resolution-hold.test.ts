import { describe, expect, it } from 'vitest';
import type { Mutation } from '../../src-shared/protocol/sync.js';
import { heldUntil, sendableNow } from './resolution-hold.js';

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
