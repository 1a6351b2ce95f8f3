import { z } from 'zod';
import { Agent, Presence } from '../domain/model.js';
import { Connection } from './connection.js';
import { Empty } from './method-shapes.js';
import { TwoFactorCode } from '../protocol/two-factor.js';
import { SsoProvider } from '../protocol/single-sign-on.js';

export const sessionMethods = {
  'session.login': {
    input: z.object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(1024), code: TwoFactorCode.optional() }).strict(),
    /** `agent` null: the sign-in waits for a code (`code_required`) or for two-factor sign-in to be set up (`enrolment_required`). */
    output: z.object({ agent: Agent.nullable(), twoFactor: z.enum(['code_required', 'enrolment_required']).nullable() }),
  },
  'session.logout': { input: Empty, output: Empty },
  /** Revokes every token of the account at the relay: every desk signed in as this agent is signed out, this one too. */
  'session.logoutEverywhere': { input: Empty, output: Empty },
  /** The companies on the relay that sign in with their own provider (single sign-on); none when the relay cannot say. */
  'session.ssoProviders': { input: Empty, output: z.object({ providers: z.array(SsoProvider) }) },
  /** Starts a single sign-on: the address to open in the browser. A new start forgets the one before. */
  'session.ssoStart': { input: z.object({ tenantId: z.string().min(1).max(100) }).strict(), output: z.object({ url: z.string() }) },
  /** Whether the browser has finished the single sign-on: the agent once signed in, null while it waits. */
  'session.ssoFinish': { input: Empty, output: z.object({ agent: Agent.nullable() }) },
  'session.get': {
    input: Empty,
    output: z.object({ agent: Agent.nullable(), presence: Presence, connection: Connection }),
  },
} as const;

export const sessionEvents = {
  'session.changed': z.object({ agent: Agent.nullable() }),
} as const;
