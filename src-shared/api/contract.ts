import { z } from 'zod';
import {
  Agent,
  Article,
  ArticleDraft,
  AwayReason,
  CALL_PROVIDERS,
  CallSummary,
  Colleague,
  Conversation,
  ConversationStatus,
  DeliveryState,
  Id,
  Label,
  LABELS_MAX,
  LanguageTag,
  MENTIONS_MAX,
  Message,
  MessageBody,
  Presence,
  SettablePresence,
  Team,
  TeamName,
  TimeZone,
} from '../domain/model.js';
import { AdminAgent, AdminSettings, AgentRoutingUpdate, NewAgentRequest, NewTeamRequest, RoutingSettingsUpdate, SlaPoliciesUpdate, TeamScheduleUpdate } from '../protocol/admin.js';
import { SipAccount } from '../protocol/phone-settings.js';
import { HistorySummary, LiveBoard } from '../protocol/supervisor.js';
import { TwilioTransferRequest, TwilioVoiceToken } from '../protocol/twilio-voice.js';
import { AgentCallFrame, RelayCallFrame } from '../protocol/voice.js';

/**
 * The renderer <-> core contract. Both hosts (Electron IPC, the web host's WebSocket) carry
 * exactly these methods and events, and both parse every request with these schemas.
 */

export const ConnectionState = z.enum(['signed-out', 'connecting', 'online', 'offline']);
export type ConnectionState = z.infer<typeof ConnectionState>;

export const Connection = z.object({
  state: ConnectionState,
  /** Replies and changes written here that the relay has not acknowledged yet. */
  pendingCount: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  /** When the core will try the relay again, if it is waiting. */
  retryAt: z.number().nullable(),
  /** Progress of a full resync (the cache was older than the relay's retained log), else null. */
  resync: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).nullable().default(null),
});
export type Connection = z.infer<typeof Connection>;

/**
 * Something the server decided that overrode what the agent did, told plainly (issue: the
 * server decides). The renderer words it from `kind` and the names; `detail` is the relay's text.
 */
export const NoticeKind = z.enum(['reassigned', 'resolved-elsewhere', 'erased', 'claim-lost', 'reply-not-sent', 'status-not-applied', 'change-not-applied', 'mentioned']);
export type NoticeKind = z.infer<typeof NoticeKind>;
export const Notice = z.object({
  id: Id,
  at: z.number(),
  kind: NoticeKind,
  conversationId: Id,
  /** The customer's name, kept so the notice still reads well after the conversation is gone. */
  customerName: z.string(),
  /** Who holds the conversation now, for reassigned / claim-lost; who wrote the note, for mentioned. */
  otherAgentName: z.string().nullable(),
  messageId: Id.nullable(),
  detail: z.string(),
  /** The conversation is in this workstation's cache (a mention may be about one the agent cannot see). */
  openable: z.boolean(),
});
export type Notice = z.infer<typeof Notice>;

/** A message put into another language on this machine. */
export const MessageTranslation = z.object({
  body: z.string(),
  /** The language it was translated from (detected, or the conversation's). */
  from: LanguageTag,
  to: LanguageTag,
  /** The model, or models through English: "opus-mt-es-en". */
  model: z.string(),
});
export type MessageTranslation = z.infer<typeof MessageTranslation>;

export const LocalMessage = Message.extend({
  delivery: DeliveryState,
  /** Why the relay refused a message, when delivery is `failed`. */
  deliveryError: z.string().nullable(),
  /** A customer message in the agent's language, once translated here. */
  translation: MessageTranslation.nullish(),
});
export type LocalMessage = z.infer<typeof LocalMessage>;

export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export const Sentiment = z.enum(SENTIMENTS);
export type Sentiment = z.infer<typeof Sentiment>;

/** What the customer's messages add up to, worked out on this machine. */
export const ConversationInsight = z.object({
  intent: z.string().nullable(),
  intentLabel: z.string().nullable(),
  sentiment: Sentiment,
  /** 0 normal; raised by negative sentiment. The inbox lists higher priority first. */
  priority: z.number().int().nonnegative(),
  /** The language the customer last wrote in, when it could be told (it may differ from their profile's). */
  language: z.string().nullable(),
});
export type ConversationInsight = z.infer<typeof ConversationInsight>;

