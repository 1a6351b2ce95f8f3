import { describe, expect, it } from 'vitest';
import { BATCH_BYTES, BATCH_MESSAGES, batchesOf, uidSet } from './folder-sync.js';

describe('batchesOf', () => {
  it('cuts runs at the message count and at the byte budget, a larger message alone', () => {
    const small = Array.from({ length: BATCH_MESSAGES + 2 }, (_, i) => ({ uid: i + 1, size: 1_000 }));
    expect(batchesOf(small).map((batch) => batch.length)).toEqual([BATCH_MESSAGES, 2]);
    const large = [
      { uid: 1, size: BATCH_BYTES / 2 },
      { uid: 2, size: BATCH_BYTES / 2 },
      { uid: 3, size: 1 },
      { uid: 4, size: BATCH_BYTES * 3 },
      { uid: 5, size: 1 },
    ];
    expect(batchesOf(large)).toEqual([[1, 2], [3], [4], [5]]);
    expect(batchesOf([])).toEqual([]);
  });
});

describe('uidSet', () => {
  it('writes runs of UIDs as ranges', () => {
    expect(uidSet([1, 2, 3, 4, 7, 9, 10])).toBe('1:4,7,9:10');
    expect(uidSet([5])).toBe('5');
  });
});
