import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a fake received on its send API, as it arrived, and what the fake answered. */
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

/**
 * An HTTP answer: its status and JSON body, given after `delayMs` when scripted so (a slow
 * provider); or `raw` bytes with their `headers` (a media download), when `body` is only recorded.
 */
export type FakeAnswer = { status: number; body: unknown; delayMs?: number; raw?: Buffer; headers?: Record<string, string> };

/** One scripted answer: a status and JSON body, no answer at all (a timeout), or a dropped socket. */
export type FakeResponse = FakeAnswer | { hang: true } | { drop: true };

/** A request as the handler sees it: the recorded fields and the exact bytes (a multipart upload). */
export type FakeRequest = Omit<SentRequest, 'response'> & { bytes: Buffer };

/** What a provider's handler answers for a request nobody scripted (its success, or its credential error); async where it parses an upload. */
export type FakeHandler = (request: FakeRequest) => FakeAnswer | Promise<FakeAnswer>;

export interface FakeApi {
  apiBaseUrl: string;
  sent: SentRequest[];
  /** Queues answers for the next requests, in order; unscripted requests go to the handler. */
  respondNext(...responses: FakeResponse[]): void;
  /** Answers the first request that `matches` (after those queued by respondNext) with `response`, once; others go to the handler. */
  respondOnceTo(matches: (request: FakeRequest) => boolean, response: FakeAnswer): void;
  close(): Promise<void>;
}

/**
 * A provider's send API on loopback: records every request and answers it with the next scripted
 * response, or else with the provider's own handler. The handler checks credentials itself, so a
 * request with a wrong token gets the provider's answer rather than a script meant for another.
 */
export async function startFakeApi(handler: FakeHandler): Promise<FakeApi> {
  const sent: SentRequest[] = [];
  const script: FakeResponse[] = [];
  const traps: { matches: (request: FakeRequest) => boolean; response: FakeAnswer }[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    void readBody(req).then(async (bytes) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const rawBody = bytes.toString('utf8');
      const request = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: lowerCaseHeaders(req),
        rawBody,
        body: parseBody(rawBody, req.headers['content-type']),
      };
      const scripted = script.shift();
      if (scripted && 'hang' in scripted) {
        hanging.add(res);
        sent.push({ ...request, response: { status: 0, body: 'hang' } });
        return;
      }
      if (scripted && 'drop' in scripted) {
        sent.push({ ...request, response: { status: 0, body: 'drop' } });
        req.socket.destroy();
        return;
      }
      const trap = scripted ? -1 : traps.findIndex((one) => one.matches({ ...request, bytes }));
      const trapped = trap >= 0 ? traps.splice(trap, 1)[0]?.response : undefined;
      const answer = scripted ?? trapped ?? (await handler({ ...request, bytes }));
      sent.push({ ...request, response: { status: answer.status, body: answer.body } });
      const respond = () => {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(answer.raw ?? JSON.stringify(answer.body));
      };
      if (answer.delayMs) setTimeout(respond, answer.delayMs);
      else respond();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiBaseUrl: `http://127.0.0.1:${port}`,
    sent,
    respondNext: (...responses) => void script.push(...responses),
    respondOnceTo: (matches, response) => void traps.push({ matches, response }),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One webhook POST a fake made, and the status it got (0: no answer / network error). */
export interface DeliveryAttempt {
  url: string;
  rawBody: string;
  headers: Record<string, string>;
  status: number;
}

/** How a provider redelivers a webhook that was not acknowledged with a 2xx. */
export interface RetrySchedule {
  /** Total attempts, the first included. */
  attempts: number;
  delayMs: number;
}

/**
 * POSTs the exact bytes `rawBody` with `headers`, redelivering on a non-2xx answer or a network
 * error until `retry.attempts` are spent, as providers do. Returns the last status (0: no answer).
 */
export async function postWebhook(
  url: string,
  rawBody: string,
  headers: Record<string, string>,
  retry: RetrySchedule,
  attempts: DeliveryAttempt[],
): Promise<number> {
  let status = 0;
  for (let attempt = 1; attempt <= retry.attempts; attempt++) {
    status = await postOnce(url, rawBody, headers);
    attempts.push({ url, rawBody, headers, status });
    if (status >= 200 && status < 300) return status;
    if (attempt < retry.attempts) await new Promise((resolve) => setTimeout(resolve, retry.delayMs));
  }
  return status;
}

async function postOnce(url: string, rawBody: string, headers: Record<string, string>): Promise<number> {
  try {
    const response = await fetch(url, { method: 'POST', headers, body: rawBody, signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
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
  if (contentType?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(rawBody));
  if (contentType?.includes('multipart/form-data')) return rawBody;
  try {
    return JSON.parse(rawBody) as unknown;
  } catch {
    return rawBody;
  }
}
