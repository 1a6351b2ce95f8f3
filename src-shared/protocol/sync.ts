import { TranslationRoutes } from '../domain/translation-routes.js';
import { z } from 'zod';
import { AgentCallFrame, RelayCallFrame } from './voice.js';
import { Agent, Article, AwayReason, ChannelDelivery, Colleague, TeamName, Conversation, Id, Message, Presence, Timestamp } from '../domain/model.js';
import { MutationBody } from './mutations/index.js';
import { CustomerMerge, CustomerProfile } from '../domain/customers.js';

/**
 * Relay <-> workstation sync over one WebSocket (docs/architecture.md, "Sync protocol").
 * Every frame is JSON and is parsed with these schemas on arrival.
 */

export const SYNC_PATH = '/sync';
const DIRECTORY_VERSION_MAX = 128;
export const PULL_PAGE_MAX = 1000;

// ---- events: the tenant log ----

export const ConversationUpserted = z.object({
  type: z.literal('conversation.upserted'),
  conversation: Conversation,
});
export const MessageCreated = z.object({
  type: z.literal('message.created'),
  message: Message,
});
/**
 * A customer's data was erased (GDPR and alike), or the company's retention period for the
 * conversation ran out (`reason: 'retention'`): every copy of the conversation must go.
 */
export const ConversationErased = z.object({
  type: z.literal('conversation.erased'),
  conversationId: Id,
  reason: z.literal('retention').optional(),
});
/** A knowledge-base article was written or changed; every workstation of the tenant keeps a copy. */
export const ArticleSaved = z.object({
  type: z.literal('article.saved'),
  article: Article,
});
/**
 * A note named this colleague. Only they get it, whether or not they may see the conversation:
 * the note and the customer's name, nothing more of the conversation.
 */
export const NoteMentioned = z.object({
  type: z.literal('note.mentioned'),
  mentionedId: Id,
  customerName: z.string(),
  message: Message,
});
/** How far a messaging provider took an agent's reply (sent, delivered, read, failed); placed like the message. */
export const MessageDelivery = z.object({
  type: z.literal('message.delivery'),
  messageId: Id,
  conversationId: Id,
  delivery: ChannelDelivery,
});
/** A customer's identities or merge suggestions changed; logged at each of their conversations. */
export const CustomerUpdated = z.object({
  type: z.literal('customer.updated'),
  customer: CustomerProfile,
});
/** An agent merged two customers: the target holds the source's conversations and identities now; logged at each of the target's conversations. */
export const CustomerMerged = z.object({
  type: z.literal('customer.merged'),
  merge: CustomerMerge,
  customer: CustomerProfile,
});
/** A merge was undone: both customers as they are again; logged at each conversation of either. */
export const CustomerUnmerged = z.object({
  type: z.literal('customer.unmerged'),
  mergeId: Id,
  source: CustomerProfile,
  target: CustomerProfile,
});
export const EventData = z.discriminatedUnion('type', [ConversationUpserted, MessageCreated, ConversationErased, ArticleSaved, NoteMentioned, MessageDelivery, CustomerUpdated, CustomerMerged, CustomerUnmerged]);
export type EventData = z.infer<typeof EventData>;

export const SyncEvent = z.object({
  seq: z.number().int().positive(),
  at: Timestamp,
  data: EventData,
});
export type SyncEvent = z.infer<typeof SyncEvent>;

// ---- mutations: what a client asks the relay to do (one schema per kind in ./mutations) ----

export const Mutation = z.object({
  /** Rises by one per client; the relay applies each id once, in order. */
  mutationId: z.number().int().positive(),
  createdAt: Timestamp,
  body: MutationBody,
});
export type Mutation = z.infer<typeof Mutation>;

export const RejectionCode = z.enum(['not_found', 'forbidden', 'conflict', 'invalid']);
export type RejectionCode = z.infer<typeof RejectionCode>;

/** Why a mutation lost to what happened meanwhile (code `conflict`, or `not_found` for erased). */
export const ConflictReason = z.enum(['reassigned', 'resolved', 'erased', 'taken', 'edited', 'lapsed']);
export type ConflictReason = z.infer<typeof ConflictReason>;

export const Rejection = z.object({
  mutationId: z.number().int().positive(),
  code: RejectionCode,
  message: z.string(),
  reason: ConflictReason.optional(),
  /** Who holds the conversation now, when that is why. */
  otherAgentName: z.string().nullable().optional(),
});
export type Rejection = z.infer<typeof Rejection>;

// ---- client -> relay ----

export const HelloFrame = z.object({
  type: z.literal('hello'),
  token: z.string().min(1).max(512),
  /** Stable per installation; mutation ids are counted per client. */
  clientId: Id,
  /** The `directoryVersion` of the directory this desk holds; absent from desks that predate it, or that hold none. */
  directoryVersion: z.string().min(1).max(DIRECTORY_VERSION_MAX).optional(),
});
export const PushFrame = z.object({
  type: z.literal('push'),
  mutations: z.array(Mutation).min(1).max(500),
});
export const PullFrame = z.object({
  type: z.literal('pull'),
  cursor: z.number().int().nonnegative(),
  limit: z.number().int().positive().max(PULL_PAGE_MAX).optional(),
});
/** Full resync, page by page in conversation id order, after a `reset`. */
export const SnapshotRequestFrame = z.object({
  type: z.literal('snapshot'),
  /** The last conversation id of the previous page; null for the first page. */
  after: Id.nullable(),
  limit: z.number().int().positive().max(500).optional(),
});
/**
 * What the desk's installed models can translate: sent after each welcome and whenever a model is
 * installed. Best effort, like presence; the relay keeps it while the desk is connected and routes
 * by it ("would translate on-device" means a model is installed, not a profile flag).
 */
