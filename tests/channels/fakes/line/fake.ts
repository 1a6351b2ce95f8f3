import { randomUUID } from 'node:crypto';
import {
  MediaStore,
  deliverConcurrently,
  deliverWebhook,
  fetchMedia,
  randomId,
  signingSecret,
  startProviderApi,
  unlessAcknowledged,
  type DeliverOptions,
  type DeliveryAttempt,
  type FakeResponse,
  type MediaFetch,
  type ProviderAnswer,
  type ProviderRequest,
  type Reach,
  type RetrySchedule,
  type SentRequest,
  type WebhookDelivery,
} from '../shared-provider-api.js';
import { lineError, lineMessageId, lineVerifyWebhook } from './payloads.js';
import { lineSignature } from './signing.js';

/**
 * A fake LINE Messaging API (api.line.me and api-data.line.me on one loopback origin).
 * Docs followed:
 * - push / reply: https://developers.line.biz/en/reference/messaging-api/#send-push-message and #send-reply-message
 * - X-Line-Retry-Key (409 with x-line-accepted-request-id and the accepted sentMessages):
 *   https://developers.line.biz/en/docs/messaging-api/retrying-api-request/ and
 *   https://developers.line.biz/en/reference/messaging-api/#retry-api-request
 * - content: https://developers.line.biz/en/reference/messaging-api/#get-content
 * - profile, bot info, webhook test: #get-profile, #get-bot-info, #test-webhook-endpoint
 * - message objects and limits (5 messages, 5000-character text, HTTPS image URLs):
 *   https://developers.line.biz/en/reference/messaging-api/#message-objects
 * - webhooks, signature, redelivery: https://developers.line.biz/en/reference/messaging-api/#webhooks
 *   and https://developers.line.biz/en/docs/messaging-api/receiving-messages/#webhook-redelivery
 * Redelivery: off unless enabled in the console; when on, LINE redelivers an event the bot server
 * did not acknowledge with a 2xx, with the same webhookEventId and deliveryContext.isRedelivery
 * true (so the bytes, and the signature, differ from the first delivery). LINE publishes no
 * schedule; the fake's default is 3 attempts.
 * Every API answer carries x-line-request-id. No status callbacks exist (see payloads.ts).
 */

export interface LineFakeOptions {
  channelSecret: string;
  channelAccessToken: string;
  /** The bot's user id, the `destination` of its webhooks. */
  botUserId?: string;
  /** LINE's "webhook redelivery" setting; true here so tests see redeliveries. */
  redelivery?: boolean;
  retry?: RetrySchedule;
  /** A scripted hang or drop on a push counts as accepted, the answer lost (default true). */
  lostAnswersAccepted?: boolean;
  /** Where LINE's requests really go for the URLs it was given (see Reach in shared-provider-api.ts). */
  reach?: Reach;
}

/** A message LINE accepted: what the customer's app shows. */
export interface LineAccepted {
  to: string;
  message: Record<string, unknown>;
  id: string;
  requestId: string;
  retryKey?: string;
}

