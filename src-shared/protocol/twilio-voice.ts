import { z } from 'zod';
import { Id, Timestamp } from '../domain/model.js';

/** Where an agent's desk gets the access token of its Twilio Voice Device (bearer token of the session). */
export const TWILIO_TOKEN_PATH = '/api/voice/twilio/token';

export const TwilioVoiceToken = z.object({
  /** A Twilio access token (JWT) with a Voice grant. */
  token: z.string().min(1),
  /** The agent id: calls for this client identity ring this agent. */
  identity: Id,
  expiresAt: Timestamp,
});
export type TwilioVoiceToken = z.infer<typeof TwilioVoiceToken>;
