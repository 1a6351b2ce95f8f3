import {
  MediaStore,
  deliverConcurrently,
  deliverWebhook,
  fetchMedia,
  randomId,
  signingSecret,
  startProviderApi,
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
import { viberError, viberJson, viberMessageToken, viberStatus, viberWebhookCheck } from './payloads.js';
import { viberSignature } from './signing.js';

/**
 * A fake Viber REST Bot API (chatapi.viber.com/pa).
 * Docs followed: https://developers.viber.com/docs/api/rest-bot-api/ (authentication with
 * X-Viber-Auth-Token, set_webhook and its "webhook" check callback, send_message and its message
 * types and limits, get_account_info, get_user_details, callbacks, error codes) and the FAQ
 * https://developers.viber.com/docs/faq/ ("When a webhook appears offline, Viber will retry the
 * callback several times for an hour until the HTTP code 200 OK is received"; the fake's default
 * is 5 tries). Every answer is HTTP 200; the outcome is `status` in the body. send_message's
 * message_token is written bare as a 64-bit integer, as Viber does (see payloads.ts).
 */

export interface ViberFakeOptions {
  authToken: string;
  /** The bot's name and id as get_account_info reports them. */
  name?: string;
  retry?: RetrySchedule;
  /** A webhook already set (Viber answers webhookNotSet, status 10, to sends before set_webhook). */
  webhookUrl?: string;
  /** Where Viber's requests really go for the URLs it was given (see Reach in shared-provider-api.ts). */
  reach?: Reach;
}

/** A message Viber accepted. */
export interface ViberAccepted {
  receiver: string;
  messageToken: string;
  message: Record<string, unknown>;
}

export interface ViberFake {
  apiBaseUrl: string;
  sent: SentRequest[];
  accepted: ViberAccepted[];
  receivedMedia: MediaFetch[];
  deliveries: DeliveryAttempt[];
  /** Texts the send API took (as the WhatsApp and Telegram fakes' texts()): to whom, what, and the id answered. */
  texts(): { to: string; text: string; id: string }[];
  /** The URL set with set_webhook (status callbacks go there unless told otherwise). */
  webhookUrl: string | undefined;
  respondNext(...responses: FakeResponse[]): void;
  respondFor(receiver: string, response: FakeResponse): void;
  /** Serves bytes as Viber's media; returns the URL for viberPicture / viberFile. */
  addMedia(bytes: Buffer, contentType: string): string;
  deliver(payload: unknown, options: DeliverOptions): Promise<number>;
  redeliver(payload: unknown, options: { webhookUrl: string }): Promise<number>;
  /** delivered / seen / failed for a message the bot sent, to the registered webhook or `webhookUrl`. */
  statusCallback(messageToken: string, event: 'delivered' | 'seen' | 'failed', options?: { webhookUrl?: string; desc?: string }): Promise<number>;
  close(): Promise<void>;
}

const TYPES = ['text', 'picture', 'video', 'file', 'contact', 'location', 'url', 'sticker', 'rich_media'];

export async function startViberFake(options: ViberFakeOptions): Promise<ViberFake> {
  const media = new MediaStore();
  const accepted: ViberAccepted[] = [];
  const receivedMedia: MediaFetch[] = [];
  const deliveries: DeliveryAttempt[] = [];
  const retry = options.retry ?? { attempts: 5, delayMs: 100 };
  let webhookUrl: string | undefined = options.webhookUrl;

  const refuse = (request: ProviderRequest): ProviderAnswer | null => {
    const token = request.headers['x-viber-auth-token'];
    if (token === undefined) return viberError(2, 'missing_auth_token');
    return token === options.authToken ? null : viberError(2);
  };

  const sendMessage = async (request: ProviderRequest): Promise<ProviderAnswer> => {
    const body = request.body as Record<string, unknown> | undefined;
    if (!body || typeof body.receiver !== 'string' || typeof body.type !== 'string') return viberError(4);
    if (!TYPES.includes(body.type)) return viberError(3);
    const sender = body.sender as { name?: unknown } | undefined;
    if (typeof sender?.name !== 'string' || sender.name.length > 28) return viberError(3, 'badData: sender.name is required, up to 28 characters');
    if (webhookUrl === undefined) return viberError(10);
    if (body.type === 'text' && (typeof body.text !== 'string' || body.text.length === 0 || body.text.length > 7000)) return viberError(3);
    if (['picture', 'video', 'file'].includes(body.type)) {
      if (typeof body.media !== 'string') return viberError(4);
      if (body.type === 'file' && (typeof body.file_name !== 'string' || typeof body.size !== 'number')) return viberError(4);
      if ((await fetchMedia(body.media, receivedMedia, options.reach)).status !== 200) return viberError(3, 'badData: media could not be downloaded');
    }
    const messageToken = viberMessageToken();
    accepted.push({ receiver: body.receiver, messageToken, message: body });
    const answer = { status: 0, status_message: 'ok', message_token: messageToken, chat_hostname: 'SN-CHAT-03_', billing_status: 1 };
    return { status: 200, body: answer, raw: viberJson(answer) };
  };

  const setWebhook = async (request: ProviderRequest): Promise<ProviderAnswer> => {
    const url = (request.body as { url?: unknown } | undefined)?.url;
    if (typeof url !== 'string') return viberError(1);
    if (url === '') {
      webhookUrl = undefined;
      return { status: 200, body: { status: 0, status_message: 'ok' } };
    }
    const status = await deliverWebhook(delivery(viberWebhookCheck(), { webhookUrl: url, retry: { attempts: 1, delayMs: 0 } }), deliveries);
    if (status !== 200) return viberError(1);
    webhookUrl = url;
    const eventTypes = (request.body as { event_types?: unknown }).event_types;
    return { status: 200, body: { status: 0, status_message: 'ok', event_types: Array.isArray(eventTypes) ? eventTypes : ['delivered', 'seen', 'failed', 'subscribed', 'unsubscribed', 'conversation_started'] } };
  };

  const api = await startProviderApi(
    [
      {
        method: 'POST',
        path: /^\/pa\/send_message$/,
        refuse,
        send: true,
        recipientOf: (request) => (request.body as { receiver?: string } | undefined)?.receiver,
        answer: sendMessage,
      },
      { method: 'POST', path: /^\/pa\/set_webhook$/, refuse, answer: setWebhook },
      {
        method: 'POST',
        path: /^\/pa\/get_account_info$/,
        refuse,
        answer: () => ({
          status: 200,
          body: { status: 0, status_message: 'ok', id: 'pa:' + randomId('', 19, '0123456789'), name: options.name ?? 'Fake Viber bot', uri: 'fakebot', webhook: webhookUrl ?? '', subscribers_count: 0 },
        }),
      },
      {
        method: 'POST',
        path: /^\/pa\/get_user_details$/,
        refuse,
        answer: (request) => {
          const id = (request.body as { id?: unknown } | undefined)?.id;
          if (typeof id !== 'string') return viberError(4);
          return { status: 200, body: { status: 0, status_message: 'ok', user: { id, name: 'Viber user', language: 'uk', country: 'UA', api_version: 10 } } };
        },
      },
      { method: 'GET', path: /^\/media\/([^/]+)$/, answer: (request) => media.answer(request.params[0] ?? '') ?? { status: 404, body: 'Not Found', raw: 'Not Found' } },
    ],
    () => ({ status: 404, body: 'Not Found', raw: 'Not Found' }),
  );

  const build = (payload: unknown, deliverOptions: DeliverOptions) => {
    const rawBody = typeof payload === 'string' ? payload : viberJson(payload);
    const secret = signingSecret(options.authToken, deliverOptions.signature);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (secret !== null) headers['x-viber-content-signature'] = viberSignature(secret, rawBody);
    return { url: deliverOptions.webhookUrl, rawBody, headers };
  };
  function delivery(payload: unknown, deliverOptions: DeliverOptions): WebhookDelivery {
    const request = build(payload, deliverOptions);
    return { build: () => request, retry: deliverOptions.retry ?? retry, timeoutMs: 10_000, retryAfter: (status) => status !== 200, ...(options.reach ? { reach: options.reach } : {}) };
  }
  const deliver = (payload: unknown, deliverOptions: DeliverOptions) => {
    const one = delivery(payload, deliverOptions);
    return deliverOptions.concurrent ? deliverConcurrently(one, deliverOptions.concurrent, deliveries) : deliverWebhook(one, deliveries);
  };

  return {
    apiBaseUrl: api.apiBaseUrl,
    sent: api.sent,
    accepted,
    receivedMedia,
    deliveries,
    texts: () => accepted.filter((one) => one.message.type === 'text').map((one) => ({ to: one.receiver, text: String(one.message.text), id: one.messageToken })),
    get webhookUrl() {
      return webhookUrl;
    },
    respondNext: api.respondNext,
    respondFor: api.respondFor,
    addMedia: (bytes, contentType) => `${api.apiBaseUrl}/media/${media.add(bytes, contentType)}`,
    deliver,
    redeliver: (payload, { webhookUrl: url }) => deliverWebhook({ ...delivery(payload, { webhookUrl: url }), retry: { attempts: 1, delayMs: 0 } }, deliveries),
    statusCallback: (messageToken, event, callbackOptions = {}) => {
      const message = accepted.find((one) => one.messageToken === messageToken);
      const url = callbackOptions.webhookUrl ?? webhookUrl;
      if (!message || !url) throw new Error(`No sent message ${messageToken}, or no webhook to call`);
      return deliver(viberStatus(event, messageToken, message.receiver, callbackOptions.desc), { webhookUrl: url });
    },
    close: api.close,
  };
}
