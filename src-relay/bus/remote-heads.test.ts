import { describe, expect, it } from 'vitest';
import { RemoteHeads } from './remote-heads.js';

function recorder() {
  const calls: [string, number][] = [];
  const errors: unknown[] = [];
  return { calls, errors, reportError: (error: unknown) => errors.push(error) };
}

describe('RemoteHeads', () => {
  it('calls once per new head, ignoring duplicates and heads that arrive late', async () => {
    const { calls, reportError } = recorder();
    const heads = new RemoteHeads((tenant, head) => void calls.push([tenant, head]), reportError);
    for (const head of [5, 3, 5, 7, 7, 6, 8]) {
      heads.offer('t', head);
      await heads.settled();
    }
    expect(calls).toEqual([
      ['t', 5],
      ['t', 7],
      ['t', 8],
    ]);
  });

  it('never calls for what the relay noted as fanned out', async () => {
    const { calls, reportError } = recorder();
    const heads = new RemoteHeads((tenant, head) => void calls.push([tenant, head]), reportError);
    heads.noteFannedOut('t', 10);
    expect(heads.offer('t', 10)).toBe(false);
    expect(heads.offer('t', 9)).toBe(false);
    expect(heads.offer('t', 11)).toBe(true);
    await heads.settled();
    expect(calls).toEqual([['t', 11]]);
    expect(heads.covered('t')).toBe(11);
  });

  it('keeps one call per tenant at a time and merges the heads that arrive meanwhile', async () => {
    const { calls, reportError } = recorder();
    const releases: (() => void)[] = [];
    const heads = new RemoteHeads((tenant, head) => {
      calls.push([tenant, head]);
      return new Promise<void>((resolve) => releases.push(resolve));
    }, reportError);
    heads.offer('t', 1);
    heads.offer('t', 2);
    heads.offer('t', 4);
    heads.offer('t', 3);
    heads.offer('u', 1);
    expect(calls).toEqual([
      ['t', 1],
      ['u', 1],
    ]);
    releases.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls.at(-1)).toEqual(['t', 4]);
    for (const release of releases) release();
    await heads.settled();
    expect(calls).toHaveLength(3);
  });

  it('lets a failed delivery be asked for again', async () => {
    const { calls, errors, reportError } = recorder();
    let failing = true;
    const heads = new RemoteHeads((tenant, head) => {
      calls.push([tenant, head]);
      if (failing) throw new Error('storage down');
    }, reportError);
    heads.offer('t', 5);
    await heads.settled();
    expect(errors).toHaveLength(1);
    expect(heads.covered('t')).toBe(0);
    failing = false;
    expect(heads.offer('t', 5)).toBe(true);
    await heads.settled();
    expect(calls).toEqual([
      ['t', 5],
      ['t', 5],
    ]);
    expect(heads.covered('t')).toBe(5);
  });
});
