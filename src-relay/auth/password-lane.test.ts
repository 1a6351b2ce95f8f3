import { describe, expect, it } from 'vitest';
import { PasswordLane } from './password-lane.js';

/** A check that finishes when the test says so, and notes when it started. */
function gate(started: string[], name: string): { check: () => Promise<string>; finish: () => void } {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { check: async () => { started.push(name); await done; return name; }, finish: () => finish() };
}

describe('the password lane', () => {
  it('runs a bounded number of checks at once', async () => {
    const lane = new PasswordLane(2);
    const started: string[] = [];
    const gates = ['a1', 'b1', 'c1'].map((name) => gate(started, name));
    const results = gates.map((g, i) => lane.run(`10.0.0.${i}`, false, g.check));
    await Promise.resolve();
    expect(started).toEqual(['a1', 'b1']);
    gates[0]!.finish();
    await results[0];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['a1', 'b1', 'c1']);
    gates[1]!.finish();
    gates[2]!.finish();
    expect(await Promise.all(results)).toEqual(['a1', 'b1', 'c1']);
  });

  it('lets addresses take turns, and a known address go first', async () => {
    const lane = new PasswordLane(1);
    const started: string[] = [];
    const blocker = gate(started, 'blocker');
    const running = lane.run('x', false, blocker.check);
    const flood = ['f1', 'f2', 'f3'].map((name) => lane.run('flood', false, async () => { started.push(name); return name; }));
    const other = lane.run('other', false, async () => { started.push('other'); return 'other'; });
    const known = lane.run('anywhere', true, async () => { started.push('known'); return 'known'; });
    blocker.finish();
    await Promise.all([running, ...flood, other, known]);
    expect(started).toEqual(['blocker', 'known', 'f1', 'other', 'f2', 'f3']);
  });

  it('refuses an address with too many checks waiting, and only that address', async () => {
    const lane = new PasswordLane(1, 2);
    const started: string[] = [];
    const blocker = gate(started, 'blocker');
    const running = lane.run('x', false, blocker.check);
    const waiting = [lane.run('flood', false, async () => 1), lane.run('flood', false, async () => 2)];
    expect(lane.run('flood', false, async () => 3)).toBeNull();
    const other = lane.run('other', false, async () => 4);
    expect(other).not.toBeNull();
    blocker.finish();
    expect(await Promise.all([running, ...waiting, other])).toEqual(['blocker', 1, 2, 4]);
  });

  it('passes a failed check on and keeps going', async () => {
    const lane = new PasswordLane(1);
    await expect(lane.run('a', false, () => Promise.reject(new Error('scrypt failed')))).rejects.toThrow('scrypt failed');
    expect(await lane.run('a', false, async () => 'next')).toBe('next');
  });
});
