import { z } from 'zod';
import { Id } from '../../src-shared/domain/model.js';

/** A phone number as Twilio dials it: "+", country code, up to 15 digits in all. */
export const E164 = z.string().regex(/^\+[1-9]\d{1,14}$/, 'expected an E.164 number such as "+14155550100"');

/** Twilio's ids are a two-letter prefix and 32 hex digits. */
const sid = (prefix: string) => z.string().regex(new RegExp(`^${prefix}[0-9a-f]{32}$`), `expected a Twilio id: "${prefix}" and 32 hex digits`);

/** One company's Twilio Voice account; the relay answers its calls and gives its agents tokens. */
export const TwilioConfig = z.object({
  tenantId: Id,
  accountSid: sid('AC'),
  /** An API key (not the auth token) signs the agents' access tokens, so it can be revoked alone. */
  apiKeySid: sid('SK'),
  apiKeySecret: z.string().min(16),
  /** The TwiML App whose voice URL is /api/voice/twilio/outbound. */
  twimlAppSid: sid('AP'),
  /** Twilio signs its webhooks with it. */
  authToken: z.string().min(16),
  /** The https address Twilio calls the relay at; signatures cover it, so it must be exactly what is set in the console. */
  publicUrl: z
    .url({ protocol: /^https$/, error: 'expected the https address Twilio calls, such as "https://relay.example.com"' })
    .transform((url) => url.replace(/\/+$/, '')),
  /** Our number, shown to the people agents call. */
  callerId: E164,
});
export type TwilioConfig = z.infer<typeof TwilioConfig>;

const ENV_NAMES: Record<keyof TwilioConfig, string> = {
  tenantId: 'TWILIO_TENANT',
  accountSid: 'TWILIO_ACCOUNT_SID',
  apiKeySid: 'TWILIO_API_KEY_SID',
  apiKeySecret: 'TWILIO_API_KEY_SECRET',
  twimlAppSid: 'TWILIO_TWIML_APP_SID',
  authToken: 'TWILIO_AUTH_TOKEN',
  publicUrl: 'TWILIO_PUBLIC_URL',
  callerId: 'TWILIO_CALLER_ID',
};

/** Twilio Voice from TWILIO_* variables: all of them or none; a partial or malformed set is an error naming what to fix. */
export function twilioConfigFromEnv(env: Record<string, string | undefined>): TwilioConfig | undefined {
  const fields = Object.keys(ENV_NAMES) as (keyof TwilioConfig)[];
  const missing = fields.filter((field) => !env[ENV_NAMES[field]]);
  if (missing.length === fields.length) return undefined;
  if (missing.length > 0) throw new Error(`Twilio Voice needs every TWILIO_* variable; missing: ${missing.map((field) => ENV_NAMES[field]).join(', ')}.`);
  const parsed = TwilioConfig.safeParse(Object.fromEntries(fields.map((field) => [field, env[ENV_NAMES[field]]])));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${ENV_NAMES[issue.path[0] as keyof TwilioConfig]}: ${issue.message}`);
  throw new Error(`Twilio Voice is set up wrongly: ${problems.join('; ')}.`);
}
