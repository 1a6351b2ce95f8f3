import { z } from 'zod';
import { ATTACHMENT_KINDS, ATTACHMENTS_MAX } from './attachments.js';
import { cutAtGrapheme, wellFormed } from './text.js';

/** Entities shared by the relay, the core and the renderer. Times are epoch milliseconds. */

export const ROLES = ['agent', 'supervisor', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const CHANNELS = ['webchat', 'email', 'whatsapp', 'telegram', 'messenger', 'instagram', 'line', 'sms', 'wechat', 'viber', 'voice'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const CONVERSATION_STATUSES = ['open', 'pending', 'resolved'] as const;
export const ConversationStatus = z.enum(CONVERSATION_STATUSES);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

/**
 * What an agent can choose; `offline` is set by the relay when no session is connected. Only
 * `available` is offered work; `after-call-work` returns to available by itself after a while.
 */
export const SETTABLE_PRESENCES = ['available', 'busy', 'away', 'after-call-work'] as const;
export const SettablePresence = z.enum(SETTABLE_PRESENCES);
export type SettablePresence = z.infer<typeof SettablePresence>;
export const Presence = z.enum([...SETTABLE_PRESENCES, 'offline']);
export type Presence = z.infer<typeof Presence>;
/** Why an agent is away, for the supervisor's view. */
export const AWAY_REASONS = ['break', 'lunch', 'meeting', 'training', 'other'] as const;
export const AwayReason = z.enum(AWAY_REASONS);
export type AwayReason = z.infer<typeof AwayReason>;
/** How long after-call work lasts before the agent is available again. */
export const AFTER_CALL_WORK_MS = 2 * 60_000;

export const Id = z.string().min(1).max(64);
/** BCP 47 language tag, as browsers report it ("th", "pt-BR", "zh-CN"). */
export const LanguageTag = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a BCP 47 language tag');
export const Timestamp = z.number().int().nonnegative();

export const MESSAGE_BODY_MAX = 10_000;
export const MessageBody = z
  .string()
  .overwrite(wellFormed)
  .max(MESSAGE_BODY_MAX, `a message holds at most ${MESSAGE_BODY_MAX} characters`)
  .refine((s) => s.trim().length > 0, 'a message cannot be empty');

/** An IANA time zone this runtime knows ("Europe/Berlin", "Pacific/Kiritimati"). */
export const TimeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'expected an IANA time zone such as "Europe/Berlin"');
const ClockTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'expected a time of day as HH:mm');
export const WEEKDAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** When a team works: periods per weekday in its zone (an end before the start runs past midnight), less its markets' public holidays. */
export const TeamSchedule = z.object({
  timeZone: TimeZone,
  hours: z.partialRecord(z.enum(WEEKDAY_NAMES), z.array(z.object({ start: ClockTime, end: ClockTime })).max(4)),
  /** Countries or regions whose public holidays the team takes off ("DE", "BR", "US-CA"). */
  holidayMarkets: z.array(z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'expected a region code such as "DE" or "US-CA"')).max(10).default([]),
});
export type TeamSchedule = z.infer<typeof TeamSchedule>;

export const Team = z.object({
  id: Id,
  name: z.string(),
  /** Languages the team serves; the first is its working language. */
  languages: z.array(LanguageTag).min(1),
  /** Absent: the team is always there. */
  schedule: TeamSchedule.nullish(),
  /** Where its conversations go while it is closed. */
  overflowTeamId: Id.nullish(),
});
export type Team = z.infer<typeof Team>;

export const Agent = z.object({
  id: Id,
  tenantId: Id,
  email: z.string(),
  name: z.string(),
  role: Role,
  /** The language the agent reads and writes in. */
  language: LanguageTag,
  teamIds: z.array(Id),
});
export type Agent = z.infer<typeof Agent>;

