import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CallStatus } from 'twilio/lib/rest/api/v2010/account/call.js';
import { z } from 'zod';
import { ROLES } from '../../src-shared/domain/model.js';
import { E164, TWILIO_TOKEN_PATH, TWILIO_TRANSFER_PATH, TwilioTransferRequest } from '../../src-shared/protocol/twilio-voice.js';
import { callerWithRole } from '../http/auth-routes.js';
import { actorOf, recordAudit } from '../audit/audit-trail.js';
import { sendHttpError } from '../http/http-error.js';
import type { RelayCore } from '../relay-core.js';
import { closeAbandonedCall } from './abandoned-calls.js';
import { handOverCall, planTransfer, type PlannedTransfer } from './call-transfers.js';
import { callConversationId, passOver, placeCall } from './inbound-calls.js';
import type { TwilioConfig } from './twilio-config.js';
import { redirectCall } from './twilio-rest.js';
import { isSignedByTwilio } from './twilio-signature.js';
import { voiceToken } from './twilio-token.js';
import { dialAddress, dialNumber, hangUp, refuse, ringAgent, tryAgain, waitInLine } from './twiml.js';

/** The phone number's voice URL in the Twilio console. */
export const INCOMING_PATH = '/api/voice/twilio/incoming';
/** The TwiML App's voice URL: agents' Devices place calls through it. */
export const OUTBOUND_PATH = '/api/voice/twilio/outbound';
/** Where a ringing agent's answer (or not) is told. */
export const DIAL_ENDED_PATH = '/api/voice/twilio/dial-ended';
/** The phone number's "Call status changes" URL in the Twilio console: Twilio posts there when a caller's call ends. */
export const STATUS_PATH = '/api/voice/twilio/status';

const CallSid = z.string().regex(/^CA[0-9a-f]{32}$/, 'expected a Twilio CallSid');
const IncomingParams = z.object({ CallSid, From: z.string().max(200), FromCountry: z.string().regex(/^[A-Z]{2}$/).optional() });
const OutboundParams = z.object({ From: z.string().max(200), To: z.string().max(200) });
const DialEndedParams = z.object({ CallSid, DialCallStatus: z.string() });
const StatusParams = z.object({ CallSid, CallStatus: z.string() });

/** Dial outcomes where the agent never picked up; "canceled" is the caller hanging up first. */
const NOT_ANSWERED = ['no-answer', 'busy', 'failed'];
/** Twilio's CallStatus values for a call that is over (spelled as the helper library types them); queued, ringing and in-progress are not. */
const ENDED: readonly string[] = ['completed', 'busy', 'failed', 'no-answer', 'canceled'] satisfies CallStatus[];

/** Twilio Voice: the agents' access tokens, their transfers and the webhooks Twilio calls; without a configuration each answers that it is not set up. */
export async function registerTwilioRoutes(app: FastifyInstance, core: RelayCore, config: TwilioConfig | undefined): Promise<void> {
  if (config && !(await core.store.accounts.findTenant(config.tenantId))) throw new Error(`TWILIO_TENANT: there is no company "${config.tenantId}" on this relay.`);
  // A plugin of its own, so the form parser serves these routes only.
  void app.register(async (scope) => {
    acceptForms(scope);
    if (config) registerConfigured(scope, core, config);
    else registerNotConfigured(scope);
  });
}

function registerNotConfigured(scope: FastifyInstance): void {
  for (const path of [TWILIO_TOKEN_PATH, TWILIO_TRANSFER_PATH, INCOMING_PATH, OUTBOUND_PATH, DIAL_ENDED_PATH, STATUS_PATH]) {
    scope.all(path, (_request, reply) => sendHttpError(reply, 404, 'not_configured', 'Twilio Voice is not set up on this relay (TWILIO_* variables).'));
  }
}

