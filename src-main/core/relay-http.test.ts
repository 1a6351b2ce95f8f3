import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleAgent } from '../store/testing/records.js';
import { requestLogin, revokeToken } from './relay-http.js';

describe('relay http', () => {
  let server: Server | null = null;
  afterEach(async () => {
    if (server) await new Promise((resolve) => server!.close(resolve));
    server = null;
  });

  /** A relay that answers every request with `status` and `body`. */
  async function relayAnswering(status: number, body: string): Promise<string> {
    server = createServer((_request, response) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(body);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  const credentials = { email: 'mei@demo.test', password: 'demo1234' };

  it('returns the parsed sign-in', async () => {
    const answer = { token: 't', expiresAt: 5, agent: sampleAgent() };
    const url = await relayAnswering(200, JSON.stringify(answer));
    expect(await requestLogin(url, credentials)).toEqual(answer);
  });

  it('maps refusals to api errors with the relay message', async () => {
    const error = (message: string) => JSON.stringify({ error: { code: 'x', message } });
    await expect(requestLogin(await relayAnswering(401, error('Wrong password.')), credentials)).rejects.toMatchObject({ code: 'unauthorized', message: 'Wrong password.' });
  });

  it('calls a server error or an odd answer unavailable', async () => {
    await expect(requestLogin(await relayAnswering(503, 'busy'), credentials)).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('HTTP 503') });
  });

  it('calls a 200 that is not a sign-in unavailable', async () => {
    await expect(requestLogin(await relayAnswering(200, '{"token":1}'), credentials)).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('does not understand'),
    });
  });

  it('only logs when the sign-out cannot be delivered', async () => {
    const url = await relayAnswering(200, '{}');
    await new Promise((resolve) => server!.close(resolve));
    server = null;
    const logged: string[] = [];
    await revokeToken(url, 't', (message) => logged.push(message));
    expect(logged).toEqual(['Could not tell the relay about the sign-out.']);
  });
});
