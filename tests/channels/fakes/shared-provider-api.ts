import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The loopback server and webhook poster behind the Messenger, Instagram, LINE, SMS (Twilio),
 * WeChat and Viber fakes. It keeps the shapes of fake-http.ts (SentRequest, FakeResponse,
 * DeliveryAttempt, RetrySchedule: see README.md) and adds what those six providers need and
 * fake-http.ts does not carry: response headers (LINE's x-line-request-id), byte bodies both ways
 * (media downloads, WeChat's multipart upload), answers that are not JSON, scripts that only the
 * send API consumes (a token fetch must not eat a scripted send failure), a sticky answer per
 * recipient, and deliveries whose bytes change per attempt (LINE marks redeliveries).
 */

/** One request a fake received on its API, as it arrived, and what the fake answered. */
export interface SentRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Header names in lower case. */
  headers: Record<string, string>;
  rawBody: string;
  /** The body parsed as JSON or as a form (by content type), else the raw text. */
  body: unknown;
  response: { status: number; body: unknown };
}

/** A request as a route sees it: the recorded fields plus the exact bytes (multipart uploads). */
export type ProviderRequest = Omit<SentRequest, 'response'> & { bytes: Buffer; params: string[] };

/** An answer: JSON `body` unless `raw` bytes or text are given (then `body` is only recorded). */
export interface ProviderAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  raw?: Buffer | string;
  /** Answer this much later (a slow provider), as fake-http.ts's FakeAnswer; the request is recorded on arrival. */
  delayMs?: number;
}

/** One scripted answer: a provider answer, no answer at all (a timeout), or a dropped socket. */
export type FakeResponse = ProviderAnswer | { hang: true } | { drop: true };

export interface ProviderRoute {
  method: string;
  /** Matched against the path; capture groups become `params`. */
  path: RegExp;
  /** The provider's own answer to a bad credential, or null when the credential is right. */
  refuse?: (request: ProviderRequest) => ProviderAnswer | null;
  /** True for the send API: scripted answers and per-recipient answers apply here only. */
  send?: boolean;
  /** Whom a send is for, to match answers scripted with respondFor. */
  recipientOf?: (request: ProviderRequest) => string | undefined;
  /**
   * Called when a scripted hang or drop swallows a send: the provider may well have processed it
   * and only the answer was lost (what idempotency keys such as LINE's X-Line-Retry-Key are for).
   */
  onLost?: (request: ProviderRequest) => void;
  /** Dresses every answer of this route, scripted ones included (e.g. LINE's x-line-request-id). */
  finish?: (answer: ProviderAnswer) => ProviderAnswer;
  /** The provider's answer; async where the provider fetches something first (an attachment URL). */
  answer: (request: ProviderRequest) => ProviderAnswer | Promise<ProviderAnswer>;
}

export interface ProviderApi {
  apiBaseUrl: string;
  sent: SentRequest[];
  /** Queues answers for the next send API requests, in order. */
  respondNext(...responses: FakeResponse[]): void;
  /** Answers every send to `recipient` with `response` from now on (e.g. an unsubscribed number). */
  respondFor(recipient: string, response: FakeResponse): void;
  close(): Promise<void>;
}

/** A route's answer for a path that no route knows, in the provider's words. */
export type NotFound = (request: ProviderRequest) => ProviderAnswer;

