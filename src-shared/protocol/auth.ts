import { z } from 'zod';
import { Agent, Timestamp } from '../domain/model.js';

/** POST /api/login */
export const LoginRequest = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: Timestamp,
  agent: Agent,
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
