import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';
import type { MessagingRules } from '../../../src-shared/domain/channel-rules.js';
import type { Channel, ChannelFailure } from '../../../src-shared/domain/model.js';
import type { ChannelWebhook } from '../../conversations/channel-messages.js';

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
  /** Whether the request is the provider's: its signature over the exact bytes received, before anything is parsed. */
  verify(rawBody: Buffer, headers: IncomingHttpHeaders, credentials: Credentials): boolean;
  /** The webhook's messages and statuses; an error when it is not the provider's payload. Parts the relay has no use for are left out. */
  parse(payload: unknown, credentials: Credentials): { ok: true; webhook: ChannelWebhook } | { ok: false; error: string };
  /** Sends one text through the provider's API. Never throws: every outcome is a value. */
  send(text: OutboundText, credentials: Credentials, api: ProviderApi): Promise<SendOutcome>;
}

export interface WebhookAnswer {
  status: number;
  body: string;
}

/** One reply to send: our message id (for idempotency keys), whom to, what. */
export interface OutboundText {
  messageId: string;
  recipient: string;
  body: string;
}

/** How to reach the provider's API. */
export interface ProviderApi {
  baseUrl: string;
  timeoutMs: number;
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
