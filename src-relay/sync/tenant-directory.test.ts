import { describe, expect, it } from 'vitest';
import { directoryVersion, TenantDirectories, type TenantDirectory } from './tenant-directory.js';

const ann = { id: 'ann', name: 'Ann', role: 'agent' as const, teamIds: ['team-a'] };
const teamA = { id: 'team-a', name: 'Team A' };

describe('directoryVersion', () => {
  it('changes with a renamed team, a colleague added or moved, and the tenant; not otherwise', () => {
    const base = directoryVersion('acme', [ann], [teamA]);
    expect(directoryVersion('acme', [{ ...ann }], [{ ...teamA }])).toBe(base);
    expect(directoryVersion('acme', [ann], [{ ...teamA, name: 'Team Alpha' }])).not.toBe(base);
    expect(directoryVersion('acme', [ann, { ...ann, id: 'bob', name: 'Bob' }], [teamA])).not.toBe(base);
    expect(directoryVersion('acme', [{ ...ann, teamIds: [] }], [teamA])).not.toBe(base);
    expect(directoryVersion('acme', [{ ...ann, role: 'supervisor' }], [teamA])).not.toBe(base);
    expect(directoryVersion('globex', [ann], [teamA])).not.toBe(base);
  });
});

describe('TenantDirectories', () => {
  /** A read per call, each finished by hand, numbered in the order they started. */
  function scriptedReads() {
    const started: { tenantId: string; finish: () => void }[] = [];
    const read = (tenantId: string) =>
      new Promise<TenantDirectory>((resolve) => {
        const number = started.length + 1;
        started.push({ tenantId, finish: () => resolve({ version: `${tenantId}-${number}`, colleagues: [], teams: [] }) });
      });
    return { started, directories: new TenantDirectories(read) };
  }

  it('gives the hellos that arrive during a read one shared read that starts after them', async () => {
    const { started, directories } = scriptedReads();
    const first = directories.current('acme');
    const second = directories.current('acme');
    const third = directories.current('acme');
    const other = directories.current('globex');
    expect(started.map((r) => r.tenantId)).toEqual(['acme', 'globex']);

    started[0]!.finish();
    expect((await first).version).toBe('acme-1');
    await new Promise((resolve) => setImmediate(resolve));
    // The second and third arrived while read 1 ran, which may have missed a change made just before them.
    expect(started.map((r) => r.tenantId)).toEqual(['acme', 'globex', 'acme']);
    started[2]!.finish();
    expect([(await second).version, (await third).version]).toEqual(['acme-3', 'acme-3']);
    started[1]!.finish();
    expect((await other).version).toBe('globex-2');

    // Nothing running: the next hello starts its own read.
    const later = directories.current('acme');
    expect(started).toHaveLength(4);
    started[3]!.finish();
    expect((await later).version).toBe('acme-4');
  });

  it('lets a failed read fail only its own hellos', async () => {
    let calls = 0;
    const directories = new TenantDirectories(async () => {
      calls += 1;
      if (calls === 1) throw new Error('database away');
      return { version: 'v', colleagues: [], teams: [] };
    });
    await expect(directories.current('acme')).rejects.toThrow('database away');
    await expect(directories.current('acme')).resolves.toMatchObject({ version: 'v' });
  });
});