export interface LineFake {
  apiBaseUrl: string;
  /** api-data.line.me: the same origin here. */
  dataApiBaseUrl: string;
  sent: SentRequest[];
  /** Messages LINE accepted (once per retry key), in order. */
  accepted: LineAccepted[];
  receivedMedia: MediaFetch[];
  deliveries: DeliveryAttempt[];
  /** Texts the send API took (as the WhatsApp and Telegram fakes' texts()): to whom, what, and the id answered. */
  texts(): { to: string; text: string; id: string }[];
  respondNext(...responses: FakeResponse[]): void;
  respondFor(to: string, response: FakeResponse): void;
  /** Puts the bytes of an inbound image/file under its message id. */
  addContent(messageId: string, bytes: Buffer, contentType: string): void;
  addProfile(userId: string, profile: { displayName: string; language?: string }): void;
  deliver(payload: unknown, options: DeliverOptions): Promise<number>;
  /** LINE's redelivery of `payload`: isRedelivery true, signed afresh, sent once. */
  redeliver(payload: unknown, options: { webhookUrl: string }): Promise<number>;
  close(): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RECIPIENT = /^[UCR][0-9a-f]{32}$/;

export async function startLineFake(options: LineFakeOptions): Promise<LineFake> {
  const botUserId = options.botUserId ?? randomId('U', 32);
  const content = new MediaStore();
  const profiles = new Map<string, { displayName: string; language?: string }>();
  const accepted: LineAccepted[] = [];
  const byRetryKey = new Map<string, { requestId: string; sentMessages: { id: string; quoteToken: string }[] }>();
  const receivedMedia: MediaFetch[] = [];
  const deliveries: DeliveryAttempt[] = [];
  const retry = options.redelivery === false ? { attempts: 1, delayMs: 0 } : (options.retry ?? { attempts: 3, delayMs: 100 });

  const withRequestId = (answer: ProviderAnswer, requestId = randomUUID()): ProviderAnswer => ({
    ...answer,
    headers: { 'x-line-request-id': requestId, ...answer.headers },
  });
  const refuse = (request: ProviderRequest): ProviderAnswer | null =>
    request.headers.authorization === `Bearer ${options.channelAccessToken}` ? null : withRequestId(lineError.unauthorized());

  /** Accepts a valid push: records its messages once and remembers them under the retry key. */
  const accept = (request: ProviderRequest, requestId: string) => {
    const body = request.body as { to: string; messages: Record<string, unknown>[] };
    const retryKey = request.headers['x-line-retry-key'];
    const sentMessages = body.messages.map((message) => {
      const id = lineMessageId();
      accepted.push({ to: body.to, message, id, requestId, ...(retryKey ? { retryKey } : {}) });
      return { id, quoteToken: randomId('q', 40) };
    });
    if (retryKey) byRetryKey.set(retryKey, { requestId, sentMessages });
    return sentMessages;
  };

  const push = async (request: ProviderRequest): Promise<ProviderAnswer> => {
    const retryKey = request.headers['x-line-retry-key'];
    if (retryKey !== undefined && !UUID.test(retryKey)) return withRequestId({ status: 400, body: { message: 'The value of the X-Line-Retry-Key header is invalid' } });
    const earlier = retryKey === undefined ? undefined : byRetryKey.get(retryKey);
    if (earlier) {
      return withRequestId({
        status: 409,
        body: { message: 'The retry key is already accepted', sentMessages: earlier.sentMessages },
        headers: { 'x-line-accepted-request-id': earlier.requestId },
      });
    }
    const body = request.body as { to?: unknown } | undefined;
    if (typeof body?.to !== 'string' || !RECIPIENT.test(body.to)) return withRequestId(lineError.invalidTo());
    const invalid = await checkMessages(request.body, receivedMedia, options.reach);
    if (invalid) return withRequestId(invalid);
    const requestId = randomUUID();
    return withRequestId({ status: 200, body: { sentMessages: accept(request, requestId) } }, requestId);
  };

  const reply = async (request: ProviderRequest): Promise<ProviderAnswer> => {
    if (request.headers['x-line-retry-key'] !== undefined) return withRequestId({ status: 400, body: { message: 'X-Line-Retry-Key is not supported by this API' } });
    const body = request.body as { replyToken?: unknown } | undefined;
    if (typeof body?.replyToken !== 'string') return withRequestId(lineError.invalid('replyToken', 'must be specified'));
    const invalid = await checkMessages(request.body, receivedMedia, options.reach);
    if (invalid) return withRequestId(invalid);
    const messages = (request.body as { messages: Record<string, unknown>[] }).messages;
    return withRequestId({ status: 200, body: { sentMessages: messages.map(() => ({ id: lineMessageId(), quoteToken: randomId('q', 40) })) } });
  };

  const api = await startProviderApi(
    [
      {
        method: 'POST',
        path: /^\/v2\/bot\/message\/push$/,
        refuse,
        send: true,
        recipientOf: (request) => (request.body as { to?: string } | undefined)?.to,
        finish: (answer) => (answer.headers?.['x-line-request-id'] ? answer : withRequestId(answer)),
        onLost: (request) => {
          if (options.lostAnswersAccepted === false || !Array.isArray((request.body as { messages?: unknown } | undefined)?.messages)) return;
          const retryKey = request.headers['x-line-retry-key'];
          if (retryKey === undefined || !byRetryKey.has(retryKey)) accept(request, randomUUID());
        },
        answer: push,
      },
      {
        method: 'POST',
        path: /^\/v2\/bot\/message\/reply$/,
        refuse,
        send: true,
        finish: (answer) => (answer.headers?.['x-line-request-id'] ? answer : withRequestId(answer)),
        answer: reply,
      },
      {
        method: 'GET',
        path: /^\/v2\/bot\/message\/([^/]+)\/content$/,
        refuse,
        answer: (request) => withRequestId(content.answer(request.params[0] ?? '') ?? lineError.notFound()),
      },
      {
        method: 'GET',
        path: /^\/v2\/bot\/profile\/([^/]+)$/,
        refuse,
        answer: (request) => {
          const userId = request.params[0] ?? '';
          const profile = profiles.get(userId);
          return withRequestId(profile ? { status: 200, body: { userId, displayName: profile.displayName, language: profile.language ?? 'en' } } : lineError.notFound());
        },
      },
      {
        method: 'GET',
        path: /^\/v2\/bot\/info$/,
        refuse,
        answer: () => withRequestId({ status: 200, body: { userId: botUserId, basicId: '@fake', displayName: 'Fake LINE bot', chatMode: 'bot', markAsReadMode: 'manual' } }),
      },
      {
        method: 'POST',
        path: /^\/v2\/bot\/channel\/webhook\/test$/,
        refuse,
        answer: async (request) => {
          const endpoint = (request.body as { endpoint?: unknown } | undefined)?.endpoint;
          if (typeof endpoint !== 'string') return withRequestId(lineError.invalid('endpoint', 'must be specified'));
          const statusCode = await deliverWebhook(delivery(lineVerifyWebhook(botUserId), { webhookUrl: endpoint, retry: { attempts: 1, delayMs: 0 } }), deliveries);
          const success = statusCode >= 200 && statusCode < 300;
          return withRequestId({ status: 200, body: { success, timestamp: new Date().toISOString(), statusCode, reason: success ? 'OK' : 'ERROR', detail: String(statusCode) } });
        },
      },
    ],
    () => withRequestId(lineError.notFound()),
  );

  const build = (payload: unknown, deliverOptions: DeliverOptions, redelivery: boolean) => {
    const rawBody = JSON.stringify(redelivery ? markRedelivered(payload) : payload);
    const secret = signingSecret(options.channelSecret, deliverOptions.signature);
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'LineBotWebhook/2.0' };
    if (secret !== null) headers['x-line-signature'] = lineSignature(secret, rawBody);
    return { url: deliverOptions.webhookUrl, rawBody, headers };
  };
  const delivery = (payload: unknown, deliverOptions: DeliverOptions): WebhookDelivery => ({
    build: (attempt) => build(payload, deliverOptions, attempt > 1),
    retry: deliverOptions.retry ?? retry,
    timeoutMs: 10_000,
    retryAfter: unlessAcknowledged,
    ...(options.reach ? { reach: options.reach } : {}),
  });