/** A colleague as the directory shows them: enough to @mention them in a note. */
export const Colleague = z.object({
  id: Id,
  name: z.string(),
  role: Role,
  teamIds: z.array(Id),
});
export type Colleague = z.infer<typeof Colleague>;
/** A team as the directory shows it: where a call or conversation can be handed to. */
export const TeamName = z.object({ id: Id, name: z.string() });
export type TeamName = z.infer<typeof TeamName>;

/** Colleagues one note may mention. */
export const MENTIONS_MAX = 20;

/** A team's own tag on a conversation ("vip", "b2b", "follow-up"), usable as an inbox filter. */
export const Label = z
  .string()
  .trim()
  .min(1)
  .max(32)
  // \p{M}: Thai, Hindi and Arabic letters carry combining marks ("คืนสินค้า").
  .regex(/^[\p{L}\p{N}][\p{L}\p{M}\p{N} _-]*$/u, 'a label is letters, digits, spaces, "-" and "_"');
export const LABELS_MAX = 10;

export const SLA_TARGETS = ['first_response', 'next_response', 'resolution'] as const;
export const SlaTarget = z.enum(SLA_TARGETS);
export type SlaTarget = z.infer<typeof SlaTarget>;

/** A conversation's service-level targets (domain/sla.ts): a due time while one runs, null once met or not started. */
export const SlaClock = z.object({
  policyId: z.string(),
  firstResponseDueAt: Timestamp.nullable(),
  nextResponseDueAt: Timestamp.nullable(),
  resolutionDueAt: Timestamp.nullable(),
  firstRespondedAt: Timestamp.nullable(),
  /** Targets missed, each told once. */
  breached: z.array(SlaTarget),
});
export type SlaClock = z.infer<typeof SlaClock>;

export const Conversation = z.object({
  id: Id,
  customerId: Id,
  customerName: z.string(),
  channel: Channel,
  teamId: Id,
  assigneeId: Id.nullable(),
  status: ConversationStatus,
  /** The customer's language. */
  language: LanguageTag,
  market: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  lastMessageAt: Timestamp,
  lastMessagePreview: z.string(),
  /** Absent from relays that predate labels. */
  labels: z.array(Label).max(LABELS_MAX).optional(),
  /** The customer is a VIP: their conversations come first and may have their own SLA. */
  vip: z.boolean().optional(),
  /** What the customer wants, as a desk's on-device model told the relay; routes to agents with that skill. */
  intent: z.string().max(64).nullish(),
  /** The customer is upset (negative sentiment on a desk): the conversation moves up its queue. */
  upset: z.boolean().optional(),
  /** Absent when no SLA policy applies (or from relays that predate them). */
  sla: SlaClock.nullish(),
  /** Offered to this agent, who may accept until `expiresAt`; then it moves on (tenants that use offers). */
  offer: z.object({ agentId: Id, expiresAt: Timestamp }).nullish(),
});
export type Conversation = z.infer<typeof Conversation>;

export const MessageAuthor = z.enum(['customer', 'agent', 'system']);
export type MessageAuthor = z.infer<typeof MessageAuthor>;

/** What the agent wrote, in their own language, when the body is its translation for the customer. */
export const MessageOriginal = z.object({
  body: z.string().max(MESSAGE_BODY_MAX),
  language: LanguageTag,
});
export type MessageOriginal = z.infer<typeof MessageOriginal>;

export const CALL_PROVIDERS = ['webrtc', 'twilio', 'sip'] as const;
/** How a call ended: by the agent, the other side, not taken, or handed to a colleague. */
export const CallEnd = z.enum(['hangup', 'remote-hangup', 'declined', 'missed', 'failed', 'transferred']);
export type CallEnd = z.infer<typeof CallEnd>;
/** What the agent says a call was about, for reports; "other" with notes when none fits. */
export const WRAP_UP_CODES = ['resolved', 'follow-up', 'escalated', 'order-placed', 'complaint', 'wrong-number', 'other'] as const;
export const WrapUpCode = z.enum(WRAP_UP_CODES);
export type WrapUpCode = z.infer<typeof WrapUpCode>;

