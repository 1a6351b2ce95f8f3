import { z } from 'zod';

/**
 * The token endpoint's answers to a refresh-token grant (RFC 6749 §5.1, §5.2, §6), as Google and
 * Microsoft send them. Only the fields the relay reads are named; the rest (scope, id_token,
 * ext_expires_in) is ignored.
 */

/** A successful answer: a bearer token, how long it lasts, and (Microsoft) the refresh token that replaces the one used. */
export const OAuth2TokenAnswer = z.object({
  access_token: z.string().min(1).max(16_384),
  // "bearer" in any case (RFC 6749 §5.1: case-insensitive); XOAUTH2 only carries bearer tokens.
  token_type: z.string().regex(/^bearer$/i, 'expected a bearer token'),
  // RECOMMENDED, not required (§5.1); some servers send it as a string.
  expires_in: z.coerce.number().int().positive().max(31_536_000).optional(),
  refresh_token: z.string().min(1).max(16_384).optional(),
});
export type OAuth2TokenAnswer = z.infer<typeof OAuth2TokenAnswer>;

/** A refusal (HTTP 400 or 401): `invalid_grant` is a refresh token revoked or expired, `invalid_client` a wrong client id or secret. */
export const OAuth2ErrorAnswer = z.object({
  error: z.string().min(1).max(200),
  error_description: z.string().max(2_000).optional(),
});
export type OAuth2ErrorAnswer = z.infer<typeof OAuth2ErrorAnswer>;

/** The device authorization answer (RFC 8628 §3.2): the code the user types at the verification address, and how often to ask. */
export const DeviceCodeAnswer = z.object({
  device_code: z.string().min(1).max(4_096),
  user_code: z.string().min(1).max(100),
  verification_uri: z.url(),
  expires_in: z.coerce.number().int().positive().max(86_400),
  interval: z.coerce.number().int().positive().max(300).optional(),
});
export type DeviceCodeAnswer = z.infer<typeof DeviceCodeAnswer>;
