import { z } from 'zod';
import { Channel, CHANNELS, ConversationStatus, Id, Label, LanguageTag } from '../domain/model.js';
import { Empty } from './method-shapes.js';

/**
 * Views of the inbox beside the status tabs (issue 21): the agent's own, the unassigned ones of
 * their teams, the ones they were @mentioned in, one team, one channel, or a filter they saved.
 */

/** Where a conversation's nearest SLA target stands (domain/sla.ts `slaStateAt`); `none` when no target runs. */
export const SLA_FILTER_STATES = ['ok', 'warning', 'breached', 'none'] as const;
export const SlaFilterState = z.enum(SLA_FILTER_STATES);
export type SlaFilterState = z.infer<typeof SlaFilterState>;

/** A market as conversations carry it ("DE", "TH", "US-CA"). */
export const Market = z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'expected a market code such as "DE" or "US-CA"');

const CHOICES_MAX = 50;

/** What a saved filter asks for: every list given must match (one of its values); an empty list matches all. */
export const ConversationCriteria = z
  .object({
    statuses: z.array(ConversationStatus).max(3).default([]),
    labels: z.array(Label).max(CHOICES_MAX).default([]),
    channels: z.array(Channel).max(CHANNELS.length).default([]),
    languages: z.array(LanguageTag).max(CHOICES_MAX).default([]),
    markets: z.array(Market).max(CHOICES_MAX).default([]),
    slaStates: z.array(SlaFilterState).max(SLA_FILTER_STATES.length).default([]),
    /** Only VIP customers (true), only others (false), or both (null). */
    vip: z.boolean().nullable().default(null),
  })
  .strict();
export type ConversationCriteria = z.infer<typeof ConversationCriteria>;

export const FilterName = z.string().trim().min(1, 'Give the filter a name.').max(60, 'A filter name is at most 60 characters.');

export const SavedFilter = z.object({ id: Id, name: FilterName, criteria: ConversationCriteria });
export type SavedFilter = z.infer<typeof SavedFilter>;

/** Which conversations the inbox lists, before the status tab, channel and label narrow it. */
export const InboxView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('mine') }).strict(),
  z.object({ kind: z.literal('unassigned') }).strict(),
  z.object({ kind: z.literal('mentions') }).strict(),
  z.object({ kind: z.literal('team'), teamId: Id }).strict(),
  z.object({ kind: z.literal('channel'), channel: Channel }).strict(),
  z.object({ kind: z.literal('saved'), filterId: Id }).strict(),
]);
export type InboxView = z.infer<typeof InboxView>;

const Count = z.number().int().nonnegative();

/**
 * How many conversations each view holds. Built-in views count the open and pending ones (the
 * work in them); a saved filter counts exactly what it matches.
 */
export const ViewCounts = z.object({
  all: Count,
  mine: Count,
  unassigned: Count,
  mentions: Count,
  /** The agent's own teams, in the directory's order. */
  teams: z.array(z.object({ teamId: Id, name: z.string(), count: Count })),
  /** The channels this desk holds conversations on. */
  channels: z.array(z.object({ channel: Channel, count: Count })),
  saved: z.array(z.object({ filter: SavedFilter, count: Count })),
});
export type ViewCounts = z.infer<typeof ViewCounts>;

/** The values a filter can be composed from, as this desk's conversations carry them. */
export const FilterChoices = z.object({ labels: z.array(Label), languages: z.array(LanguageTag), markets: z.array(z.string()) });
export type FilterChoices = z.infer<typeof FilterChoices>;

export const viewsMethods = {
  'views.counts': { input: Empty, output: ViewCounts },
  'views.choices': { input: Empty, output: FilterChoices },
  /** Creates a filter (no id) or replaces one of the agent's own; names are unique per agent. */
  'views.saveFilter': {
    input: z.object({ filterId: Id.nullable().default(null), name: FilterName, criteria: ConversationCriteria }).strict(),
    output: z.object({ filter: SavedFilter }),
  },
  'views.deleteFilter': { input: z.object({ filterId: Id }).strict(), output: Empty },
} as const;

export const viewsEvents = {
  /** A view's count changed (debounced after conversations, notices and saved filters change, and as SLA clocks run). */
  'views.changed': ViewCounts,
} as const;
