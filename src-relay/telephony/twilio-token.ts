import twilio from 'twilio';
import type { TwilioVoiceToken } from '../../src-shared/protocol/twilio-voice.js';
import type { TwilioConfig } from './twilio-config.js';

/** An hour: the Device asks for a new one before it lapses (its tokenWillExpire event). */
export const VOICE_TOKEN_TTL_SECONDS = 3600;

/** An access token letting the agent's Device take calls for `agentId` and place them through our TwiML App. */
export function voiceToken(config: TwilioConfig, agentId: string): TwilioVoiceToken {
  const { AccessToken } = twilio.jwt;
  const token = new AccessToken(config.accountSid, config.apiKeySid, config.apiKeySecret, { identity: agentId, ttl: VOICE_TOKEN_TTL_SECONDS });
  token.addGrant(new AccessToken.VoiceGrant({ outgoingApplicationSid: config.twimlAppSid, incomingAllow: true }));
  const jwt = token.toJwt();
  return { token: jwt, identity: agentId, expiresAt: expiryOf(jwt) };
}

/** The library stamps the times itself when signing; the expiry it signed is the one Twilio enforces. */
function expiryOf(jwt: string): number {
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp: number };
  return payload.exp * 1000;
}
