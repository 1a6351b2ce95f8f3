import { randomUUID } from 'node:crypto';
import {
  MediaStore,
  deliverConcurrently,
  deliverWebhook,
  fetchMedia,
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
import { smsStatus, twilioError, twilioSid, type MessageStatus, type TwilioForm } from './payloads.js';
import { smsSegments } from './segments.js';
import { twilioSignature } from './signing.js';

/**
 * A fake Twilio Programmable Messaging for SMS/MMS.
 * Docs followed:
 * - Message resource, create and fetch (form-encoded POST, Basic auth, 201 with the resource,
 *   status "queued", or "accepted" through a Messaging Service):
 *   https://www.twilio.com/docs/messaging/api/message-resource
 * - errors: https://www.twilio.com/docs/api/errors (21211, 21602-21604, 21610, 21617, 21620, 20003)
 * - opt-out keywords (STOP ... makes later sends fail with 21610, START undoes it):
 *   https://help.twilio.com/articles/223134027
 * - incoming media (MediaUrl{N}, fetched with Basic auth when "HTTP Basic Authentication for
 *   media" is on): https://www.twilio.com/docs/messaging/guides/webhook-request
 * - signature: https://www.twilio.com/docs/usage/webhooks/webhooks-security
 * - retries: https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides — by
 *   default Twilio retries a webhook once (rc=1) and only when the connection fails (rp=ct),
 *   never on an HTTP error status (an incoming message then goes to the fallback URL, if any).
 *   `retryPolicy: 'all'` is the "#rp=all" override. Each event carries I-Twilio-Idempotency-Token,
 *   the same on every retry.
 */

export interface SmsFakeOptions {
  accountSid: string;
  authToken: string;
  /** An API key that may stand in for the account credentials (Basic SK...:secret). */
  apiKey?: { sid: string; secret: string };
  /** Require Basic auth to fetch inbound media (Twilio's optional setting). */
  mediaAuth?: boolean;
  retry?: RetrySchedule;
  /** 'ct' (default): retry only a failed connection; 'all': also 4xx/5xx and timeouts. */
  retryPolicy?: 'ct' | 'all';
  /** The relay's public webhook and StatusCallback URLs are signed as given and POSTed to reach(url). */
  reach?: Reach;
}

export interface SmsMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  mediaUrls: string[];
  statusCallback?: string;
  status: MessageStatus;
}

