import { z } from 'zod';
import { Id, Timestamp } from '../domain/model.js';

/** Where an agent's desk gets the access token of its Twilio Voice Device (bearer token of the session). */
export const TWILIO_TOKEN_PATH = '/api/voice/twilio/token';
/** Where an agent's desk asks the relay to move a customer's Twilio call elsewhere (bearer token of the session). */
export const TWILIO_TRANSFER_PATH = '/api/voice/twilio/transfer';

export const TwilioVoiceToken = z.object({
  /** A Twilio access token (JWT) with a Voice grant. */
  token: z.string().min(1),
  /** The agent id: calls for this client identity ring this agent. */
  identity: Id,
  expiresAt: Timestamp,
});
export type TwilioVoiceToken = z.infer<typeof TwilioVoiceToken>;

/** A phone number as Twilio dials it: "+", country code, up to 15 digits in all. */
export const E164 = z.string().regex(/^\+[1-9]\d{1,14}$/, 'expected an E.164 number such as "+14155550100"');

/** What Twilio's <Sip> noun dials: "sip:", a user, "@", a host (and optional ;parameters). */
const SIP_URI = /^sip:[^\s@<>"]+@[^\s<>"]+$/;

/** A number or SIP address outside the workstation that a call can be moved to. */
export const TwilioTransferAddress = z
  .string()
  .max(300)
  .refine((address) => E164.safeParse(address).success || SIP_URI.test(address), 'expected an E.164 number such as "+14155550100" or a SIP address such as "sip:desk@pbx.example.com"');

/** A colleague, a team (its best free agent), or an address outside. */
export const TwilioTransferTarget = z.union([
  z.object({ agentId: Id }).strict(),
  z.object({ teamId: Id }).strict(),
  z.object({ address: TwilioTransferAddress }).strict(),
]);
export type TwilioTransferTarget = z.infer<typeof TwilioTransferTarget>;

/** A blind transfer of the customer's call whose conversation is `conversationId` ("call-<CallSid>"). */
export const TwilioTransferRequest = z.object({ conversationId: Id, target: TwilioTransferTarget }).strict();
export type TwilioTransferRequest = z.infer<typeof TwilioTransferRequest>;