/** A call in a conversation's timeline: who, which way, how long, and the agent's wrap-up. */
export const CallSummary = z.object({
  provider: z.enum(CALL_PROVIDERS),
  direction: z.enum(['inbound', 'outbound']),
  /** The customer's number, SIP address or name. */
  remote: z.string().max(200),
  /** Where to call them back (a number or SIP address); null for web calls. */
  address: z.string().max(300).nullable().default(null),
  startedAt: Timestamp,
  answeredAt: Timestamp.nullable(),
  endedAt: Timestamp,
  end: CallEnd,
  wrapUpCode: WrapUpCode.nullable(),
});
export type CallSummary = z.infer<typeof CallSummary>;

/** The body of a call's entry when the agent wrote no notes (a message body is never empty). */
export const CALL_WITHOUT_NOTES = '(call)';

/** Whole seconds the call was connected; a call never answered lasted nothing. */
export function callSeconds(call: Pick<CallSummary, 'answeredAt' | 'endedAt'>): number {
  return call.answeredAt === null ? 0 : Math.max(0, Math.round((call.endedAt - call.answeredAt) / 1000));
}

/** How far a messaging provider took a reply: queued here, then sent, delivered, read, or failed. */
export const CHANNEL_DELIVERY_STATES = ['queued', 'sent', 'delivered', 'read', 'failed'] as const;
/**
 * Why a provider did not deliver a reply, as the desk explains it: outside the provider's
 * window, blocked by the user, an address that is not (or no longer) theirs, undeliverable for a
 * reason the provider gave, refused for another, the relay stopped mid-send with no provider
 * confirmation, or the provider kept failing until the relay gave up; the customer opted out of
 * the account's messages (an SMS STOP, a Viber user not subscribed to the bot), or the company's
 * plan with the provider has run out (LINE's monthly limit, Viber's balance); the replies allowed per
 * customer message are spent (WeChat), or the customer cannot be reached now (Messenger's 551); or
 * an administrator disconnected the account it was to go through before it went; or a file it
 * carries is over the provider's size limit for its kind.
 */
export const CHANNEL_FAILURES = ['outside-window', 'blocked', 'invalid-recipient', 'undeliverable', 'rejected', 'unconfirmed', 'gave-up', 'unsubscribed', 'quota-exceeded', 'reply-limit', 'unavailable', 'disconnected', 'template-rejected', 'too-large'] as const;
export const ChannelFailure = z.enum(CHANNEL_FAILURES);
export type ChannelFailure = z.infer<typeof ChannelFailure>;
export const ChannelDelivery = z.object({
  state: z.enum(CHANNEL_DELIVERY_STATES),
  at: Timestamp,
  failure: ChannelFailure.nullable().default(null),
  /** The provider's own words about a failure, for the curious; the desk shows `failure`. */
  detail: z.string().max(500).nullable().default(null),
});
export type ChannelDelivery = z.infer<typeof ChannelDelivery>;

/** A file a message carries: stored by the relay under its SHA-256, named as its sender named it. */
export const MessageAttachment = z.object({
  fileId: z.string().regex(/^[0-9a-f]{64}$/, 'a file id is the SHA-256 of its bytes, in 64 lower-case hex digits'),
  name: z.string().min(1).max(255),
  mediaType: z.string().min(1).max(100),
  kind: z.enum(ATTACHMENT_KINDS),
  size: z.number().int().positive(),
});
export type MessageAttachment = z.infer<typeof MessageAttachment>;
export const MessageAttachments = z.array(MessageAttachment).max(ATTACHMENTS_MAX, `a message carries at most ${ATTACHMENTS_MAX} files`);

/**
 * A file a customer sent on a messaging app that the relay has not kept (yet): it is fetched from
 * the provider after the message is stored (src-relay/channels/inbound-media.ts), and becomes one
 * of the message's attachments, or stays here as failed with the reason.
 */
