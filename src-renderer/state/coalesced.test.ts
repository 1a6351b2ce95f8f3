import { describe, expect, it } from 'vitest';
import { coalesced } from './coalesced.js';

describe('coalesced', () => {
  it('folds calls made during a run into one more run', async () => {
    let runs = 0;
    const releases: (() => void)[] = [];
    const task = coalesced(
      () =>
        new Promise<void>((resolve) => {
          runs += 1;
          releases.push(resolve);
        }),
    );
    const first = task();
    void task();
    void task();
    expect(runs).toBe(1);
    releases[0]?.();
    await Promise.resolve();
    await Promise.resolve();
    expect(runs).toBe(2);
    releases[1]?.();
    await first;
    expect(runs).toBe(2);
  });

  it('runs again when called after a run finished', async () => {
    let runs = 0;
    const task = coalesced(async () => {
      runs += 1;
    });
    await task();
    await task();
    expect(runs).toBe(2);
  });
});
