import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpError } from '../../src-shared/protocol/auth.js';
import { TWILIO_TRANSFER_PATH } from '../../src-shared/protocol/twilio-voice.js';
import { startRelay, type RunningRelay } from '../server.js';
import { openRelayStorage } from '../storage/open-relay-storage.js';
import { ACME, connectDesk, GLOBEX, login, seedDatabase, tempDatabase, type TempDatabase } from '../testing/test-relay.js';
import { ACME_TWILIO, postWebhook } from '../testing/twilio-webhooks.js';

const XML = '<?xml version="1.0" encoding="UTF-8"?>';
const CALL_SID = 'CA00000000000000000000000000000001';
const CONVERSATION_ID = `call-${CALL_SID}`;
const CALLS_PATH = `/2010-04-01/Accounts/${ACME_TWILIO.accountSid}/Calls/${CALL_SID}.json`;
const ring = (agentId: string) =>
  `${XML}<Response><Dial answerOnBridge="true" timeout="20" action="https://relay.acme.test/api/voice/twilio/dial-ended"><Client><Identity>${agentId}</Identity><Parameter name="conversationId" value="${CONVERSATION_ID}"/></Client></Dial></Response>`;
/** Twilio's answer to a CallSid it does not know, as its REST API sends it. */
const NOT_FOUND = {
  code: 20404,
  message: `The requested resource ${CALLS_PATH} was not found`,
  more_info: 'https://www.twilio.com/docs/errors/20404',
  status: 404,
};

/** A request as the fake Twilio received it. */
interface TwilioRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  form: URLSearchParams;
}

/**
 * Twilio's REST API cannot be reached from here: this stands in for it, records each request and
 * answers as Twilio does (the call resource, or Twilio's error body).
 */
