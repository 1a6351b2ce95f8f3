import { randomUUID } from 'node:crypto';
import type { InboxView, SavedFilter, ViewCounts } from '../../../src-shared/api/contract.js';
import { Channel, type Agent } from '../../../src-shared/domain/model.js';
import type { ConversationSelection } from '../../store/conversation-selection.js';
import type { Cache } from '../../store/cache.js';
import { ApiFailure, type NamespaceHandlers } from '../api-router.js';
import type { CoreParts } from './core-parts.js';
import { watchCount } from './debounced-count.js';

/** Bursts of changes (a pull of 500 events) settle into one count. */
export const VIEW_COUNT_DEBOUNCE_MS = 300;
/** SLA states move with the clock alone: counts are looked at again this often. */
export const VIEW_COUNT_CLOCK_MS = 30_000;

/** The conversations an inbox view holds, for the agent; a saved filter must be the agent's own. */
export function selectionOf(cache: Cache, agent: Agent, view: InboxView): ConversationSelection {
  switch (view.kind) {
    case 'all':
      return {};
    case 'mine':
      return { assigneeId: agent.id };
    case 'unassigned':
      return { unassignedInTeams: agent.teamIds };
    case 'mentions':
      return { mentioned: true };
    case 'team':
      return { teamId: view.teamId };
    case 'channel':
      return { criteria: { statuses: [], labels: [], channels: [view.channel], languages: [], markets: [], slaStates: [], vip: null } };
    case 'saved': {
      const filter = cache.views.filter(agent.id, view.filterId);
      if (!filter) throw new ApiFailure('not_found', 'This saved filter no longer exists.');
      return { criteria: filter.criteria };
    }
  }
}

/** Every view's count for the agent: one pass for the built-in views, one query per saved filter. */
export function countViews(cache: Cache, agent: Agent, now: number): ViewCounts {
  const tally = cache.views.tally(agent.id, agent.teamIds);
  const sum = (rows: typeof tally, pick: (row: (typeof tally)[number]) => number) => rows.reduce((total, row) => total + pick(row), 0);
  const names = new Map(cache.session.teams().map((team) => [team.id, team.name]));
  const channels = [...new Set([...cache.views.channels(), ...tally.map((row) => row.channel)])].filter((c) => Channel.safeParse(c).success).sort();
  return {
    all: sum(tally, (row) => row.open),
    mine: sum(tally, (row) => row.mine),
    unassigned: sum(tally, (row) => row.unassigned),
    mentions: sum(tally, (row) => row.mentions),
    teams: agent.teamIds.map((teamId) => ({ teamId, name: names.get(teamId) ?? teamId, count: sum(tally.filter((row) => row.teamId === teamId), (row) => row.open) })),
    channels: channels.map((channel) => ({ channel: Channel.parse(channel), count: sum(tally.filter((row) => row.channel === channel), (row) => row.open) })),
    saved: cache.views.filters(agent.id).map((filter) => ({ filter, count: cache.views.count({ criteria: filter.criteria }, now) })),
  };
}

/** The inbox's views: their counts, the values filters are made of, and the agent's saved filters. */
export function viewHandlers({ cache, events, guards }: Pick<CoreParts, 'cache' | 'events' | 'guards'>): NamespaceHandlers<'views'> {
  const told = (agent: Agent) => events.emit('views.changed', countViews(cache, agent, Date.now()));
  return {
    'views.counts': async () => countViews(cache, guards.requireAgent(), Date.now()),
    'views.choices': async () => {
      guards.requireAgent();
      return cache.views.choices();
    },
    'views.saveFilter': async (params) => {
      const agent = guards.requireAgent();
      const filter: SavedFilter = { id: params.filterId ?? randomUUID(), name: params.name, criteria: params.criteria };
      const clash = cache.views.filters(agent.id).find((f) => f.name.toLocaleLowerCase() === filter.name.toLocaleLowerCase() && f.id !== filter.id);
      if (clash) throw new ApiFailure('bad_request', `You already have a filter named "${clash.name}".`);
      if (params.filterId === null) cache.views.addFilter(agent.id, filter, Date.now());
      else if (!cache.views.replaceFilter(agent.id, filter)) throw new ApiFailure('not_found', 'This saved filter no longer exists.');
      told(agent);
      return { filter };
    },
    'views.deleteFilter': async (params) => {
      const agent = guards.requireAgent();
      if (!cache.views.deleteFilter(agent.id, params.filterId)) throw new ApiFailure('not_found', 'This saved filter no longer exists.');
      told(agent);
      return {};
    },
  };
}

/**
 * Emits `views.changed` when conversations, notices or the signed-in agent change (debounced),
 * and as the clock moves SLA states on, only when a count differs from the last one told.
 * Returns the stop.
 */
export function watchViewCounts({ cache, events, log }: Pick<CoreParts, 'cache' | 'events' | 'log'>, debounceMs = VIEW_COUNT_DEBOUNCE_MS, clockMs = VIEW_COUNT_CLOCK_MS): () => void {
  const watch = watchCount<ViewCounts>(
    { log },
    {
      count: () => {
        const agent = cache.session.signIn()?.agent;
        return agent ? countViews(cache, agent, Date.now()) : null;
      },
      tell: (counts) => events.emit('views.changed', counts),
      failure: 'The inbox views could not be counted.',
      triggers: [(soon) => events.on('conversations.changed', soon), (soon) => events.on('notices.changed', soon), (soon) => events.on('session.changed', soon)],
      debounceMs,
      clockMs,
    },
  );
  const stopHearing = events.on('views.changed', (counts) => watch.told(counts));
  return () => {
    watch.stop();
    stopHearing();
  };
}
