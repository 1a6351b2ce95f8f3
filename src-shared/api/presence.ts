import { z } from 'zod';
import { AwayReason, Presence, SettablePresence } from '../domain/model.js';

export const presenceMethods = {
  'presence.set': {
    input: z.object({ presence: SettablePresence, reason: AwayReason.optional() }).strict(),
    output: z.object({ presence: Presence }),
  },
} as const;

export const presenceEvents = {
  /** `reason`: why away; `until`: when after-call work ends. */
  'presence.changed': z.object({ presence: Presence, reason: AwayReason.nullable().default(null), until: z.number().nullable().default(null) }),
} as const;
