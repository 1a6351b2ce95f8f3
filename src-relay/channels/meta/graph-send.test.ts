import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendGraphText } from './graph-send.js';

const SENDER = { provider: 'Messenger', accessToken: 'EAAG-token', graphVersion: 'v23.0' };
const text = { messageId: 'm1', recipient: '2468', body: 'Hello' };

/** The Send API's edges that the end-to-end suites do not reach: a closed window, an answer that cannot be read. */
describe('a Graph send', () => {
  let server: Server;
  let calls: number;
  let answer: { status: number; body: string };
  let api: { baseUrl: string; timeoutMs: number };

  beforeEach(async () => {
    calls = 0;
    answer = { status: 200, body: '{}' };
    server = createServer((_request, response) => {
      calls++;
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, timeoutMs: 2_000 };
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is not tried when the window closed while the reply waited', async () => {
    expect(await sendGraphText({ ...text, window: 'closed' }, SENDER, api)).toMatchObject({ kind: 'failed', failure: 'outside-window' });
    expect(calls).toBe(0);
  });

  it('is unconfirmed, not retried, when Meta took it without an id; a 5xx without an error object is retried', async () => {
    expect(await sendGraphText({ ...text, window: 'open' }, SENDER, api)).toMatchObject({ kind: 'failed', failure: 'unconfirmed' });
    answer = { status: 503, body: 'Service Unavailable' };
    expect(await sendGraphText(text, SENDER, api)).toMatchObject({ kind: 'retry', detail: 'Messenger answered 503' });
    answer = { status: 400, body: '{"error":{"code":2,"message":"An unexpected error has occurred."}}' };
    expect(await sendGraphText(text, SENDER, api)).toMatchObject({ kind: 'retry', detail: 'Messenger error 2: An unexpected error has occurred.' });
    expect(calls).toBe(3);
  });
});