class FakeTwilio {
  readonly requests: TwilioRequest[] = [];
  /** The next answers' status and body; by default the updated call. */
  answer: { status: number; body: unknown } | null = null;
  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeTwilio> {
    const fake: FakeTwilio = new FakeTwilio(createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        fake.requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, form: new URLSearchParams(body) });
        const { status, body: answer } = fake.answer ?? { status: 200, body: { sid: CALL_SID, account_sid: ACME_TWILIO.accountSid, status: 'in-progress', api_version: '2010-04-01', uri: CALLS_PATH } };
        response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer));
      });
    }));
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('Blind transfer of Twilio calls', () => {
  let temp: TempDatabase;
  let twilio: FakeTwilio;
  let relay: RunningRelay;
  const sockets: { close(): void }[] = [];

  beforeEach(async () => {
    temp = await tempDatabase();
    await seedDatabase(temp.dbPath, ACME);
    await seedDatabase(temp.dbPath, GLOBEX);
    twilio = await FakeTwilio.start();
    relay = await startRelay({ dbPath: temp.dbPath, twilio: { ...ACME_TWILIO, apiBaseUrl: twilio.url } });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await relay.close();
    await twilio.close();
    await temp.remove();
  });

  /** The agent's desk is connected, so routing sees them available. */
  /** Signed in, with a desk whose model translates among the test company's languages (handled once the pull is answered). */
  async function online(email: string): Promise<void> {
    const desk = await connectDesk(relay.url, email);
    sockets.push(desk);
    desk.send({ type: 'translation-routes', routes: [{ among: ['en', 'de', 'ja'] }] });
    desk.send({ type: 'pull', cursor: 0 });
    await desk.expect('events');
  }

  /** A customer's call comes in and rings Ann, who then has it. */
  async function annHasCall(): Promise<void> {
    await online('ann@acme.test');
    const rung = await postWebhook(relay.url, '/api/voice/twilio/incoming', { CallSid: CALL_SID, From: '+14155550100', To: ACME_TWILIO.callerId });
    expect(rung.body).toBe(ring('ann'));
  }

  async function transfer(email: string, target: unknown, conversationId = CONVERSATION_ID): Promise<{ status: number; error: HttpError['error'] | null }> {
    const { token } = await login(relay.url, email);
    const response = await fetch(relay.url + TWILIO_TRANSFER_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ conversationId, target }),
    });
    return { status: response.status, error: response.status === 204 ? null : HttpError.parse(await response.json()).error };
  }

  async function stored() {
    const store = await openRelayStorage(temp.dbPath);
    try {
      return await store.conversations.findConversation('acme', CONVERSATION_ID);
    } finally {
      await store.close();
    }
  }

  it("redirects the customer's leg in Twilio's documented format to ring the colleague, who then has the conversation", async () => {
    await annHasCall();
    await online('bob@acme.test');
    expect(await transfer('ann@acme.test', { agentId: 'bob' })).toEqual({ status: 204, error: null });
    expect(twilio.requests).toHaveLength(1);
    const [request] = twilio.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(CALLS_PATH);
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from(`${ACME_TWILIO.apiKeySid}:${ACME_TWILIO.apiKeySecret}`).toString('base64')}`);
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect([...(request?.form.keys() ?? [])]).toEqual(['Twiml']);
    expect(request?.form.get('Twiml')).toBe(ring('bob'));
    expect(await stored()).toMatchObject({ assigneeId: 'bob', teamId: 'team-a' });
  });

  it("rings a team's best free agent and moves the conversation into that team, or says no one is free", async () => {
    await annHasCall();
    // Ann's own team: her call fills her call capacity, so she is not the one picked.
    expect((await transfer('ann@acme.test', { teamId: 'team-a' })).error?.message).toBe('No one in Team A is free to take a call.');
    expect(await transfer('ann@acme.test', { teamId: 'team-b' })).toEqual({ status: 409, error: { code: 'conflict', message: 'No one in Team B is free to take a call.' } });
    expect(twilio.requests).toHaveLength(0);
    await online('cid@acme.test');
    expect((await transfer('ann@acme.test', { teamId: 'team-b' })).status).toBe(204);
    expect(twilio.requests[0]?.form.get('Twiml')).toBe(ring('cid'));
    expect(await stored()).toMatchObject({ assigneeId: 'cid', teamId: 'team-b' });
  });

  it('dials a number or SIP address from the company number, leaving the conversation where it is', async () => {
    await annHasCall();
    expect((await transfer('ann@acme.test', { address: '+4930123456' })).status).toBe(204);
    expect((await transfer('ann@acme.test', { address: 'sip:desk@pbx.example.com' })).status).toBe(204);
    expect(twilio.requests.map((request) => request.form.get('Twiml'))).toEqual([
      `${XML}<Response><Dial callerId="+15005550006"><Number>+4930123456</Number></Dial></Response>`,
      `${XML}<Response><Dial callerId="+15005550006"><Sip>sip:desk@pbx.example.com</Sip></Dial></Response>`,
    ]);
    const refused = await transfer('ann@acme.test', { address: '030 123456' });
    expect(refused.status).toBe(400);
    expect(refused.error?.message).toContain('expected an E.164 number');
    expect((await stored())?.assigneeId).toBe('ann');
  });

  it("passes Twilio's refusal on as 502 with Twilio's message, and one when Twilio cannot be reached; the conversation stays", async () => {
    await annHasCall();
    await online('bob@acme.test');
    twilio.answer = { status: 404, body: NOT_FOUND };
    const refused = await transfer('ann@acme.test', { agentId: 'bob' });
    expect(refused.status).toBe(502);
    expect(refused.error).toEqual({ code: 'twilio_error', message: `Twilio refused the call change: ${NOT_FOUND.message} (Twilio error 20404).` });
    await twilio.close();
    const unreachable = await transfer('ann@acme.test', { agentId: 'bob' });
    expect(unreachable.status).toBe(502);
    expect(unreachable.error?.message).toMatch(/^Twilio cannot be reached: /);
    expect((await stored())?.assigneeId).toBe('ann');
  });

  it('refuses whoever does not have the call, unknown or unconnected colleagues, oneself and other conversations; a supervisor of the team may', async () => {
    await annHasCall();
    await online('cid@acme.test');
    const refusals = [
      // Another team's call is answered as one that does not exist; a colleague of the team who is not on it is refused.
      [await transfer('cid@acme.test', { agentId: 'bob' }), 404, 'There is no Twilio call with this conversation.'],
      [await transfer('bob@acme.test', { agentId: 'bob' }), 403, 'Only the agent on the call, or a supervisor of its team, can transfer it.'],
      [await transfer('gil@globex.test', { agentId: 'bob' }), 403, 'Twilio Voice is set up for another company on this relay.'],
      [await transfer('ann@acme.test', { agentId: 'ann' }), 400, 'You cannot transfer a call to yourself.'],
      [await transfer('ann@acme.test', { agentId: 'nobody' }), 404, 'There is no such colleague.'],
      [await transfer('ann@acme.test', { agentId: 'gil' }), 404, 'There is no such colleague.'],
      [await transfer('ann@acme.test', { agentId: 'bob' }), 409, 'Bob is not connected.'],
      [await transfer('ann@acme.test', { teamId: 'team-z' }), 404, 'There is no such team.'],
      [await transfer('ann@acme.test', { agentId: 'bob' }, 'call-CA00000000000000000000000000000009'), 404, 'There is no Twilio call with this conversation.'],
    ] as const;
    for (const [answer, status, message] of refusals) expect({ status: answer.status, message: answer.error?.message }).toEqual({ status, message });
    expect(twilio.requests).toHaveLength(0);
    expect((await stored())?.assigneeId).toBe('ann');

    await online('bob@acme.test');
    expect((await transfer('sue@acme.test', { agentId: 'bob' })).status).toBe(204);
    expect((await stored())?.assigneeId).toBe('bob');
  });
});

describe('Twilio transfers not set up', () => {
  it('answers not_configured', async () => {
    const temp = await tempDatabase();
    await seedDatabase(temp.dbPath, ACME);
    const relay = await startRelay({ dbPath: temp.dbPath });
    try {
      const { token } = await login(relay.url, 'ann@acme.test');
      const response = await fetch(relay.url + TWILIO_TRANSFER_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ conversationId: CONVERSATION_ID, target: { agentId: 'bob' } }),
      });
      expect(response.status).toBe(404);
      expect(HttpError.parse(await response.json()).error.code).toBe('not_configured');
    } finally {
      await relay.close();
      await temp.remove();
    }
  });
});