export const TranslationRoutesFrame = z.object({
  type: z.literal('translation-routes'),
  routes: TranslationRoutes,
});
export const ClientFrame = z.discriminatedUnion('type', [HelloFrame, PushFrame, PullFrame, SnapshotRequestFrame, TranslationRoutesFrame, ...AgentCallFrame.options]);
export type ClientFrame = z.infer<typeof ClientFrame>;

// ---- relay -> client ----

export const WelcomeFrame = z.object({
  type: z.literal('welcome'),
  agent: Agent,
  /** The last mutation id of this client that the relay has applied. */
  lastMutationId: z.number().int().nonnegative(),
  /** Highest seq in the tenant log now. */
  headSeq: z.number().int().nonnegative(),
  /**
   * Names the directory (colleagues and teams) as the relay holds it now; absent from relays that
   * predate it. The directory itself comes only when the hello named another version, or none,
   * so a sign-in storm does not carry the whole tenant to every desk.
   */
  directoryVersion: z.string().min(1).max(DIRECTORY_VERSION_MAX).optional(),
  /** Everyone in the tenant, for @mentions; absent when the desk's copy is current, and from relays that predate them. */
  colleagues: z.array(Colleague).optional(),
  /** The tenant's teams, for transfers; sent and left out with `colleagues`. */
  teams: z.array(TeamName).optional(),
});
export const AckFrame = z.object({
  type: z.literal('ack'),
  /** Every mutation up to this id is applied (or rejected) and durable. */
  lastMutationId: z.number().int().nonnegative(),
  rejections: z.array(Rejection),
});
/**
 * Events visible to this client with `from < seq <= to`, and nothing else visible in that range.
 * A pull answer and a live push have the same shape; a client applies a frame only when
 * `from` equals its cursor, then sets its cursor to `to`.
 */
export const EventsFrame = z.object({
  type: z.literal('events'),
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  events: z.array(SyncEvent),
  /** True when the answer to a pull stopped at a page boundary. */
  hasMore: z.boolean(),
});
export type EventsFrame = z.infer<typeof EventsFrame>;
/** Best effort, carries no seq (docs/architecture.md, "Sync protocol", point 9). */
export const PresenceFrame = z.object({
  type: z.literal('presence'),
  agentId: Id,
  presence: Presence,
  /** Why away, when said; when after-call work ends. Absent from relays that predate them. */
  reason: AwayReason.nullable().default(null),
  until: Timestamp.nullable().default(null),
});
/** Where everyone in the tenant stands, sent once after the welcome: one frame, not one per colleague. */
export const PresencesFrame = z.object({
  type: z.literal('presences'),
  agents: z.array(PresenceFrame.omit({ type: true })),
});
/**
 * Answer to a pull whose cursor is older than the retained log (or ahead of it, after a relay
 * restore): the client must resync from a snapshot, then pull from the first page's `asOfSeq`.
 */
export const ResetFrame = z.object({
  type: z.literal('reset'),
  headSeq: z.number().int().nonnegative(),
  /** Events with seq <= floorSeq are no longer kept. */
  floorSeq: z.number().int().nonnegative(),
});
export const SnapshotPageFrame = z.object({
  type: z.literal('snapshot'),
  /** The log head when this page was read; pull from the first page's value when done. */
  asOfSeq: z.number().int().nonnegative(),
  conversations: z.array(Conversation),
  /** Every message of the conversations on this page, oldest first. */
  messages: z.array(Message),
  nextAfter: Id.nullable(),
  /** Conversations visible to this client in all, for progress. */
  total: z.number().int().nonnegative(),
  /** Every article of the tenant, on the first page only. */
  articles: z.array(Article).default([]),
  /** The customers of this page's conversations; absent from relays that predate identities. */
  customers: z.array(CustomerProfile).default([]),
});
export const ErrorCode = z.enum(['bad_frame', 'unauthorized', 'expired', 'internal']);
export const ErrorFrame = z.object({
  type: z.literal('error'),
  code: ErrorCode,
  message: z.string(),
});
export const RelayFrame = z.discriminatedUnion('type', [WelcomeFrame, AckFrame, EventsFrame, PresenceFrame, PresencesFrame, ResetFrame, SnapshotPageFrame, ErrorFrame, ...RelayCallFrame.options]);
export type RelayFrame = z.infer<typeof RelayFrame>;

/** Close codes the relay uses; 4xxx are application codes per RFC 6455. */
export const CLOSE_UNAUTHORIZED = 4001;
export const CLOSE_BAD_FRAME = 4002;