  return {
    apiBaseUrl: api.apiBaseUrl,
    dataApiBaseUrl: api.apiBaseUrl,
    sent: api.sent,
    accepted,
    receivedMedia,
    deliveries,
    texts: () => accepted.filter((one) => one.message.type === 'text').map((one) => ({ to: one.to, text: String(one.message.text), id: one.id })),
    respondNext: api.respondNext,
    respondFor: api.respondFor,
    addContent: (messageId, bytes, contentType) => void content.add(bytes, contentType, 'content', messageId),
    addProfile: (userId, profile) => void profiles.set(userId, profile),
    deliver: (payload, deliverOptions) => {
      const one = delivery(payload, deliverOptions);
      return deliverOptions.concurrent ? deliverConcurrently(one, deliverOptions.concurrent, deliveries) : deliverWebhook(one, deliveries);
    },
    redeliver: (payload, { webhookUrl }) =>
      deliverWebhook({ ...delivery(payload, { webhookUrl }), build: () => build(payload, { webhookUrl }, true), retry: { attempts: 1, delayMs: 0 } }, deliveries),
    close: api.close,
  };
}

/** The same events, marked as LINE marks a redelivery. */
function markRedelivered(payload: unknown): unknown {
  const webhook = payload as { events?: Record<string, unknown>[] };
  return { ...webhook, events: (webhook.events ?? []).map((event) => ({ ...event, deliveryContext: { isRedelivery: true } })) };
}

