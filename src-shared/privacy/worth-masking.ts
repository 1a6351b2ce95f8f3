import { withAsciiDigits } from './ascii-digits.js';
import type { PersonalDataKind } from './personal-data-kinds.js';

/**
 * Fewest digits a value of each kind holds, counted over the whole text (so never too many):
 * cards 13, the national ids 9 (the US SSN) and more, phones 5 with their country code, a
 * passport (named as one) at least one.
 */
const FEWEST_DIGITS: Partial<Record<PersonalDataKind, number>> = {
  card: 13,
  aadhaar: 12,
  cpf: 11,
  cn_resident_id: 17,
  th_citizen_id: 13,
  us_ssn: 9,
  phone: 5,
  passport: 1,
};
/** How the detector starts an IBAN: two capitals and the two check digits. */
const IBAN_START = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}/;
const ANY_DIGIT = /\p{Nd}/gu;

/**
 * Whether the text could hold a value of these kinds, by a cheap look: the detector costs a tenth
 * of a millisecond even on a short text, and most messages hold too few digits for any value.
 * Never false for a text that holds one.
 */
export function mayHoldAny(text: string, kinds: ReadonlySet<PersonalDataKind>): boolean {
  if (kinds.has('email') && (text.includes('@') || text.includes('＠'))) return true;
  // Every other kind holds digits (of any script): most messages hold none, or a few.
  const digits = text.match(ANY_DIGIT)?.length ?? 0;
  if (digits === 0) return false;
  if (kinds.has('iban') && digits >= 2 && IBAN_START.test(withAsciiDigits(text))) return true;
  for (const kind of kinds) {
    const fewest = FEWEST_DIGITS[kind];
    if (fewest !== undefined && digits >= fewest) return true;
  }
  return false;
}
