import { z } from 'zod';
import { Agent, Timestamp } from '../domain/model.js';

/** POST /api/login */
export const LoginRequest = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(1024),
  /** The second factor, once the relay asked for it (`two_factor_required`): a TOTP code or a recovery code. */
  code: z.string().trim().min(6).max(20).optional(),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: Timestamp,
  agent: Agent,
  /** The token serves only to set up two-factor sign-in, which the company requires of this account. */
  twoFactor: z.literal('enrolment_required').optional(),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

/** Every non-2xx JSON answer of the relay's HTTP api. */
export const HttpError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** A throttled sign-in (429, code `throttled`): when to try again; also the Retry-After header. */
    retryAfterSeconds: z.number().int().positive().optional(),
  }),
});
export type HttpError = z.infer<typeof HttpError>;
