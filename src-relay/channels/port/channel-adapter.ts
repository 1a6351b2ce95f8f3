import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';
import type { MessagingRules, ReplyWindow } from '../../../src-shared/domain/channel-rules.js';
import type { EmailReply } from '../../../src-shared/domain/email-reply.js';
import type { MessageTemplate, TemplateChoice } from '../../../src-shared/domain/message-templates.js';
import type { Channel, ChannelFailure, MessageAttachment } from '../../../src-shared/domain/model.js';
import type { ChannelWebhook, InboundMedia } from '../../conversations/channel-messages.js';
import type { ChannelSend } from '../../storage/port/channels.js';
import type { RelayRepositories } from '../../storage/port/relay-storage.js';

export type { InboundMedia };

/**
 * One messaging provider, in one folder (src-relay/channels/<provider>/), listed once in
 * ../registry.ts. The relay's route, send queue and accounts work through this interface only:
 * adding a provider touches no switch elsewhere.
 */
export interface ChannelAdapter<Credentials = unknown> {
  provider: Channel;
  /** The account's credentials, as an administrator enters them; sealed at rest, never sent to desks. */
  credentials: z.ZodType<Credentials>;
  /** Its reply window, length limit and format (src-shared/domain/channel-rules.ts). */
  rules: MessagingRules;
  /** Where its API is; tests point the relay at a fake instead (RelayOptions.channels.apiBaseUrls). */
  defaultApiBaseUrl: string;
  /**
   * Whether a send may be repeated safely because the provider takes an idempotency key (LINE's
   * X-Line-Retry-Key). Without one, a send whose outcome is unknown because the relay stopped
   * mid-call is reported as unconfirmed rather than sent twice.
   */
  idempotentRetries: boolean;
  /** The provider's check of a new webhook address (Meta's GET hub.challenge); absent when it has none. */
  handshake?(query: Record<string, string | undefined>, credentials: Credentials): WebhookAnswer;
  /**
   * Whether the request is the provider's: its signature over the exact bytes received (and, for
   * providers that sign them, the address and query: Twilio, WeChat), before anything is parsed.
   */
  verify(request: WebhookRequest, credentials: Credentials): boolean;
  /**
   * The webhook's messages and statuses, from its verified bytes (JSON for most, form fields for
   * Twilio, XML for WeChat: `jsonBody` decodes the common case); an error when it is not the
   * provider's payload. Parts the relay has no use for are left out.
   */
  parse(request: WebhookRequest, credentials: Credentials): WebhookParse;
  /** What the provider expects back once the webhook is stored; by default 200 with a small JSON receipt. */
  acknowledge?(request: WebhookRequest): WebhookAnswer;
  /**
   * The bytes of a file a user sent (InboundMedia, from `parse`), from the provider's API, after
   * the webhook was answered (channels/inbound-media.ts); absent when the relay does not fetch this
   * provider's files yet (the message then shows them as not fetched). Never throws.
   */
  fetchMedia?(media: InboundMedia, credentials: Credentials, api: ProviderApi, maxBytes: number): Promise<FetchedMedia>;
  /**
   * Email only: the conversation's mail thread (subject, the Message-IDs to answer), read as the
   * send goes out. Messaging apps keep their threads themselves and have no such thing.
   */
  threadOf?(store: RelayRepositories, send: ChannelSend): Promise<OutboundThread | null>;
  /**
   * What the provider needs to know of a reply's files beyond their bytes and URL (LINE: a preview
   * image of a video, the length of audio): the send queue works it out before `send`.
   */
  fileDetails?: { videoPreview?: boolean; audioDuration?: boolean };
  /** Sends one text (and the files it carries) through the provider's API. Never throws: every outcome is a value. */
  send(text: OutboundText, credentials: Credentials, api: ProviderApi): Promise<SendOutcome>;
  /**
   * The administrator's "test connection": one harmless call with the credentials (who am I,
   * the bot's or page's name). Never throws.
   */
  checkConnection?(credentials: Credentials, api: ProviderApi): Promise<ConnectionCheck>;
  /**
   * The account's approved message templates, as the provider's console keeps them (WhatsApp
   * Manager), every page of them; absent for providers without templates. Never throws.
   */
  listTemplates?(credentials: Credentials, api: ProviderApi): Promise<TemplateList>;
}

/** The approved templates the relay can send, and how many others it left out (pending, rejected, or with media headers). */
export type TemplateList = { ok: true; templates: MessageTemplate[]; skipped: number } | { ok: false; error: string };

/** A webhook as it arrived. */
export interface WebhookRequest {
  rawBody: Buffer;
  headers: IncomingHttpHeaders;
  query: Record<string, string | undefined>;
  /**
   * The full address the provider called, as it would sign it: the relay's public URL
   * (ChannelSettings.publicUrl, RELAY_PUBLIC_URL) with the path and query it received.
   */
  url: string;
}

export type WebhookParse = { ok: true; webhook: ChannelWebhook } | { ok: false; error: string };

