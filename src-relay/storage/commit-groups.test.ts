import { describe, expect, it } from 'vitest';
import { CommitLanes, runGroup, type Asked, type GroupSteps } from './commit-groups.js';

/** Steps that record what the database would have been told, and fail where a test says. */
function recordingSteps(failOn: Partial<Record<'begin' | 'commit', Error>> = {}): { said: string[]; steps: GroupSteps<string[]> } {
  const said: string[] = [];
  const step = (name: 'begin' | 'savepoint' | 'rollbackToSavepoint' | 'commit' | 'rollback') => async () => {
    said.push(name);
    if (name === 'begin' || name === 'commit') {
      const failure = failOn[name];
      if (failure) throw failure;
    }
  };
  return {
    said,
    steps: {
      begin: step('begin'),
      run: (_turn, work) => work(said),
      savepoint: step('savepoint'),
      rollbackToSavepoint: step('rollbackToSavepoint'),
      commit: step('commit'),
      rollback: step('rollback'),
      breaksGroup: (error) => error instanceof Error && error.message === 'connection lost',
      failure: (error) => error,
    },
  };
}

function asked(work: (said: string[]) => Promise<unknown>): Asked<string[]> & { settled: Promise<unknown> } {
  let resolve!: (value: unknown) => void;
  let reject!: (error: unknown) => void;
  const settled = new Promise((ok, fail) => ((resolve = ok), (reject = fail)));
  settled.catch(() => undefined);
  return { work, resolve, reject, settled };
}

describe('a commit group', () => {
  it('runs a lone transaction without savepoints', async () => {
    const { said, steps } = recordingSteps();
    const only = asked(async (log) => {
      log.push('work');
      return 'done';
    });
    await runGroup([only], steps);
    expect(said).toEqual(['begin', 'work', 'commit']);
    await expect(only.settled).resolves.toBe('done');
  });

  it('undoes a failing transaction to its savepoint and commits the others', async () => {
    const { said, steps } = recordingSteps();
    const group = [asked(async () => 'a'), asked(() => Promise.reject(new Error('refused'))), asked(async () => 'c')];
    await runGroup(group, steps);
    expect(said).toEqual(['begin', 'savepoint', 'savepoint', 'rollbackToSavepoint', 'savepoint', 'commit']);
    await expect(group[0]!.settled).resolves.toBe('a');
    await expect(group[1]!.settled).rejects.toThrow('refused');
    await expect(group[2]!.settled).resolves.toBe('c');
  });

  it('rejects every transaction, those that succeeded too, when the COMMIT fails', async () => {
    const { steps } = recordingSteps({ commit: new Error('disk full') });
    const group = [asked(async () => 'a'), asked(async () => 'b')];
    await runGroup(group, steps);
    for (const one of group) await expect(one.settled).rejects.toThrow('disk full');
  });

  it('settles nothing and rejects when the transaction cannot begin, so that the lane may try again', async () => {
    const { said, steps } = recordingSteps({ begin: new Error('connection terminated') });
    const group = [asked(async () => 'a'), asked(async () => 'b')];
    await expect(runGroup(group, steps)).rejects.toThrow('connection terminated');
    expect(said).toEqual(['begin']);
    const settled = await Promise.race([Promise.allSettled(group.map((one) => one.settled)), new Promise((resolve) => setTimeout(() => resolve('pending'), 20))]);
    expect(settled).toBe('pending');
  });

  it('rolls back the whole group when a failure breaks the transaction', async () => {
    const { said, steps } = recordingSteps();
    const group = [asked(async () => 'a'), asked(() => Promise.reject(new Error('connection lost'))), asked(async () => 'c')];
    await runGroup(group, steps);
    expect(said).toEqual(['begin', 'savepoint', 'savepoint', 'rollback']);
    for (const one of group) await expect(one.settled).rejects.toThrow('connection lost');
  });
});

describe('commit lanes', () => {
  it('group the transactions asked in one turn, and those asked while a group runs', async () => {
    const groups: number[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const lanes = new CommitLanes<null>(async (_lane, group) => {
      groups.push(group.length);
      if (groups.length === 1) await held;
      for (const one of group) one.resolve(await one.work(null));
    });
    const results = [lanes.ask('acme', async () => 1), lanes.ask('acme', async () => 2), lanes.ask('other', async () => 3)];
    await new Promise((resolve) => setTimeout(resolve, 10));
    results.push(lanes.ask('acme', async () => 4), lanes.ask('acme', async () => 5));
    release();
    expect(await Promise.all(results)).toEqual([1, 2, 3, 4, 5]);
    expect(groups).toEqual([2, 1, 2]);
  });

  it('fail a group whose lane could not start, and serve the lane afterwards', async () => {
    let calls = 0;
    const lanes = new CommitLanes<null>(async (_lane, group) => {
      calls += 1;
      if (calls === 1) throw new Error('no connection');
      for (const one of group) one.resolve(await one.work(null));
    });
    const first = lanes.ask('acme', async () => 1);
    await expect(first).rejects.toThrow('no connection');
    expect(await lanes.ask('acme', async () => 2)).toBe(2);
  });
});