export const LocalConversation = Conversation.extend({ insight: ConversationInsight.nullish() });
export type LocalConversation = z.infer<typeof LocalConversation>;

/** Where a model on this machine came from: downloaded by the user, provided by an administrator, shipped with the app. */
export const ModelSource = z.enum(['user', 'admin', 'bundled']);
export type ModelSource = z.infer<typeof ModelSource>;

export const ModelInfo = z.object({
  id: z.string(),
  task: z.enum(['translation', 'embedding']),
  /** "es → en", "100 languages", "multilingual". */
  languages: z.string(),
  licence: z.string(),
  /** On disk when installed, else the catalog's estimate. */
  sizeBytes: z.number().nonnegative(),
  state: z.enum(['installed', 'available', 'downloading']),
  folder: z.string().nullable(),
  source: ModelSource.nullable(),
  progress: z.object({ done: z.number().nonnegative(), total: z.number().nonnegative() }).nullable(),
  /** Why the last download failed. */
  error: z.string().nullable(),
});
export type ModelInfo = z.infer<typeof ModelInfo>;

const ModelList = z.object({
  models: z.array(ModelInfo),
  /** Where downloads come from: the public hub or a company mirror. */
  hubUrl: z.string(),
});

export const ArticleHit = z.object({
  article: Article.omit({ body: true }),
  /** Plain text around what matched (or the opening of the article). */
  snippet: z.string(),
});
export type ArticleHit = z.infer<typeof ArticleHit>;

export const ArticleDraftState = z.object({
  baseVersion: z.number().int().nonnegative(),
  draft: ArticleDraft,
  state: z.enum(['pending', 'refused', 'unconfirmed']),
  reason: z.string().nullable(),
});
export type ArticleDraftState = z.infer<typeof ArticleDraftState>;

export const RegionalNote = z.object({ id: z.string(), title: z.string(), body: z.string() });
export type RegionalNote = z.infer<typeof RegionalNote>;

export const CannedReplyChoice = z.object({
  id: z.string(),
  shortcut: z.string(),
  locale: z.string(),
  title: z.string(),
  /** With the conversation's values filled in. */
  body: z.string(),
});
export type CannedReplyChoice = z.infer<typeof CannedReplyChoice>;

export const ConversationListFilter = z.enum(['open', 'pending', 'resolved', 'all']);
export type ConversationListFilter = z.infer<typeof ConversationListFilter>;

const Empty = z.object({}).strict();

/** A translation, or why there is none (no model for the pair, the process failed, a newer request). */
export const TranslationOutcome = z.object({
  translation: MessageTranslation.nullable(),
  unavailable: z.enum(['same-language', 'no-model', 'failed', 'superseded']).nullable(),
  detail: z.string().nullable(),
});
export type TranslationOutcome = z.infer<typeof TranslationOutcome>;
const PageLimit = z.number().int().positive().max(200);

/** A call that ended and waits for the agent's wrap-up; kept in the cache until it is logged. */
export const PendingWrapUp = z.object({ id: Id, conversationId: Id.nullable(), call: CallSummary });
export type PendingWrapUp = z.infer<typeof PendingWrapUp>;

