import { describe, expect, it } from 'vitest';
import type { ViewCounts } from '../../src-shared/api/contract.js';
import { viewGroups, viewKey } from './view-entries.js';
import { viewKeyAfterG } from './view-keys.js';

describe('view keys', () => {
  it('opens the built-in views and the list after g, nothing else', () => {
    expect(['m', 'u', 'n', 'a', 'v'].map(viewKeyAfterG)).toEqual([{ open: { kind: 'mine' } }, { open: { kind: 'unassigned' } }, { open: { kind: 'mentions' } }, { open: { kind: 'all' } }, 'focus-list']);
    expect(['x', 'M', 'constructor', 'j'].map(viewKeyAfterG)).toEqual([null, null, null, null]);
  });
});

describe('view groups', () => {
  it('lists the built-in views, the saved filters, the teams and the channels with their counts', () => {
    const counts: ViewCounts = {
      all: 9,
      mine: 3,
      unassigned: 1,
      mentions: 0,
      teams: [{ teamId: 'apac', name: 'Asia Pacific', count: 5 }],
      channels: [{ channel: 'line', count: 2 }],
      saved: [{ filter: { id: 'f1', name: 'VIP', criteria: { statuses: [], labels: [], channels: [], languages: [], markets: [], slaStates: [], vip: true } }, count: 4 }],
    };
    const groups = viewGroups(counts);
    expect(groups.map((g) => g.entries.map((e) => [e.key, e.count]))).toEqual([
      [
        ['all', 9],
        ['mine', 3],
        ['unassigned', 1],
        ['mentions', 0],
      ],
      [['saved-f1', 4]],
      [['team-apac', 5]],
      [['channel-line', 2]],
    ]);
    expect(viewGroups(null)[0]?.entries.map((e) => e.count)).toEqual([null, null, null, null]);
    expect(viewKey({ kind: 'saved', filterId: 'f1' })).toBe('saved-f1');
  });
});
