import { z } from 'zod';
import type { Role } from '../domain/model.js';
import type { PersonalDataKind } from './personal-data-kinds.js';

/**
 * What an administrator chooses to mask: the detector's kinds, with the national ids as one
 * choice (Aadhaar, CPF, China's resident id, Thailand's citizen id, the US SSN).
 */
export const MASKABLE_KINDS = ['card', 'iban', 'phone', 'email', 'national_id', 'passport'] as const;
export const MaskableKind = z.enum(MASKABLE_KINDS);
export type MaskableKind = z.infer<typeof MaskableKind>;

const NATIONAL_IDS: readonly PersonalDataKind[] = ['aadhaar', 'cpf', 'cn_resident_id', 'th_citizen_id', 'us_ssn'];

/** One role's masked kinds: card numbers always, since no desk may keep one in clear (docs/privacy.md). */
const MaskedKinds = z
  .array(MaskableKind)
  .max(MASKABLE_KINDS.length)
  .refine((kinds) => new Set(kinds).size === kinds.length, 'each kind is named once')
  .refine((kinds) => kinds.includes('card'), 'card numbers are masked for every role');

/** A company's masking policy: for each role, the kinds of personal data its desks receive masked. */
export const MaskingPolicy = z.object({ agent: MaskedKinds, supervisor: MaskedKinds, admin: MaskedKinds }).strict();
export type MaskingPolicy = z.infer<typeof MaskingPolicy>;

/** Until an administrator chooses: cards for everyone; IBANs and national ids for agents too. */
export const DEFAULT_MASKING_POLICY: MaskingPolicy = {
  agent: ['card', 'iban', 'national_id'],
  supervisor: ['card'],
  admin: ['card'],
};

/** The detector's kinds a role's desks receive masked. */
export function maskedKindsFor(policy: MaskingPolicy, role: Role): ReadonlySet<PersonalDataKind> {
  const kinds = new Set<PersonalDataKind>();
  for (const kind of policy[role]) {
    if (kind === 'national_id') NATIONAL_IDS.forEach((id) => kinds.add(id));
    else kinds.add(kind);
  }
  return kinds;
}

/** The choice a detector kind belongs to ("cpf" is a national id). */
export function maskableKindOf(kind: PersonalDataKind): MaskableKind {
  return NATIONAL_IDS.includes(kind) ? 'national_id' : (kind as MaskableKind);
}