export const methods = {
  'session.login': {
    input: z.object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(1024) }).strict(),
    output: z.object({ agent: Agent }),
  },
  'session.logout': { input: Empty, output: Empty },
  'session.get': {
    input: Empty,
    output: z.object({ agent: Agent.nullable(), presence: Presence, connection: Connection }),
  },
  'conversations.list': {
    input: z
      .object({
        status: ConversationListFilter.default('all'),
        /** Only conversations carrying this label. */
        label: Label.nullish(),
        /** Opaque cursor from a previous page's `nextCursor`. */
        cursor: z.string().max(200).nullable().default(null),
        limit: PageLimit.default(50),
      })
      .strict(),
    output: z.object({ items: z.array(LocalConversation), nextCursor: z.string().nullable() }),
  },
  'conversations.get': {
    input: z
      .object({
        conversationId: Id,
        /** Opaque cursor from `olderCursor` to read further back. */
        before: z.string().max(200).nullable().default(null),
        limit: PageLimit.default(50),
      })
      .strict(),
    output: z.object({
      conversation: LocalConversation,
      /** Oldest first. */
      messages: z.array(LocalMessage),
      olderCursor: z.string().nullable(),
    }),
  },
  'conversations.reply': {
    input: z
      .object({
        conversationId: Id,
        /** What the customer receives. */
        body: MessageBody,
        /** When `body` is a translation: what the agent wrote, kept in the transcript beside it. */
        original: z.object({ body: MessageBody, language: LanguageTag }).strict().optional(),
      })
      .strict(),
    output: z.object({ message: LocalMessage }),
  },
  'conversations.setStatus': {
    input: z.object({ conversationId: Id, status: ConversationStatus }).strict(),
    output: z.object({ conversation: Conversation }),
  },
  'presence.set': {
    input: z.object({ presence: SettablePresence, reason: AwayReason.optional() }).strict(),
    output: z.object({ presence: Presence }),
  },
  /** The team's labels on a conversation, replacing the ones it had. */
  'conversations.setLabels': {
    input: z.object({ conversationId: Id, labels: z.array(Label).max(LABELS_MAX) }).strict(),
    output: z.object({ conversation: LocalConversation }),
  },
  /** Take the conversation offered to you, before the offer lapses; the relay decides. */
  'conversations.accept': { input: z.object({ conversationId: Id }).strict(), output: Empty },
  /** Let the offer go: it moves on to a colleague at once. */
  'conversations.decline': { input: z.object({ conversationId: Id }).strict(), output: Empty },
  /** Supervisors and admins: give a conversation of their team to a member, take it over (their own id), or put it back in the queue (null). */
  'conversations.assign': {
    input: z.object({ conversationId: Id, assigneeId: Id.nullable() }).strict(),
    output: Empty,
  },
  /** Supervisors and admins: their teams now (queues, agents, alerts), straight from the relay; online only. */
  'supervisor.live': { input: Empty, output: LiveBoard },
  /** Supervisors and admins: set a colleague's presence (of their teams). */
  'agents.setPresence': { input: z.object({ agentId: Id, presence: SettablePresence, reason: AwayReason.optional() }).strict(), output: Empty },
  /** Supervisors and admins: their teams over a period, hours in the given zone; online only. */
  'reports.summary': {
    input: z.object({ from: z.number().int().nonnegative(), to: z.number().int().positive(), timeZone: TimeZone }).strict(),
    output: HistorySummary,
  },
  /** A CSV export of the period (CSAT ratings or SLA breaches), to save as a file. */
  'reports.csv': {
    input: z.object({ report: z.enum(['csat', 'sla-breaches']), from: z.number().int().nonnegative(), to: z.number().int().positive() }).strict(),
    output: z.object({ filename: z.string(), csv: z.string() }),
  },
  /** A finished call with the agent's wrap-up code and notes, into the conversation's timeline (through the outbox). */
  'calls.log': {
    input: z.object({ conversationId: Id, call: CallSummary, notes: z.string().max(4000).default(''), wrapUpId: Id.optional() }).strict(),
    output: z.object({ message: LocalMessage }),
  },
  /** A call ended and the agent is wrapping it up: kept on the desk until `calls.log` names it. */
  'calls.awaitWrapUp': {
    input: z.object({ conversationId: Id.nullable(), call: CallSummary }).strict(),
    output: z.object({ wrapUp: PendingWrapUp }),
  },
  /** Calls of this agent still waiting for their wrap-up, oldest first (after a reload or a crash). */
  'calls.pendingWrapUps': { input: Empty, output: z.object({ wrapUps: z.array(PendingWrapUp) }) },
  /** A call rings in the softphone (any provider): the desktop shell shows a notification. */
  'calls.announce': {
    input: z.object({ remote: z.string().max(200), provider: z.enum(CALL_PROVIDERS), transferredBy: z.string().max(600).nullable() }).strict(),
    output: Empty,
  },
  /** A web call's answer, decline, signal, hold or hang-up, sent to the relay now (online only). */
  'calls.send': { input: z.object({ frame: AgentCallFrame }).strict(), output: Empty },
  /** The agent's SIP account on this desk (null: none), for the softphone to register with. */
  'phone.sipAccount': { input: Empty, output: z.object({ account: SipAccount.nullable() }) },
  /** Saves (or with null, removes) the agent's SIP account; the window reloads to let the PBX through its CSP. */
  'phone.saveSipAccount': { input: z.object({ account: SipAccount.nullable() }).strict(), output: Empty },
  /** A Twilio Voice access token from the relay; not_found when the company has no Twilio account. */
  'phone.twilioToken': { input: Empty, output: TwilioVoiceToken },
  /** Moves the customer's Twilio call (blind) to a colleague, a team's best free agent or an address; the relay's refusal comes back word for word. */
  'phone.twilioTransfer': { input: TwilioTransferRequest, output: Empty },
  /** Administrators: the company's teams, agents, SLA policies and offer setting, from the relay; online only. */
  'admin.settings': { input: Empty, output: AdminSettings },
  /** Administrators: a team's hours, holiday markets and overflow team; the next routing decision uses them. */
  'admin.saveTeamHours': { input: TeamScheduleUpdate.extend({ teamId: Id }).strict(), output: Empty },
  'admin.createTeam': { input: NewTeamRequest, output: z.object({ team: Team }) },
  'admin.createAgent': { input: NewAgentRequest, output: z.object({ agent: AdminAgent }) },
  /** Administrators: an agent's teams and routing (languages, skills, capacity, translation), saved together. */
  'admin.saveAgent': { input: z.object({ agentId: Id, teamIds: z.array(Id).max(20), routing: AgentRoutingUpdate }).strict(), output: Empty },
  'admin.saveSlaPolicies': { input: SlaPoliciesUpdate, output: Empty },
  'admin.saveRoutingSettings': { input: RoutingSettingsUpdate, output: Empty },
  /** Take a queued conversation; of several agents racing for it, the relay lets exactly one win. */
  'conversations.claim': {
    input: z.object({ conversationId: Id }).strict(),
    output: z.object({ conversation: Conversation }),
  },
  /** An internal note: seen by agents and supervisors, never sent to the customer. */
  'notes.add': {
    input: z.object({ conversationId: Id, body: MessageBody, mentions: z.array(Id).max(MENTIONS_MAX).default([]) }).strict(),
    output: z.object({ message: LocalMessage }),
  },
  /** Colleagues who can be @mentioned in a note, oneself left out. */
  'colleagues.list': { input: Empty, output: z.object({ colleagues: z.array(Colleague), teams: z.array(TeamName).default([]) }) },
  'notices.list': { input: Empty, output: z.object({ notices: z.array(Notice) }) },
  'notices.dismiss': { input: z.object({ noticeId: Id }).strict(), output: Empty },
  /** Send a `failed` reply again, as written, to the conversation as it is now. */
  'messages.retry': {
    input: z.object({ messageId: Id }).strict(),
    output: z.object({ message: LocalMessage }),
  },
  /** Drop a `failed` reply for good; the agent chose to, after seeing why it was refused. */
  'messages.discard': {
    input: z.object({ messageId: Id }).strict(),
    output: Empty,
  },
  'messages.search': {
    input: z.object({ query: z.string().trim().min(1).max(200), limit: PageLimit.default(20) }).strict(),
    output: z.object({
      hits: z.array(
        z.object({ message: LocalMessage, conversation: Conversation, snippet: z.string() }),
      ),
    }),
  },
  /** A customer message in the agent's language (from the cache, or translated now, ahead of background work). */
  'messages.translate': {
    input: z.object({ messageId: Id }).strict(),
    output: TranslationOutcome,
  },
  /**
   * The agent's draft in the customer's language, for the composer's live preview. A newer
   * preview of the same conversation supersedes an older one still running (it ends `superseded`).
   */
  'translation.preview': {
    input: z.object({ conversationId: Id, text: MessageBody }).strict(),
    output: TranslationOutcome,
  },
  /** Service rules for the conversation's market and intent, less the ones the agent dismissed here. */
  'kb.regionalNotes': {
    input: z.object({ conversationId: Id }).strict(),
    output: z.object({ notes: z.array(RegionalNote) }),
  },
  'kb.dismissRegionalNote': {
    input: z.object({ conversationId: Id, noteId: z.string().min(1).max(100) }).strict(),
    output: z.object({ notes: z.array(RegionalNote) }),
  },
  /** Canned replies whose shortcut starts with `query` (typed after "/"), filled in for the conversation. */
  'kb.cannedReplies': {
    input: z.object({ conversationId: Id, query: z.string().max(50) }).strict(),
    output: z.object({ replies: z.array(CannedReplyChoice) }),
  },
  /** Full-text search over the cached knowledge base, any script; best first. */
  'kb.search': {
    input: z.object({ query: z.string().trim().min(1).max(200), limit: PageLimit.default(10) }).strict(),
    output: z.object({ hits: z.array(ArticleHit) }),
  },
  /** Articles for the open conversation: its intent, its market first, then the agent's language. */
  'kb.suggestions': {
    input: z.object({ conversationId: Id }).strict(),
    output: z.object({ hits: z.array(ArticleHit) }),
  },
  'kb.article': {
    input: z.object({ articleId: Id }).strict(),
    /** `link`: the page customers can open, for public articles. */
    output: z.object({ article: Article, link: z.string().url().nullable() }),
  },
  /** Supervisors and admins: a new article (no id) or a new version of one; the relay confirms or refuses. */
  'kb.saveArticle': {
    input: ArticleDraft.extend({ articleId: Id.nullish(), baseVersion: z.number().int().nonnegative() }).strict(),
    output: z.object({ articleId: Id }),
  },
  /** This workstation's edit of an article that the relay has not confirmed, or refused. */
  'kb.articleDraft': {
    input: z.object({ articleId: Id }).strict(),
    output: z.object({ draft: ArticleDraftState.nullable() }),
  },
  'kb.discardArticleDraft': { input: z.object({ articleId: Id }).strict(), output: Empty },
  'models.list': { input: Empty, output: ModelList },
  /** Starts or resumes a download; progress arrives as `models.changed`. */
  'models.download': { input: z.object({ modelId: z.string().min(1).max(200) }).strict(), output: ModelList },
  'models.cancelDownload': { input: z.object({ modelId: z.string().min(1).max(200) }).strict(), output: ModelList },
} as const;