export type ConnectionCheck = { ok: true; accountName: string } | { ok: false; error: string };

export interface WebhookAnswer {
  status: number;
  body: string;
  /** By default text/plain. */
  contentType?: string;
}

/** One reply to send: our message id (for idempotency keys), whom to, what. */
export interface OutboundText {
  messageId: string;
  recipient: string;
  body: string;
  /**
   * The account's webhook URL (the relay's public URL, ChannelSettings.publicUrl, and the
   * account's path), when the relay knows its public URL: for providers that are told per message
   * where to send its statuses (Twilio's StatusCallback).
   */
  webhookUrl?: string;
  /**
   * The provider's reply window as the send goes out (replyWindow of its rules): Messenger and
   * Instagram send with the HUMAN_AGENT tag when it is `tagged`. Absent: not known.
   */
  window?: ReplyWindow;
  /**
   * An approved template instead of free text (outside the provider's window): `body` is then its
   * rendering, for the transcript; the provider gets the template's name, language and values.
   */
  template?: TemplateChoice;
  /** The files the reply carries; the body is then their caption. Absent: a text only. */
  files?: OutboundFile[];
  /**
   * A reply sent as several provider messages (its words, then a message per file): the provider's
   * ids of the parts it took on earlier attempts, by part (null or absent: not taken). A retry sends
   * only the others (port/reply-parts.ts).
   */
  sentParts?: readonly (string | null)[];
  /** Records a part as taken before the next is sent; the send queue keeps it with the reply. */
  partSent?(part: number, providerMessageId: string): Promise<void>;
  /** Email: the thread the reply belongs to (ChannelAdapter.threadOf). */
  thread?: OutboundThread;
}

/**
 * A file's bytes, or why not: `permanent` when asking again would not help (the provider no longer
 * has it, an expired media id, over the limit); otherwise the fetch is tried again later.
 */
export type FetchedMedia = { ok: true; bytes: Buffer; mediaType: string | null } | { ok: false; detail: string; permanent?: boolean };

/** A file an agent's reply carries, with its bytes from the relay's file store. */
export interface OutboundFile extends MessageAttachment {
  bytes: Buffer;
  /** Where the provider may fetch it for a while (a signed relay URL), when the relay knows its public address. */
  url?: string;
  /** A video's preview image (a poster, files/video-poster.ts), at a signed relay URL: when the adapter asks for it (fileDetails). */
  previewUrl?: string;
  /** How long audio plays, read from its bytes (ISO media: M4A); when the adapter asks for it and the file tells. */
  durationMs?: number;
}

/** An email conversation's thread as a reply needs it: in the customer's mail client it joins the same thread. */
export interface OutboundThread {
  /** The conversation's subject as the customer first wrote it, without "Re:". */
  subject: string;
  /** The Message-ID of the customer's latest mail, with its angle brackets; null for a mail we start. */
  inReplyTo: string | null;
  /** That mail's References and its own Message-ID, oldest first. */
  references: string[];
  /** The conversation's reply token: replies go to <local>+<token>@<domain>, which finds the conversation when a client drops the headers. */
  replyToken: string;
  /** The customer's language (BCP 47): the signature is the mailbox's one for it, else its default. */
  language: string;
  /** What the agent set besides the text: subject line, CC, BCC, quote, forward. Null: a plain reply. */
  fields: EmailReply | null;
  /** The customer's last mail, when the agent left it quoted under the reply. */
  quoted: QuotedMail | null;
  /** The message forwarded, when this is a forward (it then starts a new thread for its recipient). */
  forwarded: QuotedMail | null;
}

/** A mail quoted under a reply or forwarded: who wrote it, when, and its whole text. */
export interface QuotedMail {
  /** "Kim Lee <kim@example.com>". */
  from: string;
  subject: string;
  at: number;
  text: string;
}

/** How to reach the provider's API. */
export interface ProviderApi {
  baseUrl: string;
  timeoutMs: number;
  /**
   * Keeps a secret the provider replaced (a rotated OAuth2 refresh token) in the account's sealed
   * credentials, if they still hold `from`. Given when a stored account is behind the call.
   */
  keepRotatedSecret?(name: string, from: string, to: string): Promise<void>;
}

/**
 * - sent: the provider took it, under its id.
 * - retry: it may pass (5xx, 429, a timeout, the network); `afterMs` when the provider said when.
 * - failed: the provider refused it for a reason it gave, and trying again would not help.
 */
export type SendOutcome =
  | { kind: 'sent'; providerMessageId: string }
  | { kind: 'retry'; detail: string; afterMs?: number }
  | { kind: 'failed'; failure: ChannelFailure; detail: string };

/** The body as JSON, handed to `parse`; the common case of `ChannelAdapter.parse`. */
export function jsonBody(request: WebhookRequest, parse: (payload: unknown) => WebhookParse): WebhookParse {
  let payload: unknown;
  try {
    payload = JSON.parse(request.rawBody.toString('utf8'));
  } catch {
    return { ok: false, error: 'the body is not JSON' };
  }
  return parse(payload);
}