function registerConfigured(scope: FastifyInstance, core: RelayCore, config: TwilioConfig): void {
  const retryUrl = (conversationId: string) => `${config.publicUrl}${INCOMING_PATH}?conversationId=${encodeURIComponent(conversationId)}`;

  scope.get(TWILIO_TOKEN_PATH, async (request, reply) => {
    const agent = await callerWithRole(core, request, reply, ROLES, 'Only signed-in accounts get a Twilio token.');
    if (!agent) return reply;
    if (agent.tenantId !== config.tenantId) return sendHttpError(reply, 403, 'forbidden', 'Twilio Voice is set up for another company on this relay.');
    return reply.header('cache-control', 'no-store').send(voiceToken(config, agent.id));
  });

  registerTransfer(scope, core, config);
  registerStatus(scope, core, config);

  scope.post<{ Querystring: { conversationId?: string } }>(INCOMING_PATH, async (request, reply) => {
    const call = webhookParams(config, request, reply, IncomingParams);
    if (!call) return reply;
    const conversationId = callConversationId(call.CallSid);
    const retried = request.query.conversationId;
    if (retried !== undefined && retried !== conversationId) return sendHttpError(reply, 400, 'bad_request', "The redirect names another call's conversation.");
    const placement = await placeCall(core, config.tenantId, { callSid: call.CallSid, from: call.From, fromCountry: call.FromCountry ?? null });
    if (!placement) return sendTwiml(reply, refuse('We cannot take calls right now. Please try again later.'));
    if (placement.agentId) return sendTwiml(reply, ringAgent(placement.agentId, conversationId, config.publicUrl + DIAL_ENDED_PATH));
    return sendTwiml(reply, waitInLine(placement.conversation.language, retryUrl(conversationId)));
  });

  scope.post(OUTBOUND_PATH, async (request, reply) => {
    const call = webhookParams(config, request, reply, OutboundParams);
    if (!call) return reply;
    // A token outlives an account for up to its hour: only current agents of the company may dial.
    const agentId = call.From.startsWith('client:') ? call.From.slice('client:'.length) : '';
    if ((await core.store.accounts.findAgent(agentId))?.agent.tenantId !== config.tenantId) return sendTwiml(reply, refuse('This phone is not signed in to the workstation.'));
    if (!E164.safeParse(call.To).success) return sendTwiml(reply, refuse('That number cannot be dialled. Enter it with a plus sign and the country code.'));
    return sendTwiml(reply, dialNumber(config.callerId, call.To));
  });

  scope.post(DIAL_ENDED_PATH, async (request, reply) => {
    const dial = webhookParams(config, request, reply, DialEndedParams);
    if (!dial) return reply;
    if (!NOT_ANSWERED.includes(dial.DialCallStatus)) return sendTwiml(reply, hangUp());
    await passOver(core, config.tenantId, dial.CallSid);
    return sendTwiml(reply, tryAgain(retryUrl(callConversationId(dial.CallSid))));
  });
}

/** Blind transfer: Twilio drops the agent's leg as soon as the customer's leg runs the new TwiML. */
function registerTransfer(scope: FastifyInstance, core: RelayCore, config: TwilioConfig): void {
  scope.post(TWILIO_TRANSFER_PATH, async (request, reply) => {
    const agent = await callerWithRole(core, request, reply, ROLES, 'Only signed-in accounts transfer calls.');
    if (!agent) return reply;
    const body = TwilioTransferRequest.safeParse(request.body);
    if (!body.success) return sendHttpError(reply, 400, 'bad_request', z.prettifyError(body.error));
    const plan = await planTransfer(core, config.tenantId, agent, body.data);
    if (!plan.ok) return sendHttpError(reply, plan.error.status, plan.error.code, plan.error.message);
    const { callSid, conversation, destination } = plan.value;
    const redirected = await redirectCall(config, callSid, transferTwiml(config, plan.value));
    if (!redirected.ok) return sendHttpError(reply, 502, 'twilio_error', redirected.message);
    if (!('address' in destination)) await handOverCall(core, config.tenantId, conversation.id, destination);
    // A supervisor moving a call someone else holds is audited; the outside number is not kept.
    if (conversation.assigneeId !== agent.id) {
      const details = { from: conversation.assigneeId, to: 'address' in destination ? 'outside number' : destination.agentId };
      await recordAudit(core.store, config.tenantId, core.now(), actorOf(agent, request.ip), 'call.transferred', { type: 'conversation', id: conversation.id }, details);
    }
    return reply.code(204).send();
  });
}

/**
 * The caller's call has ended: one nobody took (they hung up while waiting, or it failed) is
 * closed, so it does not wait in the queue forever. Twilio ignores the answer's body.
 */
function registerStatus(scope: FastifyInstance, core: RelayCore, config: TwilioConfig): void {
  scope.post(STATUS_PATH, async (request, reply) => {
    const call = webhookParams(config, request, reply, StatusParams);
    if (!call) return reply;
    if (ENDED.includes(call.CallStatus)) await closeAbandonedCall(core, config.tenantId, call.CallSid);
    return reply.code(204).send();
  });
}

/** What the customer's leg runs instead: ringing the target's Device as an incoming call does, or dialling the address out. */
function transferTwiml(config: TwilioConfig, { conversation, destination }: PlannedTransfer): string {
  if ('address' in destination) return dialAddress(config.callerId, destination.address);
  return ringAgent(destination.agentId, conversation.id, config.publicUrl + DIAL_ENDED_PATH);
}

/** Twilio posts its webhooks as forms. */
function acceptForms(scope: FastifyInstance): void {
  scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
}

/** The webhook's parameters once its signature checks out, before anything is done; else the refusal is sent and null returned. */
function webhookParams<T>(config: TwilioConfig, request: FastifyRequest, reply: FastifyReply, schema: z.ZodType<T>): T | null {
  if (!isSignedByTwilio(config.authToken, config.publicUrl, request)) {
    sendHttpError(reply, 403, 'forbidden', 'The request does not carry a valid X-Twilio-Signature.');
    return null;
  }
  const parsed = schema.safeParse(request.body);
  if (!parsed.success) {
    sendHttpError(reply, 400, 'bad_request', `Unexpected webhook parameters: ${z.prettifyError(parsed.error)}`);
    return null;
  }
  return parsed.data;
}

function sendTwiml(reply: FastifyReply, twiml: string): FastifyReply {
  return reply.type('text/xml; charset=utf-8').send(twiml);
}