export type MethodName = keyof typeof methods;
export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
export type MethodParams<M extends MethodName> = z.output<(typeof methods)[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<(typeof methods)[M]['output']>;

export const events = {
  'conversations.changed': z.object({ conversationIds: z.array(Id) }),
  'messages.changed': z.object({ conversationId: Id, messageIds: z.array(Id) }),
  'connection.changed': Connection,
  'session.changed': z.object({ agent: Agent.nullable() }),
  /** `reason`: why away; `until`: when after-call work ends. */
  'presence.changed': z.object({ presence: Presence, reason: AwayReason.nullable().default(null), until: z.number().nullable().default(null) }),
  'notices.changed': z.object({ notices: z.array(Notice) }),
  'models.changed': ModelList,
  /** Knowledge-base articles arrived or changed. */
  'articles.changed': z.object({}),
  /** A call rings in the softphone; for the desktop notification. */
  'calls.ringing': z.object({ remote: z.string(), provider: z.enum(CALL_PROVIDERS), transferredBy: z.string().nullable() }),
  /** A web call rings this desk, negotiates, or ended. */
  'calls.frame': RelayCallFrame,
} as const;

export type EventName = keyof typeof events;
export const EVENT_NAMES = Object.keys(events) as EventName[];
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

// ---- envelopes ----

export const ApiErrorCode = z.enum(['bad_request', 'unknown_method', 'not_signed_in', 'not_found', 'forbidden', 'unauthorized', 'unavailable', 'internal']);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;
export const ApiError = z.object({ code: ApiErrorCode, message: z.string() });
export type ApiError = z.infer<typeof ApiError>;

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Web host frames; Electron carries the same request/result through ipcRenderer.invoke. */
export const ApiRequestFrame = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  method: z.string().max(64),
  params: z.unknown(),
});
export type ApiRequestFrame = z.infer<typeof ApiRequestFrame>;
export type ApiResultFrame = { type: 'result'; id: number; result: ApiResult<unknown> };
export type ApiEventFrame = { type: 'event'; event: EventName; payload: unknown };

/** The object the renderer gets from either host (window.workstation or the web bridge). */
export interface WorkstationBridge {
  invoke<M extends MethodName>(method: M, params: MethodInput<M>): Promise<ApiResult<MethodOutput<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Electron IPC channel names, kept in one place. */
export const IPC_INVOKE_CHANNEL = 'workstation:invoke';
export const IPC_EVENT_CHANNEL = 'workstation:event';
