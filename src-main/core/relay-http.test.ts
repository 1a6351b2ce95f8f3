import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleAgent } from '../store/testing/records.js';
import { requestLogin, requestTwilioToken, requestTwilioTransfer, revokeToken, sendAdminChange } from './relay-http.js';

describe('relay http', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  });

  /** A relay that answers every request with `status` and `body`. */
  async function relayAnswering(status: number, body: string): Promise<string> {
    const server = createServer((_request, response) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(status === 204 ? undefined : body);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
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
    const closing = servers.pop();
    await new Promise((resolve) => closing?.close(resolve));
    const logged: string[] = [];
    await revokeToken(url, 't', (message) => logged.push(message));
    expect(logged).toEqual(['Could not tell the relay about the sign-out.']);
  });

  it("passes the relay's refusal of a phone or admin request on word for word", async () => {
    const error = (message: string) => JSON.stringify({ error: { code: 'x', message } });
    const transfer = { conversationId: 'call-CA1', target: { teamId: 'team-a' } };
    await expect(requestTwilioTransfer(await relayAnswering(409, error('No one in Team A is free to take a call.')), 't', transfer)).rejects.toMatchObject({
      code: 'bad_request',
      message: 'No one in Team A is free to take a call.',
    });
    await expect(requestTwilioTransfer(await relayAnswering(204, ''), 't', transfer)).resolves.toBeUndefined();
    await expect(requestTwilioToken(await relayAnswering(404, error('Twilio Voice is not configured.')), 't')).rejects.toMatchObject({ code: 'not_found' });
    const change = { method: 'POST' as const, path: '/api/admin/agents', body: {} };
    await expect(sendAdminChange(await relayAnswering(409, error('An account with that email already exists.')), 't', change)).rejects.toMatchObject({
      code: 'bad_request',
      message: 'An account with that email already exists.',
    });
  });
});
