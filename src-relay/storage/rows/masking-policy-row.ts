import { MASKABLE_KINDS, MaskingPolicy } from '../../../src-shared/privacy/masking-policy.js';

/** Everything masked for everyone: what a stored policy that no longer reads stands for, so that nothing leaks through it. */
const MASK_EVERYTHING: MaskingPolicy = { agent: [...MASKABLE_KINDS], supervisor: [...MASKABLE_KINDS], admin: [...MASKABLE_KINDS] };

/** A tenant's `masking_policy` column as both adapters read it: null (the default applies) or the policy. */
export function parseMaskingPolicy(column: string | null | undefined): MaskingPolicy | null {
  if (column === null || column === undefined) return null;
  try {
    const parsed = MaskingPolicy.safeParse(JSON.parse(column));
    return parsed.success ? parsed.data : MASK_EVERYTHING;
  } catch {
    return MASK_EVERYTHING;
  }
}