export interface SmsFake {
  apiBaseUrl: string;
  sent: SentRequest[];
  /** Messages Twilio accepted, by sid. */
  messages: Map<string, SmsMessage>;
  receivedMedia: MediaFetch[];
  deliveries: DeliveryAttempt[];
  /** Texts the send API took (as the WhatsApp and Telegram fakes' texts()): to whom, what, and the id answered. */
  texts(): { to: string; text: string; id: string }[];
  respondNext(...responses: FakeResponse[]): void;
  respondFor(to: string, response: FakeResponse): void;
  /** Serves bytes as Twilio's media for an inbound MMS; returns the MediaUrl. */
  addMedia(bytes: Buffer, contentType: string): string;
  /** The webhook form, signed for webhookUrl; STOP/START in an inbound Body opt the sender out/in. */
  deliver(form: TwilioForm, options: DeliverOptions): Promise<number>;
  redeliver(form: TwilioForm, options: { webhookUrl: string }): Promise<number>;
  /** Posts a status callback for a sent message to the StatusCallback URL it was sent with. */
  /**
   * Posts a status callback for a sent message to the StatusCallback URL it was sent with (or
   * `webhookUrl`, the Messaging Service's callback, when it was sent without one).
   */
  statusCallback(
    messageSid: string,
    status: MessageStatus,
    options?: { errorCode?: number; signature?: DeliverOptions['signature']; webhookUrl?: string },
  ): Promise<number>;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{6,14}$/;
const OPT_OUT = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'];
const OPT_IN = ['START', 'UNSTOP', 'YES'];

export async function startSmsFake(options: SmsFakeOptions): Promise<SmsFake> {
  const media = new MediaStore();
  const messages = new Map<string, SmsMessage>();
  const optedOut = new Set<string>();
  const receivedMedia: MediaFetch[] = [];
  const deliveries: DeliveryAttempt[] = [];
  const idempotency = new Map<string, string>();
  const retry = options.retry ?? { attempts: 2, delayMs: 100 };
  const base = `/2010-04-01/Accounts/${options.accountSid}`;

  const authorized = (request: ProviderRequest): boolean => {
    const basic = /^Basic (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const [user, password] = Buffer.from(basic ?? '', 'base64').toString('utf8').split(/:(.*)/s);
    if (user === options.accountSid && password === options.authToken) return true;
    return options.apiKey !== undefined && user === options.apiKey.sid && password === options.apiKey.secret;
  };
  const refuse = (request: ProviderRequest): ProviderAnswer | null => {
    if (!authorized(request)) return twilioError(20003);
    return request.params[0] === options.accountSid ? null : twilioError(20404);
  };

  const create = async (request: ProviderRequest): Promise<ProviderAnswer> => {
    const form = request.body as Record<string, string | string[]> | undefined;
    const one = (name: string) => (typeof form?.[name] === 'string' ? (form[name] as string) : undefined);
    const to = one('To');
    const from = one('From');
    const serviceSid = one('MessagingServiceSid');
    const body = one('Body') ?? '';
    const mediaUrls = [form?.MediaUrl ?? []].flat();
    if (!to) return twilioError(21604);
    if (!E164.test(to)) return twilioError(21211, `Invalid 'To' Phone Number: ${to}`);
    if (!from && !serviceSid) return twilioError(21603);
    if (body === '' && mediaUrls.length === 0) return twilioError(21602);
    if (body.length > 1600) return twilioError(21617);
    if (optedOut.has(to)) return twilioError(21610);
    for (const url of mediaUrls) if ((await fetchMedia(url, receivedMedia, options.reach)).status !== 200) return twilioError(21620);
    const sid = twilioSid(mediaUrls.length > 0 ? 'MM' : 'SM');
    // Through a Messaging Service Twilio answers "accepted" until it picks a sender.
    const status: MessageStatus = serviceSid ? 'accepted' : 'queued';
    const message: SmsMessage = { sid, to, from: from ?? '', body, mediaUrls, status, ...(one('StatusCallback') ? { statusCallback: one('StatusCallback') } : {}) };
    messages.set(sid, message);
    return { status: 201, body: resource(message, serviceSid) };
  };

  const resource = (message: SmsMessage, serviceSid?: string): Record<string, unknown> => {
    const now = new Date().toUTCString().replace('GMT', '+0000');
    return {
      account_sid: options.accountSid,
      api_version: '2010-04-01',
      body: message.body,
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: message.from || null,
      messaging_service_sid: serviceSid ?? null,
      num_media: String(message.mediaUrls.length),
      num_segments: String(smsSegments(message.body)),
      price: null,
      price_unit: 'USD',
      sid: message.sid,
      status: message.status,
      subresource_uris: { media: `${base}/Messages/${message.sid}/Media.json` },
      to: message.to,
      uri: `${base}/Messages/${message.sid}.json`,
    };
  };

  const api = await startProviderApi(
    [
      {
        method: 'POST',
        path: /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/,
        refuse,
        send: true,
        recipientOf: (request) => (request.body as { To?: string } | undefined)?.To,
        answer: create,
      },
      {
        method: 'GET',
        path: /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\/([^/]+)\.json$/,
        refuse,
        answer: (request) => {
          const message = messages.get(request.params[1] ?? '');
          return message ? { status: 200, body: resource(message) } : twilioError(20404);
        },
      },
      {
        // The Account resource (https://www.twilio.com/docs/iam/api/account#fetch-an-account-resource): a connection check.
        method: 'GET',
        path: /^\/2010-04-01\/Accounts\/([^/]+)\.json$/,
        refuse,
        answer: () => ({ status: 200, body: { sid: options.accountSid, friendly_name: 'Fake Twilio account', status: 'active', type: 'Full', uri: `${base}.json` } }),
      },
      {
        method: 'GET',
        path: /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\/[^/]+\/Media\/([^/]+)$/,
        refuse: (request) => (options.mediaAuth ? refuse(request) : null),
        answer: (request) => media.answer(request.params[1] ?? '') ?? twilioError(20404),
      },
    ],
    () => twilioError(20404),
  );

  const build = (form: TwilioForm, deliverOptions: DeliverOptions) => {
    const rawBody = new URLSearchParams(form).toString();
    const secret = signingSecret(options.authToken, deliverOptions.signature);
    const key = deliverOptions.webhookUrl + '\n' + rawBody;
    const token = idempotency.get(key) ?? `${options.accountSid}-${randomUUID()}`;
    idempotency.set(key, token);
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'TwilioProxy/1.1',
      'i-twilio-idempotency-token': token,
    };
    if (secret !== null) headers['x-twilio-signature'] = twilioSignature(secret, deliverOptions.webhookUrl, form);
    return { url: deliverOptions.webhookUrl, rawBody, headers };
  };
  const delivery = (form: TwilioForm, deliverOptions: DeliverOptions): WebhookDelivery => {
    const request = build(form, deliverOptions);
    return {
      build: () => request,
      retry: deliverOptions.retry ?? retry,
      // Twilio's defaults: 5 s to connect, 15 s to read the answer.
      timeoutMs: 15_000,
      retryAfter: (status) => status === 0 || (options.retryPolicy === 'all' && (status < 200 || status >= 300)),
      ...(options.reach ? { reach: options.reach } : {}),
    };
  };
  const deliver = (form: TwilioForm, deliverOptions: DeliverOptions) => {
    optOutFrom(form, optedOut);
    const one = delivery(form, deliverOptions);
    return deliverOptions.concurrent ? deliverConcurrently(one, deliverOptions.concurrent, deliveries) : deliverWebhook(one, deliveries);
  };

  return {
    apiBaseUrl: api.apiBaseUrl,
    sent: api.sent,
    messages,
    receivedMedia,
    deliveries,
    texts: () => [...messages.values()].filter((one) => one.body !== '').map((one) => ({ to: one.to, text: one.body, id: one.sid })),
    respondNext: api.respondNext,
    respondFor: api.respondFor,
    addMedia: (bytes, contentType) => `${api.apiBaseUrl}${base}/Messages/${twilioSid('MM')}/Media/${media.add(bytes, contentType, 'media', twilioSid('ME'))}`,
    deliver,
    redeliver: (form, { webhookUrl }) => deliverWebhook({ ...delivery(form, { webhookUrl }), retry: { attempts: 1, delayMs: 0 } }, deliveries),
    statusCallback: async (messageSid, status, callbackOptions = {}) => {
      const message = messages.get(messageSid);
      const webhookUrl = callbackOptions.webhookUrl ?? message?.statusCallback;
      if (!message || !webhookUrl) throw new Error(`Message ${messageSid} was not sent, or has no StatusCallback`);
      message.status = status;
      const { errorCode, signature } = callbackOptions;
      const form = smsStatus({ accountSid: options.accountSid, from: message.from, to: message.to, messageSid, status, ...(errorCode === undefined ? {} : { errorCode }) });
      return deliver(form, { webhookUrl, ...(signature ? { signature } : {}) });
    },
    close: api.close,
  };
}

/** Twilio's default opt-out handling: STOP and its synonyms opt the sender out, START back in. */
function optOutFrom(form: TwilioForm, optedOut: Set<string>): void {
  if (form.SmsStatus !== 'received' || !form.From) return;
  const keyword = (form.Body ?? '').trim().toUpperCase();
  if (OPT_OUT.includes(keyword)) optedOut.add(form.From);
  if (OPT_IN.includes(keyword)) optedOut.delete(form.From);
}
