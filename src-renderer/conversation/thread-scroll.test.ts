import { describe, expect, it } from 'vitest';
import { scrollMoveFor, type ThreadSnapshot } from './thread-scroll.js';

const shown: ThreadSnapshot = { conversationId: 'c1', firstId: 'm1', lastId: 'm9', scrollHeight: 2000, atBottom: false };

describe('scrollMoveFor', () => {
  it('starts a newly opened thread at the bottom', () => {
    expect(scrollMoveFor(shown, { ...shown, conversationId: 'c2' }, false)).toEqual({ kind: 'bottom' });
    expect(scrollMoveFor({ ...shown, firstId: null, lastId: null }, shown, false)).toEqual({ kind: 'bottom' });
  });

  it('keeps the reading position when older messages arrive on top', () => {
    expect(scrollMoveFor(shown, { ...shown, firstId: 'm0', scrollHeight: 2600 }, false)).toEqual({ kind: 'by', pixels: 600 });
  });

  it('follows new messages only when at the bottom or when the agent wrote them', () => {
    const newer = { ...shown, lastId: 'm10', scrollHeight: 2100 };
    expect(scrollMoveFor(shown, newer, false)).toEqual({ kind: 'stay' });
    expect(scrollMoveFor({ ...shown, atBottom: true }, newer, false)).toEqual({ kind: 'bottom' });
    expect(scrollMoveFor(shown, newer, true)).toEqual({ kind: 'bottom' });
  });

  it('stays pinned to the bottom when the newest message grows', () => {
    expect(scrollMoveFor({ ...shown, atBottom: true }, { ...shown, scrollHeight: 2040 }, false)).toEqual({ kind: 'bottom' });
    expect(scrollMoveFor(shown, { ...shown, scrollHeight: 2040 }, false)).toEqual({ kind: 'stay' });
  });
});
