import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpError } from '../../src-shared/protocol/auth.js';
import { TWILIO_TOKEN_PATH, TwilioVoiceToken } from '../../src-shared/protocol/twilio-voice.js';
import { startRelay, type RunningRelay } from '../server.js';
import { openRelayStorage } from '../storage/open-relay-storage.js';
import { ACME, connectDesk, GLOBEX, login, seedDatabase, tempDatabase, type TempDatabase } from '../testing/test-relay.js';
import { ACME_TWILIO, postWebhook, twilioSignature } from '../testing/twilio-webhooks.js';

const XML = '<?xml version="1.0" encoding="UTF-8"?>';
const INCOMING = '/api/voice/twilio/incoming';
const STATUS = '/api/voice/twilio/status';
const CALL_SID = 'CA00000000000000000000000000000001';
const CALLER = '+14155550100';
const RING_ANN = `${XML}<Response><Dial answerOnBridge="true" timeout="20" action="https://relay.acme.test/api/voice/twilio/dial-ended"><Client><Identity>ann</Identity><Parameter name="conversationId" value="call-${CALL_SID}"/></Client></Dial></Response>`;

describe('Twilio Voice at the relay', () => {
  let temp: TempDatabase;
  let relay: RunningRelay;
  const sockets: { close(): void }[] = [];
  /** How far the relay's clock is ahead of the real one, so a caller can wait minutes in no time. */
  let clockAheadMs = 0;

  beforeEach(async () => {
    temp = await tempDatabase();
    await seedDatabase(temp.dbPath, ACME);
    await seedDatabase(temp.dbPath, GLOBEX);
    clockAheadMs = 0;
    relay = await startRelay({ dbPath: temp.dbPath, twilio: ACME_TWILIO, now: () => Date.now() + clockAheadMs });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await relay.close();
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

  const incoming = (callSid = CALL_SID, path = INCOMING) => postWebhook(relay.url, path, { CallSid: callSid, From: CALLER, To: ACME_TWILIO.callerId, FromCountry: 'US' });

  /** Twilio's call status callback for the caller's call, with the parameters its docs list. */
  const callStatus = (status: string, callSid = CALL_SID) =>
    postWebhook(relay.url, STATUS, { CallSid: callSid, CallStatus: status, CallDuration: '130', AccountSid: ACME_TWILIO.accountSid, From: CALLER, To: ACME_TWILIO.callerId, Direction: 'inbound', ApiVersion: '2010-04-01' });

  /** What the relay stored: the call's conversation, its messages, every conversation of its caller and the team's queue. */
  async function stored(callSid = CALL_SID) {
    const store = await openRelayStorage(temp.dbPath);
    try {
      const conversation = await store.conversations.findConversation('acme', `call-${callSid}`);
      const ofCaller = conversation ? await store.conversations.listOfCustomer('acme', conversation.customerId) : [];
      const messages = (await store.conversations.listMessages(`call-${callSid}`, 10)).map((stored) => stored.message);
      const queued = (await store.conversations.listQueued('acme', ['team-a'])).map((c) => c.id);
      return { conversation, ofCaller, messages, queued };
    } finally {
      await store.close();
    }
  }

  it("gives an agent an hour's access token in Twilio's documented format, signed with the API key", async () => {
    const { token } = await login(relay.url, 'ann@acme.test');
    const response = await fetch(relay.url + TWILIO_TOKEN_PATH, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const body = TwilioVoiceToken.parse(await response.json());
    const [header = '', payload = '', signature = ''] = body.token.split('.');
    const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(createHmac('sha256', ACME_TWILIO.apiKeySecret).update(`${header}.${payload}`).digest('base64url')).toBe(signature);
    expect(decode(header)).toEqual({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' });
    const claims = decode(payload) as { iss: string; sub: string; jti: string; iat: number; exp: number; grants: unknown };
    expect(claims).toMatchObject({ iss: ACME_TWILIO.apiKeySid, sub: ACME_TWILIO.accountSid });
    expect(claims.jti).toBe(`${ACME_TWILIO.apiKeySid}-${claims.iat}`);
    expect(claims.grants).toEqual({ identity: 'ann', voice: { incoming: { allow: true }, outgoing: { application_sid: ACME_TWILIO.twimlAppSid } } });
    expect(claims.exp - claims.iat).toBe(3600);
    expect(body).toMatchObject({ identity: 'ann', expiresAt: claims.exp * 1000 });
  });

  it('gives tokens to signed-in agents of the configured company only', async () => {
    expect((await fetch(relay.url + TWILIO_TOKEN_PATH)).status).toBe(401);
    const { token } = await login(relay.url, 'gil@globex.test');
    const response = await fetch(relay.url + TWILIO_TOKEN_PATH, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(403);
    expect(HttpError.parse(await response.json()).error.code).toBe('forbidden');
  });

  it('rings a free agent with the conversation id, and a retried webhook opens no second conversation', async () => {
    await online('ann@acme.test');
    const first = await incoming();
    expect(first).toMatchObject({ status: 200, body: RING_ANN });
    expect(first.contentType).toMatch(/^text\/xml/);
    expect((await incoming()).body).toBe(RING_ANN);
    const { conversation, ofCaller } = await stored();
    expect(conversation).toMatchObject({ channel: 'voice', teamId: 'team-a', assigneeId: 'ann', customerName: CALLER, market: 'US', status: 'open' });
    expect(ofCaller.map((c) => c.id)).toEqual([`call-${CALL_SID}`]);
  });

  it('tells a caller they are in line while nobody is free, and rings on the same conversation once someone is', async () => {
    const retryUrl = `https://relay.acme.test${INCOMING}?conversationId=call-${CALL_SID}`;
    const queued = await incoming();
    expect(queued.body).toBe(
      `${XML}<Response><Say language="en-US">Thank you for calling. You are in line and will be put through to the next free agent.</Say><Pause length="15"/><Redirect method="POST">${retryUrl}</Redirect></Response>`,
    );
    expect((await stored()).conversation?.assigneeId).toBeNull();

    await online('ann@acme.test');
    const retried = await incoming(CALL_SID, retryUrl.slice(ACME_TWILIO.publicUrl.length));
    expect(retried.body).toBe(RING_ANN);
    expect((await stored()).ofCaller).toHaveLength(1);
    // The same caller's next call is another conversation of the same customer.
    await incoming('CA00000000000000000000000000000002');
    expect((await stored()).ofCaller).toHaveLength(2);
    expect((await incoming(CALL_SID, `${INCOMING}?conversationId=call-CA00000000000000000000000000000002`)).status).toBe(400);
  });

  it('rings the next agent when one lets the call ring out, and hangs up once it was answered', async () => {
    await online('ann@acme.test');
    expect((await incoming()).body).toBe(RING_ANN);
    await online('bob@acme.test');
    const dialEnded = (status: string) => postWebhook(relay.url, '/api/voice/twilio/dial-ended', { CallSid: CALL_SID, DialCallStatus: status, DialCallSid: 'CA00000000000000000000000000000009' });
    expect((await dialEnded('no-answer')).body).toBe(`${XML}<Response><Redirect method="POST">https://relay.acme.test${INCOMING}?conversationId=call-${CALL_SID}</Redirect></Response>`);
    expect((await stored()).conversation?.assigneeId).toBeNull();
    expect((await incoming(CALL_SID, `${INCOMING}?conversationId=call-${CALL_SID}`)).body).toBe(RING_ANN.replace('<Identity>ann<', '<Identity>bob<'));
    expect((await dialEnded('completed')).body).toBe(`${XML}<Response><Hangup/></Response>`);
    expect((await stored()).conversation?.assigneeId).toBe('bob');
  });

  it("dials an agent's outbound call from the company number, and refuses what is not an E.164 number", async () => {
    const outbound = (from: string, to: string) => postWebhook(relay.url, '/api/voice/twilio/outbound', { From: from, To: to, AccountSid: ACME_TWILIO.accountSid });
    expect((await outbound('client:ann', '+4930123456')).body).toBe(`${XML}<Response><Dial callerId="+15005550006"><Number>+4930123456</Number></Dial></Response>`);
    expect((await outbound('client:ann', '030 123456')).body).toMatch(/^<\?xml[^>]*><Response><Say language="en-US">That number cannot be dialled\./);
    expect((await outbound('client:gil', '+4930123456')).body).toMatch(/<Say language="en-US">This phone is not signed in/);
  });

  it('refuses a webhook without a valid signature with 403 and writes nothing', async () => {
    await online('ann@acme.test');
    const params = { CallSid: CALL_SID, From: CALLER, To: ACME_TWILIO.callerId };
    const signature = twilioSignature(ACME_TWILIO.authToken, ACME_TWILIO.publicUrl + INCOMING, params);
    const tampered = await postWebhook(relay.url, INCOMING, { ...params, From: '+14155550199' }, signature);
    expect(tampered.status).toBe(403);
    expect(HttpError.parse(JSON.parse(tampered.body)).error.code).toBe('forbidden');
    expect((await postWebhook(relay.url, INCOMING, params, null)).status).toBe(403);
    expect((await postWebhook(relay.url, INCOMING, params, twilioSignature(ACME_TWILIO.authToken, `${relay.url}${INCOMING}`, params))).status).toBe(403);
    expect((await stored()).conversation).toBeNull();
    // The same request with its own signature is the one that passes.
    expect((await postWebhook(relay.url, INCOMING, params, signature)).body).toBe(RING_ANN);
  });

  describe('call status callback', () => {
    it('closes a call the caller hung up on while waiting: a system message with the wait, and it leaves the queue', async () => {
      await incoming();
      expect((await stored()).queued).toEqual([`call-${CALL_SID}`]);
      clockAheadMs = 2 * 60_000 + 10_000;
      const ended = await callStatus('completed');
      expect(ended).toMatchObject({ status: 204, body: '' });
      const { conversation, messages, queued } = await stored();
      expect(conversation).toMatchObject({ status: 'resolved', assigneeId: null, lastMessagePreview: 'The caller hung up after waiting 2 min.' });
      expect(messages).toEqual([expect.objectContaining({ author: 'system', authorId: null, internal: false, body: 'The caller hung up after waiting 2 min.' })]);
      expect(queued).toEqual([]);
      // Twilio posting again writes nothing more.
      expect((await callStatus('completed')).status).toBe(204);
      expect((await stored()).messages).toHaveLength(1);
    });

    it('closes a waiting call that failed, was busy, unanswered or canceled', async () => {
      const sids = ['failed', 'busy', 'no-answer', 'canceled'].map((status, i) => ({ status, sid: `CA0000000000000000000000000000001${i}` }));
      for (const { sid } of sids) await incoming(sid);
      clockAheadMs = 45_000;
      for (const { status, sid } of sids) expect((await callStatus(status, sid)).status).toBe(204);
      for (const { sid } of sids) {
        expect((await stored(sid)).conversation?.status).toBe('resolved');
        expect((await stored(sid)).messages.map((m) => m.body)).toEqual(['The caller hung up after waiting 45 sec.']);
      }
    });

    it('leaves a call an agent has to that agent', async () => {
      await online('ann@acme.test');
      expect((await incoming()).body).toBe(RING_ANN);
      clockAheadMs = 5 * 60_000;
      expect((await callStatus('completed')).status).toBe(204);
      const { conversation, messages } = await stored();
      expect(conversation).toMatchObject({ status: 'open', assigneeId: 'ann' });
      expect(messages).toEqual([]);
    });

    it('changes nothing while the call is still going', async () => {
      await incoming();
      for (const status of ['queued', 'ringing', 'in-progress']) expect((await callStatus(status)).status).toBe(204);
      const { conversation, messages, queued } = await stored();
      expect(conversation).toMatchObject({ status: 'open', assigneeId: null });
      expect(messages).toEqual([]);
      expect(queued).toEqual([`call-${CALL_SID}`]);
    });

    it('answers 204 for a call it does not know, and opens nothing', async () => {
      const unknown = await callStatus('completed', 'CA000000000000000000000000000000ff');
      expect(unknown).toMatchObject({ status: 204, body: '' });
      expect((await stored('CA000000000000000000000000000000ff')).conversation).toBeNull();
    });

    it('refuses a status without a valid signature with 403 and writes nothing', async () => {
      await incoming();
      const params = { CallSid: CALL_SID, CallStatus: 'completed', CallDuration: '30' };
      const signature = twilioSignature(ACME_TWILIO.authToken, ACME_TWILIO.publicUrl + STATUS, params);
      expect((await postWebhook(relay.url, STATUS, { ...params, CallStatus: 'canceled' }, signature)).status).toBe(403);
      expect((await postWebhook(relay.url, STATUS, params, null)).status).toBe(403);
      expect((await postWebhook(relay.url, STATUS, params, twilioSignature('another-auth-token', ACME_TWILIO.publicUrl + STATUS, params))).status).toBe(403);
      expect(await stored()).toMatchObject({ conversation: { status: 'open', assigneeId: null }, messages: [] });
      // The same request with its own signature is the one that closes the call.
      expect((await postWebhook(relay.url, STATUS, params, signature)).status).toBe(204);
      expect((await stored()).conversation?.status).toBe('resolved');
    });
  });
});

describe('Twilio Voice not set up', () => {
  it('answers not_configured, and refuses to start for a company the relay does not have', async () => {
    const temp = await tempDatabase();
    await seedDatabase(temp.dbPath, ACME);
    const relay = await startRelay({ dbPath: temp.dbPath });
    try {
      const token = await fetch(relay.url + TWILIO_TOKEN_PATH);
      expect(token.status).toBe(404);
      expect(HttpError.parse(await token.json()).error.code).toBe('not_configured');
      for (const path of [INCOMING, STATUS]) {
        const webhook = await postWebhook(relay.url, path, { CallSid: CALL_SID });
        expect(webhook.status).toBe(404);
        expect(HttpError.parse(JSON.parse(webhook.body)).error.code).toBe('not_configured');
      }
    } finally {
      await relay.close();
    }
    await expect(startRelay({ dbPath: temp.dbPath, twilio: { ...ACME_TWILIO, tenantId: 'initech' } })).rejects.toThrow('TWILIO_TENANT');
    await temp.remove();
  });
});
