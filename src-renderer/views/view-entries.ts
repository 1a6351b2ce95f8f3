import type { InboxView, ViewCounts } from '../../src-shared/api/contract.js';

/** One line of the view list: what it lists, how it is named (a catalogue key, or the team's or filter's own name) and its count. */
export interface ViewEntry {
  key: string;
  view: InboxView;
  /** A catalogue key to translate, or a name to show as it is. */
  name: { key: string } | { text: string };
  /** Null until the core has counted. */
  count: number | null;
}

export interface ViewGroup {
  id: 'views' | 'teams' | 'channels' | 'saved';
  entries: ViewEntry[];
}

/** A view as a stable key, for the list's ids and the inbox's current view. */
export function viewKey(view: InboxView): string {
  switch (view.kind) {
    case 'team':
      return `team-${view.teamId}`;
    case 'channel':
      return `channel-${view.channel}`;
    case 'saved':
      return `saved-${view.filterId}`;
    default:
      return view.kind;
  }
}

const BUILT_IN = ['all', 'mine', 'unassigned', 'mentions'] as const;

/** The view list's groups in order: the built-in views, the agent's own saved filters, their teams, the channels held here. */
export function viewGroups(counts: ViewCounts | null): ViewGroup[] {
  const entry = (view: InboxView, name: ViewEntry['name'], count: number | null): ViewEntry => ({ key: viewKey(view), view, name, count });
  return [
    { id: 'views', entries: BUILT_IN.map((kind) => entry({ kind }, { key: `views.view.${kind}` }, counts ? counts[kind] : null)) },
    { id: 'saved', entries: (counts?.saved ?? []).map((s) => entry({ kind: 'saved', filterId: s.filter.id }, { text: s.filter.name }, s.count)) },
    { id: 'teams', entries: (counts?.teams ?? []).map((team) => entry({ kind: 'team', teamId: team.teamId }, { text: team.name }, team.count)) },
    { id: 'channels', entries: (counts?.channels ?? []).map((c) => entry({ kind: 'channel', channel: c.channel }, { key: `channel.${c.channel}` }, c.count)) },
  ];
}