export const PendingFile = z.object({
  name: z.string().min(1).max(255),
  state: z.enum(['fetching', 'failed']),
  /** Why it could not be fetched (over a limit, expired at the provider, not what it claims to be); null while fetching. */
  reason: z.string().max(500).nullable(),
});
export type PendingFile = z.infer<typeof PendingFile>;
/** Twilio's MMS carries up to 10 files; past the attachments' limit the rest are listed here as failed. */
export const PendingFiles = z.array(PendingFile).max(10);

export const Message = z.object({
  id: Id,
  conversationId: Id,
  author: MessageAuthor,
  authorId: Id.nullable(),
  authorName: z.string(),
  body: z.string(),
  createdAt: Timestamp,
  /** An internal note between agents: never shown or sent to the customer. */
  internal: z.boolean().default(false),
  /** The transcript keeps both: `body` is what the customer got, this what the agent wrote. */
  original: MessageOriginal.nullish(),
  /** Set on a call's entry (internal); its body holds the agent's wrap-up notes. */
  call: CallSummary.nullish(),
  /** On an agent's reply in a messaging app (WhatsApp, Telegram, ...): how far the provider took it. */
  channelDelivery: ChannelDelivery.nullish(),
  /**
   * Files sent with the message; its body is their caption (or, with no caption, their names).
   * Absent means none, as from relays and caches that predate attachments.
   */
  attachments: MessageAttachments.optional(),
  /** Files a customer sent on a messaging app that are still being fetched, or could not be. Absent means none. */
  pendingFiles: PendingFiles.optional(),
});
export type Message = z.infer<typeof Message>;

/** Delivery state of a message in a workstation's cache. */
export const DeliveryState = z.enum(['sent', 'pending', 'failed']);
export type DeliveryState = z.infer<typeof DeliveryState>;

export const PREVIEW_LENGTH = 140;
export function previewOf(body: string): string {
  return cutAtGrapheme(wellFormed(body.replace(/\s+/g, ' ').trim()), PREVIEW_LENGTH);
}

/** A knowledge-base article: Markdown, in one locale, for some markets, intents and tags; every save is a new version. */
export const ARTICLE_BODY_MAX = 50_000;

/**
 * The article's title and tags in another language, written by its author: search in that
 * language finds the article without a translation model, and shows this title to its agents.
 */
export const ArticleTitle = z.object({
  locale: LanguageTag,
  title: z.string().trim().min(1).max(200),
  tags: z.array(Label).max(20).default([]),
});
export type ArticleTitle = z.infer<typeof ArticleTitle>;

export const ArticleDraft = z.object({
  title: z.string().trim().min(1).max(200),
  /** Markdown; rendered sanitized, never as raw HTML. */
  body: z.string().min(1).max(ARTICLE_BODY_MAX),
  locale: LanguageTag,
  /** Region codes ("DE", "TH"); empty for every market. */
  markets: z.array(z.string().regex(/^[A-Z]{2}$/, 'a market is a two-letter region code')).max(50),
  tags: z.array(Label).max(20),
  /** The title and tags in other languages; one entry per language. */
  titles: z
    .array(ArticleTitle)
    .max(30)
    .default([])
    .refine((titles) => new Set(titles.map((entry) => entry.locale.toLowerCase())).size === titles.length, 'one title per language'),
  /** Intent ids from the intents file this article answers. */
  intents: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/)).max(20),
  /** Customers may read it on the relay's help pages, so a reply can link to it; otherwise for agents only. */
  public: z.boolean().default(false),
});
export type ArticleDraft = z.infer<typeof ArticleDraft>;

export const Article = ArticleDraft.extend({
  id: Id,
  version: z.number().int().positive(),
  updatedAt: Timestamp,
  updatedByName: z.string(),
});
export type Article = z.infer<typeof Article>;
