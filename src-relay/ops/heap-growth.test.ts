import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HEAP_GROWTH_PERCENT, heapGrowthPercentFromEnv } from './heap-growth.js';

const churn = path.join(path.dirname(fileURLToPath(import.meta.url)), '../testing/heap-churn.ts');

/** Full collections V8 makes over the same churn in a fresh node, with the relay's setting `percent` applied. */
function fullCollections(percent: number, nodeFlags: string[] = []): number {
  const out = execFileSync(process.execPath, [...nodeFlags, '--import', 'tsx', churn, String(percent)], { encoding: 'utf8' });
  return (JSON.parse(out.trim().split('\n').at(-1)!) as { fullCollections: number }).fullCollections;
}

describe('RELAY_HEAP_GROWTH_PERCENT', () => {
  it('defaults to the measured setting, takes 0 for V8 its own choice, and refuses anything else plainly', () => {
    expect(heapGrowthPercentFromEnv({})).toBe(DEFAULT_HEAP_GROWTH_PERCENT);
    expect(heapGrowthPercentFromEnv({ RELAY_HEAP_GROWTH_PERCENT: '' })).toBe(DEFAULT_HEAP_GROWTH_PERCENT);
    expect(heapGrowthPercentFromEnv({ RELAY_HEAP_GROWTH_PERCENT: '0' })).toBe(0);
    expect(heapGrowthPercentFromEnv({ RELAY_HEAP_GROWTH_PERCENT: '50' })).toBe(50);
    for (const bad of ['-1', '1.5', '401', 'thirty', '30%']) {
      expect(() => heapGrowthPercentFromEnv({ RELAY_HEAP_GROWTH_PERCENT: bad })).toThrow(`RELAY_HEAP_GROWTH_PERCENT must be a whole number from 0 (V8's own choice) to 400, not "${bad}".`);
    }
  });

  it('set at run time, makes V8 collect the old generation before the heap has grown far past what lives', () => {
    const ownChoice = fullCollections(0);
    const tight = fullCollections(10);
    expect(tight).toBeGreaterThan(ownChoice * 2);
  });

  it("leaves a growth given on node's own command line to the operator", () => {
    const operators = fullCollections(10, ['--heap-growing-percent=200']);
    const tight = fullCollections(10);
    expect(operators * 2).toBeLessThan(tight);
  });
});