/** LINE's checks on a message array; LINE fetches image URLs when it shows them, the fake at once. */
async function checkMessages(body: unknown, received: MediaFetch[], reach?: Reach): Promise<ProviderAnswer | null> {
  const messages = (body as { messages?: unknown } | undefined)?.messages;
  if (!Array.isArray(messages) || messages.length < 1 || messages.length > 5) return lineError.invalid('messages', 'Size must be between 1 and 5');
  for (const [index, message] of (messages as Record<string, unknown>[]).entries()) {
    const at = `messages[${index}]`;
    if (message.type === 'text') {
      if (typeof message.text !== 'string' || message.text.length === 0) return lineError.invalid(`${at}.text`, 'must be specified');
      if (message.text.length > 5000) return lineError.invalid(`${at}.text`, 'Length must be between 0 and 5000');
    } else if (['image', 'video', 'audio'].includes(String(message.type))) {
      const invalid = await checkMedia(message, at, received, reach);
      if (invalid) return invalid;
    } else {
      return lineError.invalid(`${at}.type`, 'Unsupported message type');
    }
  }
  return null;
}

/**
 * LINE's media messages (Messaging API reference, "Message objects"): an image (JPEG or PNG) and
 * its preview (JPEG or PNG, at most 1 MB); a video (MP4) and its preview image; audio (M4A or MP3)
 * with its `duration` in milliseconds. Every URL is fetched, as LINE does when it shows them.
 */
async function checkMedia(message: Record<string, unknown>, at: string, received: MediaFetch[], reach?: Reach): Promise<ProviderAnswer | null> {
  const types: Record<string, string[]> = { image: ['image/jpeg', 'image/png'], video: ['video/mp4'], audio: ['audio/mp4', 'audio/x-m4a', 'audio/mpeg'] };
  const original = await fetchChecked(message.originalContentUrl, `${at}.originalContentUrl`, types[String(message.type)] ?? [], received, reach);
  if (original) return original;
  if (message.type === 'audio') {
    const duration = message.duration;
    if (typeof duration !== 'number' || !Number.isInteger(duration) || duration <= 0) return lineError.invalid(`${at}.duration`, 'must be specified');
    return null;
  }
  return fetchChecked(message.previewImageUrl, `${at}.previewImageUrl`, ['image/jpeg', 'image/png'], received, reach, PREVIEW_MAX);
}

/** LINE's limit for a preview image. */
const PREVIEW_MAX = 1024 * 1024;

async function fetchChecked(url: unknown, property: string, types: string[], received: MediaFetch[], reach?: Reach, maxBytes = Infinity): Promise<ProviderAnswer | null> {
  if (typeof url !== 'string' || !acceptableUrl(url)) return lineError.invalid(property, 'must be a valid HTTPS URL');
  const fetched = await fetchMedia(url, received, reach);
  if (fetched.status !== 200) return lineError.invalid(property, 'could not be retrieved');
  if (!types.includes(fetched.contentType.split(';')[0]?.trim() ?? '')) return lineError.invalid(property, `unsupported content type ${fetched.contentType}`);
  if (fetched.bytes.length > maxBytes) return lineError.invalid(property, 'file size exceeds the limit');
  return null;
}

/** LINE wants HTTPS; loopback HTTP is allowed here so tests need no certificate. */
function acceptableUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname));
  } catch {
    return false;
  }
}
