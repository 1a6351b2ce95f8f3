import { z } from 'zod';

/** GET: the companies on this relay that sign in with their OpenID Connect provider, for the sign-in screen. */
export const SSO_PROVIDERS_PATH = '/api/sso';
/** GET, in the browser: starts a company's sign-in (`/api/sso/<tenant>/start?desk=<challenge>`). */
export const ssoStartPath = (tenantId: string) => `/api/sso/${encodeURIComponent(tenantId)}/start`;
/** GET, in the browser: where the provider sends the browser back. */
export const SSO_CALLBACK_PATH = '/api/sso/callback';
/** POST: the desk trades its verifier for a token, once the browser has signed in. */
export const SSO_EXCHANGE_PATH = '/api/sso/exchange';
/** GET, PUT, DELETE: the company's provider (administrators). */
export const SSO_CONFIG_PATH = '/api/admin/sso';

export const SsoProvider = z.object({ tenantId: z.string(), name: z.string() });
export type SsoProvider = z.infer<typeof SsoProvider>;

export const SsoProviderList = z.object({ providers: z.array(SsoProvider) });
export type SsoProviderList = z.infer<typeof SsoProviderList>;

/** 32 random bytes in base64url, as the desk makes its verifier and its challenge (the verifier's SHA-256). */
const DeskKey = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be 43 base64url characters');

export const SsoStartQuery = z.object({ desk: DeskKey });

export const SsoExchangeRequest = z.object({ verifier: DeskKey });
export type SsoExchangeRequest = z.infer<typeof SsoExchangeRequest>;

export const SsoConfigInput = z.object({
  issuer: z.url({ protocol: /^https?$/ }).max(500),
  clientId: z.string().trim().min(1).max(200),
  clientSecret: z.string().min(1).max(500),
  /** What the sign-in screen shows: "Sign in with <displayName>". */
  displayName: z.string().trim().min(1).max(60),
});
export type SsoConfigInput = z.infer<typeof SsoConfigInput>;

/** The company's provider as administrators see it: never the secret. */
export const SsoConfigView = z.object({ issuer: z.string(), clientId: z.string(), displayName: z.string(), updatedAt: z.number() });
export type SsoConfigView = z.infer<typeof SsoConfigView>;
