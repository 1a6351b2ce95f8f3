import { describe, expect, it } from 'vitest';
import type { DrainOutcome } from './drain.js';
import { shutDown, type Stoppable } from './shutdown.js';

function fakeRelay(left: DrainOutcome, closeFails = false): Stoppable & { steps: string[] } {
  const steps: string[] = [];
  return {
    steps,
    async drain(timeoutMs) {
      steps.push(`drain ${timeoutMs}`);
      return left;
    },
    async close() {
      steps.push('close');
      if (closeFails) throw new Error('the database is locked');
    },
  };
}

async function run(relay: Stoppable): Promise<{ logged: string[]; exitCode: number | null }> {
  const logged: string[] = [];
  let exitCode: number | null = null;
  await shutDown(relay, 'SIGTERM', { drainTimeoutMs: 10_000, log: (message) => logged.push(message), exit: (code) => (exitCode = code) });
  return { logged, exitCode };
}

describe('shutdown', () => {
  it('drains, then closes, then exits 0', async () => {
    const relay = fakeRelay({ requests: 0, sockets: 0 });
    const { logged, exitCode } = await run(relay);
    expect(relay.steps).toEqual(['drain 10000', 'close']);
    expect(exitCode).toBe(0);
    expect(logged).toEqual(['\nSIGTERM: draining the relay (up to 10000 ms)…']);
  });

  it('says what the drain cut off, and still exits 0', async () => {
    const { logged, exitCode } = await run(fakeRelay({ requests: 2, sockets: 1 }));
    expect(logged.at(-1)).toBe('Drain time over: cut off 2 request(s) and 1 socket(s) still open.');
    expect(exitCode).toBe(0);
  });

  it('exits 1 when the relay does not close cleanly', async () => {
    const { logged, exitCode } = await run(fakeRelay({ requests: 0, sockets: 0 }, true));
    expect(logged.at(-1)).toContain('the database is locked');
    expect(exitCode).toBe(1);
  });
});
