import { z } from 'zod';
import type { Role } from '../domain/model.js';

/**
 * What an account may do beyond its role. A role says what a person sees of the conversations
 * (agent: their own, supervisor: their teams', admin: all); a capability adds a duty that cuts
 * across those, such as the privacy team's (docs/privacy.md, "Who may use the register").
 */
export const CAPABILITIES = ['privacy'] as const;
export const Capability = z.enum(CAPABILITIES);
export type Capability = z.infer<typeof Capability>;

/** Administrators hold every capability; others hold what they were granted. */
export function holdsCapability(role: Role, granted: readonly Capability[], capability: Capability): boolean {
  return role === 'admin' || granted.includes(capability);
}
