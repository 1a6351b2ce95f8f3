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
  /** The WhatsApp Business Account that owns the number: GET /{version}/{waba-id}/message_templates lists `templates`. */
  businessAccountId?: string;
  /** The account's templates as WhatsApp Manager holds them (any status); a template send must name an APPROVED one. */
  templates?: WhatsAppFakeTemplate[];
}

/** A template as the Graph API lists it (Meta's "Message Templates" reference). */
export interface WhatsAppFakeTemplate {
  name: string;
  language: string;
  status: 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | 'DISABLED';
  category: string;
  components: { type: 'HEADER' | 'BODY' | 'FOOTER' | 'BUTTONS'; format?: string; text?: string; buttons?: unknown[] }[];
  parameter_format?: 'POSITIONAL' | 'NAMED';
  id?: string;
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
  /** Template messages the send API took: whom to, the `template` object as sent, and the id it answered. */
  templateSends(): { to: string; template: unknown; id: string }[];
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
    if (request.method === 'GET') {
      if (request.path === phoneNumberPath) return { status: 200, body: phoneNumber(options) };
      if (options.businessAccountId && request.path === `/${version}/${options.businessAccountId}/message_templates`) return templatePage(options.templates ?? [], request.query);
      return unsupportedGet(request.path);
    }
    if (request.method !== 'POST' || request.path !== messagesPath) return { status: 400, body: { error: { message: 'Unsupported post request.', type: 'GraphMethodException', code: 100, fbtrace_id: 'A1' } } };
    const body = request.body as { messaging_product?: unknown; to?: unknown; type?: unknown; text?: { body?: unknown }; template?: unknown } | undefined;
    const file = body ? media.mediaMessage(body as Record<string, unknown>) : null;
    if (file === 'invalid') return whatsAppError(100);
    if (file && body?.messaging_product === 'whatsapp' && typeof body.to === 'string') {
      const messageId = wamid();
      sentMedia.push({ to: body.to, type: file.type, media: file.media, caption: file.caption, filename: file.filename, messageId });
      return { status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: messageId }] } };
    }
    if (body?.messaging_product !== 'whatsapp' || typeof body.to !== 'string' || !/^\d{6,20}$/.test(body.to)) return whatsAppError(100);
    if (body.type === 'template') {
      const refused = templateRefusal(options.templates ?? [], body.template);
      if (refused !== null) return whatsAppError(refused);
    } else if (body.type !== 'text' || typeof body.text?.body !== 'string' || body.text.body.length === 0 || body.text.body.length > 4096) {
      return whatsAppError(100);
    }
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
    texts: () => api.sent.filter((request) => request.method === 'POST' && request.response.status === 200 && typeOf(request) === 'text').map((request) => textOf(request)),
    templateSends: () =>
      api.sent
        .filter((request) => request.method === 'POST' && request.response.status === 200 && typeOf(request) === 'template')
        .map((request) => ({ to: (request.body as { to: string }).to, template: (request.body as { template: unknown }).template, id: idOf(request) })),
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

function typeOf(request: SentRequest): unknown {
  return (request.body as { type?: unknown } | undefined)?.type;
}

function idOf(request: SentRequest): string {
  return (request.response.body as { messages: { id: string }[] }).messages[0]?.id ?? '';
}

function textOf(request: SentRequest): { to: string; body: string; id: string } {
  const body = request.body as { to: string; text: { body: string } };
  return { to: body.to, body: body.text.body, id: idOf(request) };
}

/**
 * One page of GET /{waba-id}/message_templates: `limit` templates (25 by default) after the
 * `after` cursor, with Meta's `paging.cursors` and a `next` URL while more remain. Cursors are
 * opaque strings to the caller (here: the base64 of an offset).
 */
function templatePage(templates: readonly WhatsAppFakeTemplate[], query: Record<string, string>): { status: number; body: unknown } {
  const limit = Math.min(Number(query.limit ?? 25) || 25, 1000);
  const start = query.after ? Number(Buffer.from(query.after, 'base64').toString('utf8')) : 0;
  if (!Number.isInteger(start) || start < 0) return whatsAppError(100);
  const cursor = (offset: number) => Buffer.from(String(offset)).toString('base64');
  const fields = (query.fields ?? 'name,language,status,category,id').split(',');
  const data = templates.slice(start, start + limit).map((template, index) => ({
    ...Object.fromEntries(fields.filter((field) => field in template).map((field) => [field, template[field as keyof WhatsAppFakeTemplate]])),
    id: template.id ?? String(900_000 + start + index),
  }));
  const end = start + data.length;
  const paging = { cursors: { before: cursor(start), after: cursor(end) }, ...(end < templates.length ? { next: `https://graph.facebook.com/next?after=${cursor(end)}` } : {}) };
  return { status: 200, body: { data, paging } };
}

/**
 * What Meta says of a template send: 132001 when no APPROVED template has that name in that
 * language, 132000 when the body's values are not as many as its variables, 132018 when a value
 * holds a new line, a tab or more than 4 spaces in a row; null when it goes.
 */
function templateRefusal(templates: readonly WhatsAppFakeTemplate[], sent: unknown): number | null {
  const template = sent as { name?: unknown; language?: { code?: unknown }; components?: { type?: unknown; parameters?: { type?: unknown; text?: unknown }[] }[] } | undefined;
  if (typeof template?.name !== 'string' || typeof template.language?.code !== 'string') return 100;
  const known = templates.find((candidate) => candidate.name === template.name && candidate.language === template.language?.code && candidate.status === 'APPROVED');
  if (!known) return 132001;
  const body = known.components.find((component) => component.type === 'BODY')?.text ?? '';
  const expected = new Set(body.match(/\{\{\d+\}\}/g) ?? []).size;
  const values = (template.components ?? []).filter((component) => component.type === 'body').flatMap((component) => component.parameters ?? []);
  if (values.length !== expected) return 132000;
  if (values.some((value) => value.type !== 'text' || typeof value.text !== 'string' || /[\n\t]| {5,}/.test(value.text))) return 132018;
  return null;
}
