import { postWebhook, startFakeApi, type DeliveryAttempt, type FakeApi, type RetrySchedule, type SentRequest } from '../fake-http.js';
import { WhatsAppMediaApi, type SentMedia } from './media.js';
import { metaJson, metaSignature, wamid, whatsAppError } from './payloads.js';

export interface WhatsAppFakeOptions {
  appSecret: string;
  accessToken: string;
  phoneNumberId: string;
  graphVersion?: string;
  /** What GET /{version}/{phone-number-id} answers (the relay's connection test); Meta's test number by default. */
  verifiedName?: string;
  displayPhoneNumber?: string;
  /** Meta redelivers an unacknowledged notification for days, less and less often; tests shorten that. */
  retry?: RetrySchedule;
}

export interface DeliverOptions {
  webhookUrl: string;
  /** 'forged': signed with another secret; 'missing': no signature header. */
  signature?: 'valid' | 'forged' | 'missing';
  retry?: RetrySchedule;
}

export interface WhatsAppFake extends FakeApi {
  deliveries: DeliveryAttempt[];
  /** POSTs a notification as Meta does (its serialisation, signed), redelivering until a 2xx; returns the last status. */
  deliver(payload: unknown, options: DeliverOptions): Promise<number>;
  /** The very same bytes once more, as a provider's retry sends them. */
  redeliver(payload: unknown, options: DeliverOptions): Promise<number>;
  /** Meta's check of the callback URL: GET with hub.mode, hub.verify_token and hub.challenge. */
  handshake(webhookUrl: string, verifyToken: string, challenge: string): Promise<{ status: number; body: string }>;
  /** Texts the send API took: whom to, what, and the id it answered. */
  texts(): { to: string; body: string; id: string }[];
  /** Files users send (addMedia gives the id a media message names) and those the business uploaded. */
  media: WhatsAppMediaApi;
  /** Media messages the send API took, with their files. */
  sentMedia: SentMedia[];
}

const DEFAULT_RETRY: RetrySchedule = { attempts: 5, delayMs: 200 };

/** Meta's Graph API for one business phone number, and its webhooks. */
export async function startWhatsAppFake(options: WhatsAppFakeOptions): Promise<WhatsAppFake> {
  const version = options.graphVersion ?? 'v23.0';
  const messagesPath = `/${version}/${options.phoneNumberId}/messages`;
  const phoneNumberPath = `/${version}/${options.phoneNumberId}`;
  const media = new WhatsAppMediaApi(version, options.phoneNumberId, () => api.apiBaseUrl);
  const sentMedia: SentMedia[] = [];
  const api = await startFakeApi(async (request) => {
    if (request.headers.authorization !== `Bearer ${options.accessToken}`) return whatsAppError(190);
    const mediaAnswer = await media.answer(request);
    if (mediaAnswer) return mediaAnswer;
    if (request.method === 'GET') return request.path === phoneNumberPath ? { status: 200, body: phoneNumber(options) } : unsupportedGet(request.path);
    if (request.method !== 'POST' || request.path !== messagesPath) return { status: 400, body: { error: { message: 'Unsupported post request.', type: 'GraphMethodException', code: 100, fbtrace_id: 'A1' } } };
    const body = request.body as { messaging_product?: unknown; to?: unknown; type?: unknown; text?: { body?: unknown } } | undefined;
    const file = body ? media.mediaMessage(body as Record<string, unknown>) : null;
    if (file === 'invalid') return whatsAppError(100);
    if (file && body?.messaging_product === 'whatsapp' && typeof body.to === 'string') {
      const messageId = wamid();
      sentMedia.push({ to: body.to, type: file.type, media: file.media, caption: file.caption, filename: file.filename, messageId });
      return { status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: messageId }] } };
    }
    const valid = body?.messaging_product === 'whatsapp' && typeof body.to === 'string' && /^\d{6,20}$/.test(body.to) && body.type === 'text'
      && typeof body.text?.body === 'string' && body.text.body.length > 0 && body.text.body.length <= 4096;
    if (!valid) return whatsAppError(100);
    return { status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: wamid() }] } };
  });
  const deliveries: DeliveryAttempt[] = [];
  const deliver = (payload: unknown, { webhookUrl, signature = 'valid', retry }: DeliverOptions) => {
    const rawBody = metaJson(payload);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (signature !== 'missing') headers['x-hub-signature-256'] = metaSignature(rawBody, signature === 'valid' ? options.appSecret : `${options.appSecret}-forged`);
    return postWebhook(webhookUrl, rawBody, headers, retry ?? options.retry ?? DEFAULT_RETRY, deliveries);
  };
  return {
    ...api,
    deliveries,
    deliver,
    redeliver: (payload, deliverOptions) => deliver(payload, { ...deliverOptions, retry: { attempts: 1, delayMs: 0 } }),
    async handshake(webhookUrl, verifyToken, challenge) {
      const url = new URL(webhookUrl);
      url.search = new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.verify_token': verifyToken, 'hub.challenge': challenge }).toString();
      const response = await fetch(url);
      return { status: response.status, body: await response.text() };
    },
    texts: () => api.sent.filter((request) => request.method === 'POST' && request.response.status === 200 && (request.body as { type?: unknown } | undefined)?.type === 'text').map((request) => textOf(request)),
    media,
    sentMedia,
  };
}

/** The phone number node with its default fields, as the Graph API answers GET /{phone-number-id}. */
function phoneNumber(options: WhatsAppFakeOptions): Record<string, unknown> {
  return {
    verified_name: options.verifiedName ?? 'Test Number',
    code_verification_status: 'NOT_VERIFIED',
    display_phone_number: options.displayPhoneNumber ?? '15550783881',
    quality_rating: 'GREEN',
    platform_type: 'CLOUD_API',
    throughput: { level: 'STANDARD' },
    id: options.phoneNumberId,
  };
}

/** The Graph API's answer for a node that does not exist or that the token may not read. */
function unsupportedGet(path: string): { status: number; body: unknown } {
  const id = path.split('/').at(-1) ?? '';
  const message = `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`;
  return { status: 400, body: { error: { message, type: 'GraphMethodException', code: 100, error_subcode: 33, fbtrace_id: 'AqxJ0Fn0Ac3bXnDBBRyZ8fV' } } };
}

function textOf(request: SentRequest): { to: string; body: string; id: string } {
  const body = request.body as { to: string; text: { body: string } };
  const answer = request.response.body as { messages: { id: string }[] };
  return { to: body.to, body: body.text.body, id: answer.messages[0]?.id ?? '' };
}
