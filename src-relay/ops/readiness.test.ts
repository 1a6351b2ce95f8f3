import { describe, expect, it } from 'vitest';
import { busProbe, databaseProbe, Readiness, type BusState, type ReadinessProbe } from './readiness.js';

const ok = (name: string): ReadinessProbe => ({ name, check: async () => undefined });
const failing = (name: string): ReadinessProbe => ({
  name,
  check: async () => {
    throw new Error(`${name} is down at 10.0.0.5:5432`);
  },
});

describe('readiness', () => {
  it('is ready when every probe answers', async () => {
    const readiness = new Readiness([ok('database'), ok('bus')], () => undefined);
    expect(await readiness.report()).toEqual({ status: 'ready', checks: { database: 'ok', bus: 'ok' } });
  });

  it('names the check that failed, and logs why without telling whoever asks', async () => {
    const logged: string[] = [];
    const readiness = new Readiness([ok('database'), failing('bus')], (probe, error) => logged.push(`${probe}: ${String(error)}`));
    const report = await readiness.report();
    expect(report).toEqual({ status: 'unready', checks: { database: 'ok', bus: 'failed' } });
    expect(JSON.stringify(report)).not.toContain('10.0.0.5');
    expect(logged).toEqual(['bus: Error: bus is down at 10.0.0.5:5432']);
  });

  it('counts a probe that does not answer in time as timed out', async () => {
    const hanging: ReadinessProbe = { name: 'database', check: () => new Promise(() => undefined) };
    const logged: string[] = [];
    const readiness = new Readiness([hanging], (probe) => logged.push(probe), 20);
    expect(await readiness.report()).toEqual({ status: 'unready', checks: { database: 'timed out' } });
    expect(logged).toEqual(['database']);
  });

  it('answers draining once the drain started, whatever the probes say', async () => {
    const readiness = new Readiness([ok('database')], () => undefined);
    expect(readiness.draining).toBe(false);
    readiness.startDraining();
    expect(readiness.draining).toBe(true);
    expect(await readiness.report()).toEqual({ status: 'draining', checks: { database: 'ok' } });
  });

  it('turns a synchronous database check into a probe', async () => {
    await expect(databaseProbe(() => undefined).check()).resolves.toBeUndefined();
    await expect(
      databaseProbe(() => {
        throw new Error('SQLITE_CANTOPEN');
      }).check(),
    ).rejects.toThrow('SQLITE_CANTOPEN');
  });

  it('takes a cluster bus as ready only while it is connected', async () => {
    const states: [BusState, boolean][] = [
      ['in_process', true],
      ['connected', true],
      ['reconnecting', false],
      ['disconnected', false],
    ];
    for (const [state, ready] of states) {
      const check = busProbe(() => state).check();
      if (ready) await expect(check).resolves.toBeUndefined();
      else await expect(check).rejects.toThrow(state);
    }
  });
});