export async function startProviderApi(routes: ProviderRoute[], notFound: NotFound): Promise<ProviderApi> {
  const sent: SentRequest[] = [];
  const script: FakeResponse[] = [];
  const perRecipient = new Map<string, FakeResponse>();
  const hanging = new Set<ServerResponse>();

  const decide = async (request: ProviderRequest): Promise<FakeResponse> => {
    const match = findRoute(routes, request);
    if (!match) return notFound(request);
    const route = match.route;
    request.params = match.params;
    const decision = await answerFor(route, request);
    return 'status' in decision && route.finish ? route.finish(decision) : decision;
  };

  const answerFor = (route: ProviderRoute, request: ProviderRequest): FakeResponse | Promise<ProviderAnswer> => {
    const refused = route.refuse?.(request) ?? null;
    if (refused) return refused;
    if (route.send) {
      const recipient = route.recipientOf?.(request);
      const sticky = recipient === undefined ? undefined : perRecipient.get(recipient);
      if (sticky && ('hang' in sticky || 'drop' in sticky)) route.onLost?.(request);
      if (sticky) return sticky;
      const scripted = script.shift();
      if (scripted && ('hang' in scripted || 'drop' in scripted)) route.onLost?.(request);
      if (scripted) return scripted;
    }
    return route.answer(request);
  };

  const server = createServer((req, res) => {
    void readBytes(req).then(async (bytes) => {
      const request = toRequest(req, bytes);
      const decision = await decide(request);
      const { bytes: _bytes, params: _params, ...recorded } = request;
      if ('hang' in decision) {
        hanging.add(res);
        sent.push({ ...recorded, response: { status: 0, body: 'hang' } });
      } else if ('drop' in decision) {
        sent.push({ ...recorded, response: { status: 0, body: 'drop' } });
        req.socket.destroy();
      } else {
        sent.push({ ...recorded, response: { status: decision.status, body: decision.body } });
        if (decision.delayMs) setTimeout(() => writeAnswer(res, decision), decision.delayMs);
        else writeAnswer(res, decision);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiBaseUrl: `http://127.0.0.1:${port}`,
    sent,
    respondNext: (...responses) => void script.push(...responses),
    respondFor: (recipient, response) => void perRecipient.set(recipient, response),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function findRoute(routes: ProviderRoute[], request: ProviderRequest): { route: ProviderRoute; params: string[] } | null {
  for (const route of routes) {
    if (route.method !== request.method) continue;
    const match = route.path.exec(request.path);
    if (match) return { route, params: match.slice(1).map((part) => decodeURIComponent(part ?? '')) };
  }
  return null;
}

function toRequest(req: IncomingMessage, bytes: Buffer): ProviderRequest {
  const url = new URL(req.url ?? '/', 'http://fake');
  const rawBody = bytes.toString('utf8');
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: lowerCaseHeaders(req),
    rawBody,
    body: parseBody(rawBody, req.headers['content-type']),
    bytes,
    params: [],
  };
}

function writeAnswer(res: ServerResponse, answer: ProviderAnswer): void {
  const headers = { 'content-type': 'application/json; charset=utf-8', ...answer.headers };
  res.writeHead(answer.status, headers);
  res.end(answer.raw ?? JSON.stringify(answer.body));
}

function readBytes(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function parseBody(rawBody: string, contentType: string | undefined): unknown {
  if (rawBody === '') return undefined;
  if (contentType?.includes('application/x-www-form-urlencoded')) return parseForm(rawBody);
  if (contentType?.includes('multipart/form-data')) return rawBody;
  try {
    return JSON.parse(rawBody) as unknown;
  } catch {
    return rawBody;
  }
}

/** A form as an object; a repeated name (Twilio's MediaUrl) keeps all its values in an array. */
export function parseForm(rawBody: string): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(rawBody)) {
    const earlier = form[name];
    form[name] = earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
  }
  return form;
}

/** Media the fake hands out (inbound attachments) under ids it invents, with their bytes. */
export class MediaStore {
  private readonly items = new Map<string, { bytes: Buffer; contentType: string; fileName: string }>();

  add(bytes: Buffer, contentType: string, fileName = 'file', id: string = randomUUID().replaceAll('-', '')): string {
    this.items.set(id, { bytes, contentType, fileName });
    return id;
  }

  get(id: string): { bytes: Buffer; contentType: string; fileName: string } | undefined {
    return this.items.get(id);
  }

  /** The provider's answer carrying the bytes, or undefined when the id is unknown. */
  answer(id: string): ProviderAnswer | undefined {
    const item = this.items.get(id);
    if (!item) return undefined;
    return {
      status: 200,
      body: `<${item.bytes.length} bytes>`,
      raw: item.bytes,
      headers: { 'content-type': item.contentType, 'content-length': String(item.bytes.length) },
    };
  }
}

/** One webhook POST a fake made, and the status it got (0: no answer / network error). */
export interface DeliveryAttempt {
  url: string;
  rawBody: string;
  headers: Record<string, string>;
  status: number;
  /** What the receiver answered (a WeChat passive reply, a verification echo). */
  responseBody?: string;
}

/** How a provider redelivers a webhook that was not acknowledged. */
export interface RetrySchedule {
  /** Total attempts, the first included. */
  attempts: number;
  delayMs: number;
}

/**
 * Where the provider's requests really go for a URL it was given: a relay behind a proxy hands
 * providers its public https address (webhook, StatusCallback, attachment URLs) while tests run it
 * on loopback. The fake signs and records the URL as given and connects to reach(url).
 */
export type Reach = (url: string) => string;

/** One webhook request, as a provider builds it for a given attempt (1 = the first). */
export interface WebhookRequest {
  url: string;
  rawBody: string;
  headers: Record<string, string>;
}

export interface WebhookDelivery {
  build: (attempt: number) => WebhookRequest;
  retry: RetrySchedule;
  /** How long the provider waits for an answer before counting the attempt as failed. */
  timeoutMs: number;
  /** Whether the provider tries again after this status (0: no answer / network error). */
  retryAfter: (status: number) => boolean;
  reach?: Reach;
}

/** Anything but a 2xx, or no answer: how most providers decide to redeliver. */
export const unlessAcknowledged = (status: number): boolean => status < 200 || status >= 300;

/** POSTs the delivery, redelivering as its provider does; returns the last status (0: no answer). */
export async function deliverWebhook(delivery: WebhookDelivery, attempts: DeliveryAttempt[]): Promise<number> {
  let status = 0;
  for (let attempt = 1; attempt <= delivery.retry.attempts; attempt++) {
    const request = delivery.build(attempt);
    const answer = await postOnce({ ...request, url: delivery.reach ? delivery.reach(request.url) : request.url }, delivery.timeoutMs);
    status = answer.status;
    attempts.push({ ...request, ...answer });
    if (!delivery.retryAfter(status)) return status;
    if (attempt < delivery.retry.attempts) await new Promise((resolve) => setTimeout(resolve, delivery.retry.delayMs));
  }
  return status;
}

/** Sends `copies` deliveries at once (a provider racing itself); returns the worst status. */
export async function deliverConcurrently(delivery: WebhookDelivery, copies: number, attempts: DeliveryAttempt[]): Promise<number> {
  const statuses = await Promise.all(Array.from({ length: copies }, () => deliverWebhook(delivery, attempts)));
  return statuses.find((status) => unlessAcknowledged(status)) ?? statuses[0] ?? 0;
}

async function postOnce(request: WebhookRequest, timeoutMs: number): Promise<{ status: number; responseBody?: string }> {
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.rawBody,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: response.status, responseBody: await response.text() };
  } catch {
    return { status: 0 };
  }
}

/** A provider-style id: `prefix` then `length` random characters from `alphabet`. */
export function randomId(prefix: string, length: number, alphabet = '0123456789abcdef'): string {
  let id = prefix;
  for (let i = 0; i < length; i++) id += alphabet[Math.floor(Math.random() * alphabet.length)];
  return id;
}

/** What a fake fetched from a URL the relay gave it (an outbound attachment), as the provider would. */
export interface MediaFetch {
  url: string;
  /** 0: unreachable. */
  status: number;
  contentType: string;
  bytes: Buffer;
}

/** Fetches an attachment URL as a provider's media service does, recording the outcome. */
export async function fetchMedia(url: string, fetched: MediaFetch[], reach?: Reach): Promise<MediaFetch> {
  let result: MediaFetch;
  try {
    const response = await fetch(reach ? reach(url) : url, { signal: AbortSignal.timeout(10_000) });
    const bytes = Buffer.from(await response.arrayBuffer());
    result = { url, status: response.status, contentType: response.headers.get('content-type') ?? '', bytes };
  } catch {
    result = { url, status: 0, contentType: '', bytes: Buffer.alloc(0) };
  }
  fetched.push(result);
  return result;
}

/** A multipart/form-data body (an upload) as FormData, parsed by the platform's own parser. */
export async function parseMultipart(request: ProviderRequest): Promise<FormData | null> {
  const contentType = request.headers['content-type'] ?? '';
  if (!contentType.includes('multipart/form-data')) return null;
  try {
    return await new Response(new Uint8Array(request.bytes), { headers: { 'content-type': contentType } }).formData();
  } catch {
    return null;
  }
}

/** How a test asks a fake to deliver a webhook (the README's `deliver` options). */
export interface DeliverOptions {
  webhookUrl: string;
  /** 'valid' (the default); 'forged': signed with a wrong secret; 'missing': no signature at all. */
  signature?: 'valid' | 'forged' | 'missing';
  /** Overrides the fake's redelivery schedule for this call. */
  retry?: RetrySchedule;
  /** Sends this many copies at once (a provider racing itself). */
  concurrent?: number;
}

/** The secret a delivery is signed with: the real one, a wrong one, or none. */
export function signingSecret(secret: string, signature: DeliverOptions['signature']): string | null {
  if (signature === 'missing') return null;
  return signature === 'forged' ? `${secret}-forged` : secret;
}
