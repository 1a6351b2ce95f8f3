import { z } from 'zod';
import { Id } from '../../src-shared/domain/model.js';
import { E164 } from '../../src-shared/protocol/twilio-voice.js';

/** Twilio's REST API; TWILIO_API_BASE_URL may point elsewhere (tests point it at a fake Twilio). */
export const TWILIO_API_BASE_URL = 'https://api.twilio.com';

/** Twilio's ids are a two-letter prefix and 32 hex digits. */
const sid = (prefix: string) => z.string().regex(new RegExp(`^${prefix}[0-9a-f]{32}$`), `expected a Twilio id: "${prefix}" and 32 hex digits`);

/** The relay sends its API key there: https, or plain http to this machine only (a local fake or proxy). */
const ApiBaseUrl = z
  .url({ protocol: /^https?$/ })
  .refine((url) => url.startsWith('https:') || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(url), 'expected https, or http to this machine only')
  .transform((url) => url.replace(/\/+$/, ''));

/** One company's Twilio Voice account; the relay answers its calls and gives its agents tokens. */
export const TwilioConfig = z.object({
  tenantId: Id,
  accountSid: sid('AC'),
  /** An API key (not the auth token) signs the agents' access tokens and the relay's REST requests, so it can be revoked alone. */
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
  /** Where the REST API is; TWILIO_API_BASE_URL when absent. */
  apiBaseUrl: ApiBaseUrl.optional(),
});
export type TwilioConfig = z.infer<typeof TwilioConfig>;

type RequiredField = Exclude<keyof TwilioConfig, 'apiBaseUrl'>;

const REQUIRED_ENV: Record<RequiredField, string> = {
  tenantId: 'TWILIO_TENANT',
  accountSid: 'TWILIO_ACCOUNT_SID',
  apiKeySid: 'TWILIO_API_KEY_SID',
  apiKeySecret: 'TWILIO_API_KEY_SECRET',
  twimlAppSid: 'TWILIO_TWIML_APP_SID',
  authToken: 'TWILIO_AUTH_TOKEN',
  publicUrl: 'TWILIO_PUBLIC_URL',
  callerId: 'TWILIO_CALLER_ID',
};
const ENV_NAMES: Record<keyof TwilioConfig, string> = { ...REQUIRED_ENV, apiBaseUrl: 'TWILIO_API_BASE_URL' };

/** Twilio Voice from TWILIO_* variables: all eight required ones or none; a partial or malformed set is an error naming what to fix. */
export function twilioConfigFromEnv(env: Record<string, string | undefined>): TwilioConfig | undefined {
  const required = Object.keys(REQUIRED_ENV) as RequiredField[];
  const missing = required.filter((field) => !env[REQUIRED_ENV[field]]);
  if (missing.length === required.length) return undefined;
  if (missing.length > 0) throw new Error(`Twilio Voice needs every TWILIO_* variable; missing: ${missing.map((field) => REQUIRED_ENV[field]).join(', ')}.`);
  const fields = Object.keys(ENV_NAMES) as (keyof TwilioConfig)[];
  const parsed = TwilioConfig.safeParse(Object.fromEntries(fields.map((field) => [field, env[ENV_NAMES[field]] || undefined])));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${ENV_NAMES[issue.path[0] as keyof TwilioConfig]}: ${issue.message}`);
  throw new Error(`Twilio Voice is set up wrongly: ${problems.join('; ')}.`);
}
