import {
  MediaStore,
  deliverConcurrently,
  deliverWebhook,
  fetchMedia,
  parseMultipart,
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
import { createHmac } from 'node:crypto';
import { metaJson, metaSignature } from './signing.js';

/**
 * The Graph API side shared by the Messenger and Instagram fakes: the Send API
 * (POST /v{N}/me/messages or /v{N}/{page-or-ig-id}/messages, access_token in the query or
 * "Authorization: Bearer"), GET /v{N}/me (who the token speaks for), media served for inbound attachments, outbound attachments fetched
 * from their URL or taken from a multipart `filedata` upload, the 24-hour window (7 days with
 * the HUMAN_AGENT tag) when asked to enforce it, and signed webhooks redelivered on failure.
 *
 * Docs followed:
 * - Send API: https://developers.facebook.com/docs/messenger-platform/reference/send-api/
 * - Send API errors: https://developers.facebook.com/docs/messenger-platform/reference/send-api/error-codes
 *   and https://developers.facebook.com/docs/messenger-platform/error-codes
 * - Messaging types and tags (24 h window, HUMAN_AGENT 7 days):
 *   https://developers.facebook.com/docs/messenger-platform/send-messages#messaging_types and
 *   https://developers.facebook.com/docs/messenger-platform/send-messages/message-tags
 * - Webhooks (verification GET, X-Hub-Signature-256, retries):
 *   https://developers.facebook.com/docs/messenger-platform/webhooks and
 *   https://developers.facebook.com/docs/graph-api/webhooks/getting-started
 * Redelivery: Meta retries a notification that is not answered 200 "immediately a few more
 * times", then with decreasing frequency for up to 36 hours; the fake's default is 5 attempts
 * close together (tests pass `retry` to change it).
 */

export type MessagingType = 'RESPONSE' | 'UPDATE' | 'MESSAGE_TAG';

export interface MetaFakeOptions {
  appSecret: string;
  /** The Page access token the Send API expects. */
  accessToken: string;
  retry?: RetrySchedule;
  /** Refuse sends outside the window, as Meta does (the fake learns the window from deliver()). */
  enforceWindow?: boolean;
  /** Where Meta's requests really go for the URLs it was given (see Reach in shared-provider-api.ts). */
  reach?: Reach;
  /** Who the token speaks for, as GET /v{N}/me answers (the Page, or the Instagram account). */
  account?: { id: string; name: string };
}

/** How Messenger and Instagram differ on the Graph side. */
export interface MetaFlavour {
  /** The error subcode for a send outside the window (code 10). */
  outsideWindowSubcode: number;
  /** Tags that may be sent at any time (Messenger's event, purchase and account updates). */
  anytimeTags: string[];
  /** The text limit, in the provider's words when it is exceeded (null: within the limit). */
  textLimit: (text: string) => string | null;
}

export interface MetaGraphFake {
  apiBaseUrl: string;
  sent: SentRequest[];
  respondNext(...responses: FakeResponse[]): void;
  respondFor(recipientId: string, response: FakeResponse): void;
  /** Attachments the fake received from the relay: fetched from their URL, or uploaded. */
  receivedMedia: MediaFetch[];
  deliveries: DeliveryAttempt[];
  /** Texts the send API took (as the WhatsApp and Telegram fakes' texts()): to whom, what, and the id answered. */
  texts(): { to: string; text: string; id: string }[];
  /** Stores bytes and returns the URL an inbound attachment's payload.url points at. */
  addMedia(bytes: Buffer, contentType: string): string;
  /** Tells the fake when the customer last wrote (the window), without delivering anything. */
  customerWrote(userId: string, atMs: number): void;
  deliver(payload: unknown, options: DeliverOptions): Promise<number>;
  redeliver(payload: unknown, options: { webhookUrl: string }): Promise<number>;
  /** Meta's verification request: GET with hub.mode, hub.verify_token, hub.challenge (as the WhatsApp fake's). */
  handshake(webhookUrl: string, verifyToken: string, challenge: string): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A Graph API error answer, e.g. metaError(10, 2018278) outside the window. */
export function metaError(code: number, subcode?: number, message?: string): ProviderAnswer {
  const known = KNOWN_ERRORS[`${code}/${subcode ?? ''}`] ?? KNOWN_ERRORS[`${code}/`] ?? 'An unknown error occurred';
  const error: Record<string, unknown> = { message: message ?? known, type: 'OAuthException', code };
  if (subcode !== undefined) error.error_subcode = subcode;
  error.fbtrace_id = randomId('A', 22, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');
  return { status: code === 1 || code === 2 ? 500 : 400, body: { error } };
}

const KNOWN_ERRORS: Record<string, string> = {
  '1/': 'An unknown error occurred',
  '2/': 'An unexpected error has occurred. Please retry your request later.',
  '4/': 'Application request limit reached',
  '10/2018278': 'This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview',
  '10/2534022': 'This message is sent outside of allowed window.',
  '100/': 'Invalid parameter',
  '100/2018001': 'No matching user found',
  '100/2018008': 'Failed to fetch the file from the url',
  '104/': 'An access token is required to request this resource.',
  '190/': 'Invalid OAuth access token - Cannot parse access token',
  '551/1545041': "This person isn't available right now.",
};

export async function startMetaGraphFake(options: MetaFakeOptions, flavour: MetaFlavour): Promise<MetaGraphFake> {
  const media = new MediaStore();
  const receivedMedia: MediaFetch[] = [];
  const deliveries: DeliveryAttempt[] = [];
  const lastWrote = new Map<string, number>();
  const retry = options.retry ?? { attempts: 5, delayMs: 100 };

  const refuse = (request: ProviderRequest): ProviderAnswer | null => {
    const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const token = request.query.access_token ?? bearer;
    if (token === undefined) return metaError(104);
    return token === options.accessToken ? null : metaError(190);
  };

  const windowRefusal = (recipient: string, messagingType: string, tag: unknown): ProviderAnswer | null => {
    if (!options.enforceWindow) return null;
    if (messagingType === 'MESSAGE_TAG' && typeof tag === 'string' && flavour.anytimeTags.includes(tag)) return null;
    const wrote = lastWrote.get(recipient);
    const open = messagingType === 'MESSAGE_TAG' && tag === 'HUMAN_AGENT' ? 7 * DAY_MS : DAY_MS;
    if (wrote !== undefined && Date.now() - wrote <= open) return null;
    return metaError(10, flavour.outsideWindowSubcode);
  };

  const send = async (request: ProviderRequest): Promise<ProviderAnswer> => {
    const form = await parseMultipart(request);
    const fields = form ? multipartFields(form) : (request.body as Record<string, unknown> | undefined);
    const recipient = recipientId(fields?.recipient);
    const message = fields?.message as Record<string, unknown> | undefined;
    const messagingType = typeof fields?.messaging_type === 'string' ? fields.messaging_type : undefined;
    if (recipient === undefined) return metaError(100, undefined, '(#100) The parameter recipient is required');
    if (!messagingType || !['RESPONSE', 'UPDATE', 'MESSAGE_TAG'].includes(messagingType)) {
      return metaError(100, undefined, '(#100) The parameter messaging_type is required and must be RESPONSE, UPDATE or MESSAGE_TAG');
    }
    if (messagingType === 'MESSAGE_TAG' && typeof fields?.tag !== 'string') return metaError(100, undefined, '(#100) Tag is required for MESSAGE_TAG');
    if (!message || typeof message !== 'object') return metaError(100, undefined, '(#100) The parameter message is required');
    const closed = windowRefusal(recipient, messagingType, fields?.tag);
    if (closed) return closed;
    const tooLong = typeof message.text === 'string' ? flavour.textLimit(message.text) : null;
    if (tooLong) return metaError(100, undefined, tooLong);
    const attachmentRefusal = await takeAttachment(message, form, receivedMedia, options.reach);
    if (attachmentRefusal) return attachmentRefusal;
    if (typeof message.text !== 'string' && message.attachment === undefined) return metaError(100, undefined, '(#100) Message cannot be empty');
    return { status: 200, body: { recipient_id: recipient, message_id: randomId('m_', 86, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_') } };
  };

  const api = await startProviderApi(
    [
      {
        method: 'POST',
        path: /^\/v\d+(?:\.\d+)?\/(?:me|\d+)\/messages$/,
        refuse,
        send: true,
        recipientOf: (request) => recipientId((request.body as Record<string, unknown> | undefined)?.recipient),
        answer: send,
      },
      {
        // A "who am I" call, as a connection check makes it: GET /v{N}/me?fields=id,name.
        method: 'GET',
        path: /^\/v\d+(?:\.\d+)?\/me$/,
        refuse,
        answer: () => ({ status: 200, body: options.account ?? { id: '0', name: 'Fake Page' } }),
      },
      {
        method: 'GET',
        path: /^\/media\/([^/]+)$/,
        answer: (request) => media.answer(request.params[0] ?? '') ?? { status: 404, body: 'Not Found', raw: 'Not Found' },
      },
    ],
    () => metaError(100, undefined, 'Unsupported request - method type or path not supported'),
  );

  const build = (payload: unknown, deliverOptions: DeliverOptions) => {
    const rawBody = metaJson(payload);
    const secret = signingSecret(options.appSecret, deliverOptions.signature);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'facebookexternalua' };
    if (secret !== null) {
      headers['x-hub-signature-256'] = metaSignature(secret, rawBody);
      headers['x-hub-signature'] = 'sha1=' + createHmac('sha1', secret).update(rawBody, 'utf8').digest('hex');
    }
    return { url: deliverOptions.webhookUrl, rawBody, headers };
  };

  const delivery = (payload: unknown, deliverOptions: DeliverOptions): WebhookDelivery => {
    const request = build(payload, deliverOptions);
    return { build: () => request, retry: deliverOptions.retry ?? retry, timeoutMs: 20_000, retryAfter: unlessAcknowledged, ...(options.reach ? { reach: options.reach } : {}) };
  };

  return {
    apiBaseUrl: api.apiBaseUrl,
    sent: api.sent,
    respondNext: api.respondNext,
    respondFor: api.respondFor,
    receivedMedia,
    deliveries,
    texts: () =>
      api.sent
        .filter((request) => request.response.status === 200 && typeof (request.body as { message?: { text?: unknown } } | undefined)?.message?.text === 'string')
        .map((request) => {
          const body = request.body as { recipient: { id: string }; message: { text: string } };
          return { to: body.recipient.id, text: body.message.text, id: (request.response.body as { message_id: string }).message_id };
        }),
    addMedia: (bytes, contentType) => `${api.apiBaseUrl}/media/${media.add(bytes, contentType)}`,
    customerWrote: (userId, atMs) => void lastWrote.set(userId, atMs),
    deliver: async (payload, deliverOptions) => {
      for (const userId of customersWriting(payload)) lastWrote.set(userId, Date.now());
      const one = delivery(payload, deliverOptions);
      return deliverOptions.concurrent ? deliverConcurrently(one, deliverOptions.concurrent, deliveries) : deliverWebhook(one, deliveries);
    },
    redeliver: (payload, { webhookUrl }) => deliverWebhook({ ...delivery(payload, { webhookUrl }), retry: { attempts: 1, delayMs: 0 } }, deliveries),
    handshake: async (webhookUrl, verifyToken, challenge) => {
      const url = new URL(webhookUrl);
      url.searchParams.set('hub.mode', 'subscribe');
      url.searchParams.set('hub.verify_token', verifyToken);
      url.searchParams.set('hub.challenge', challenge);
      const response = await fetch(options.reach ? options.reach(url.toString()) : url);
      return { status: response.status, body: await response.text() };
    },
    close: api.close,
  };
}

function recipientId(recipient: unknown): string | undefined {
  const parsed = typeof recipient === 'string' ? safeJson(recipient) : recipient;
  const id = (parsed as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** A multipart send: recipient and message are JSON strings beside the `filedata` file. */
function multipartFields(form: FormData): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  form.forEach((value, name) => {
    if (typeof value === 'string') fields[name] = name === 'message' || name === 'recipient' ? safeJson(value) : value;
  });
  return fields;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Takes the attachment as Meta does: fetched from payload.url, or the uploaded `filedata`. */
async function takeAttachment(message: Record<string, unknown>, form: FormData | null, received: MediaFetch[], reach?: Reach): Promise<ProviderAnswer | null> {
  const attachment = message.attachment as { type?: unknown; payload?: { url?: unknown } } | undefined;
  if (attachment === undefined) return null;
  if (!['image', 'video', 'audio', 'file'].includes(String(attachment.type))) return metaError(100, undefined, '(#100) Invalid attachment type');
  const file = form?.get('filedata');
  if (file && typeof file !== 'string') {
    received.push({ url: `upload:${file.name}`, status: 200, contentType: file.type, bytes: Buffer.from(await file.arrayBuffer()) });
    return null;
  }
  const url = attachment.payload?.url;
  if (typeof url !== 'string') return metaError(100, undefined, '(#100) Attachment payload requires a url or an upload');
  const fetched = await fetchMedia(url, received, reach);
  return fetched.status === 200 ? null : metaError(100, 2018008);
}

/** The customers who wrote in a webhook payload: a message from them opens their window. */
function customersWriting(payload: unknown): string[] {
  const entries = (payload as { entry?: { messaging?: { sender?: { id?: string }; message?: { is_echo?: boolean } }[] }[] }).entry ?? [];
  return entries
    .flatMap((entry) => entry.messaging ?? [])
    .filter((event) => event.message !== undefined && event.message.is_echo !== true)
    .map((event) => event.sender?.id)
    .filter((id): id is string => typeof id === 'string');
}
