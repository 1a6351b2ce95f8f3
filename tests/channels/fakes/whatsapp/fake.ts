import { postWebhook, startFakeApi, type DeliveryAttempt, type FakeApi, type RetrySchedule, type SentRequest } from '../fake-http.js';
import { metaJson, metaSignature, wamid, whatsAppError } from './payloads.js';

export interface WhatsAppFakeOptions {
  appSecret: string;
  accessToken: string;
  phoneNumberId: string;
  graphVersion?: string;
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
}

const DEFAULT_RETRY: RetrySchedule = { attempts: 5, delayMs: 200 };

/** Meta's Graph API for one business phone number, and its webhooks. */
export async function startWhatsAppFake(options: WhatsAppFakeOptions): Promise<WhatsAppFake> {
  const version = options.graphVersion ?? 'v23.0';
  const messagesPath = `/${version}/${options.phoneNumberId}/messages`;
  const api = await startFakeApi((request) => {
    if (request.headers.authorization !== `Bearer ${options.accessToken}`) return whatsAppError(190);
    if (request.method !== 'POST' || request.path !== messagesPath) return { status: 400, body: { error: { message: 'Unsupported post request.', type: 'GraphMethodException', code: 100, fbtrace_id: 'A1' } } };
    const body = request.body as { messaging_product?: unknown; to?: unknown; type?: unknown; text?: { body?: unknown } } | undefined;
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
    texts: () => api.sent.filter(tookText).map((request) => textOf(request)),
  };
}

function tookText(request: SentRequest): boolean {
  return request.response.status === 200;
}

function textOf(request: SentRequest): { to: string; body: string; id: string } {
  const body = request.body as { to: string; text: { body: string } };
  const answer = request.response.body as { messages: { id: string }[] };
  return { to: body.to, body: body.text.body, id: answer.messages[0]?.id ?? '' };
}
