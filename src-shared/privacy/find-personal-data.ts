import { findPhoneNumbersInText, isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { electronicFormatIBAN, getCountrySpecifications, isValidIBAN } from 'ibantools';
import { hasCardShape, isAadhaar, isChineseResidentId, isCpf, isSsnShape, isThaiCitizenId, passesLuhn } from './id-checksums.js';
import type { PersonalDataKind } from './personal-data-kinds.js';
import { withAsciiDigits } from './ascii-digits.js';

/** One piece of personal data in a text: what it is, and where (UTF-16 offsets into the text as given). */
export interface PersonalDataSpan {
  kind: PersonalDataKind;
  start: number;
  end: number;
  value: string;
}

export interface FindOptions {
  /** The customer's market (ISO 3166 country): national phone numbers are read in it. Without one, only numbers written with "+". */
  market?: string | null;
}

/**
 * The personal data support teams see in messages: emails, IBANs, identity numbers, payment cards,
 * passports and phone numbers. A number counts only when it passes its own check (Luhn, mod 97,
 * Verhoeff, MOD 11-2, ...) or, for a passport, when the text says it is one: order, tracking and
 * invoice numbers look alike but fail. Digits of any script and full-width forms are read as
 * digits. Spans never overlap; the first kind to claim characters keeps them.
 */
export function findPersonalData(text: string, options: FindOptions = {}): PersonalDataSpan[] {
  const ascii = withAsciiDigits(text);
  const found: PersonalDataSpan[] = [];
  const claim = (kind: PersonalDataKind, start: number, end: number) => {
    if (found.some((span) => start < span.end && span.start < end)) return;
    found.push({ kind, start, end, value: text.slice(start, end) });
  };
  for (const match of ascii.matchAll(EMAIL)) claim('email', match.index, match.index + match[0].length);
  for (const span of ibansIn(ascii)) claim('iban', span.start, span.end);
  for (const span of numbersIn(ascii)) claim(span.kind, span.start, span.end);
  for (const span of passportsIn(ascii)) claim('passport', span.start, span.end);
  for (const span of phonesIn(ascii, options.market ?? null)) claim('phone', span.start, span.end);
  return found.sort((a, b) => a.start - b.start);
}

const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9])/g;

interface Found {
  kind: PersonalDataKind;
  start: number;
  end: number;
}

/** Two letters, two check digits, then the account, with or without spaces; cut to the country's length before the mod-97 check. */
const IBAN_START = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Za-z0-9]){8,32}/g;

function ibansIn(text: string): Found[] {
  const specs = getCountrySpecifications();
  const found: Found[] = [];
  for (const match of text.matchAll(IBAN_START)) {
    const length = specs[match[0].slice(0, 2)]?.chars;
    if (!length) continue;
    // The candidate may run on into the next word: keep exactly the country's number of characters.
    let taken = 0;
    let end = 0;
    while (end < match[0].length && taken < length) {
      if (match[0][end] !== ' ') taken += 1;
      end += 1;
    }
    const iban = electronicFormatIBAN(match[0].slice(0, end).toUpperCase()) ?? '';
    const next = text[match.index + end];
    if (taken === length && isValidIBAN(iban) && !(next && /[A-Za-z0-9]/.test(next))) found.push({ kind: 'iban', start: match.index, end: match.index + end });
  }
  return found;
}

/** Groups of digits joined by single separators, an optional final X (China's id): the numbers the checks are tried on. */
const DIGIT_GROUPS = /(?<![A-Za-z0-9+])\d+(?:[ .-]\d+)*(?:[Xx](?![A-Za-z0-9]))?(?![A-Za-z0-9])/g;

/**
 * Identity and card numbers in runs of digit groups. A run may hold more than one number ("card
 * 4111 1111 1111 1111 2025"): windows of whole groups are tried, longest first.
 */
function numbersIn(text: string): Found[] {
  const found: Found[] = [];
  for (const match of text.matchAll(DIGIT_GROUPS)) {
    const groups = [...match[0].matchAll(/\d+[Xx]?/g)].map((g) => ({ start: match.index + g.index, end: match.index + g.index + g[0].length }));
    for (let size = groups.length; size >= 1; size -= 1) {
      for (let first = 0; first + size <= groups.length; first += 1) {
        const start = groups[first]!.start;
        const end = groups[first + size - 1]!.end;
        if (found.some((f) => start < f.end && f.start < end)) continue;
        const kind = kindOfNumber(text.slice(start, end), groups.slice(first, first + size).map((g) => g.end - g.start));
        if (kind) found.push({ kind, start, end });
      }
    }
  }
  return found;
}

function kindOfNumber(written: string, groupLengths: number[]): PersonalDataKind | null {
  const digits = written.replace(/[^0-9Xx]/g, '');
  if (digits.length === 18 && isChineseResidentId(digits)) return 'cn_resident_id';
  if (/[Xx]/.test(digits)) return null;
  // Thai ids are written 1-2345-67890-12-3; a 13-digit Visa card never is.
  const thaiGrouping = groupLengths.join(',') === '1,4,5,2,1';
  if (digits.length === 13 && isThaiCitizenId(digits) && (thaiGrouping || !passesLuhn(digits))) return 'th_citizen_id';
  if (hasCardShape(digits) && passesLuhn(digits) && !(digits.length === 13 && isPossibleInternationalMobile(digits))) return 'card';
  // Aadhaar is printed 4-4-4 (or written plain); twelve digits grouped otherwise are something else.
  if (digits.length === 12 && ['12', '4,4,4'].includes(groupLengths.join(',')) && isAadhaar(digits)) return 'aadhaar';
  if (digits.length === 11 && isCpf(digits)) return 'cpf';
  // Nine digits are too common to take plain: an SSN counts as people write it, 3-2-4.
  if (digits.length === 9 && groupLengths.join(',') === '3,2,4' && /^\d{3}[- ]\d{2}[- ]\d{4}$/.test(written) && isSsnShape(digits)) return 'us_ssn';
  return null;
}

/**
 * "Passport" in the languages of the product's customers, and a document number within a few
 * words on the same line: up to nine letters and digits (ICAO 9303), mostly digits.
 */
const PASSPORT = /(passport|pasaporte|passaporte|reisepass|passeport|passaporto|paspor|護照|护照|旅券|パスポート|여권|หนังสือเดินทาง|पासपोर्ट|جواز|паспорт)[^\d\n]{0,40}?(?<![A-Za-z0-9])((?=(?:[A-Za-z]*\d){5})[A-Za-z0-9]{6,9})(?![A-Za-z0-9])/giu;

function passportsIn(text: string): Found[] {
  return [...text.matchAll(PASSPORT)].flatMap((match) => {
    const number = match[2]!;
    if (!/^[A-Z0-9]+$/.test(number)) return [];
    const start = match.index + match[0].length - number.length;
    return [{ kind: 'passport' as const, start, end: start + number.length }];
  });
}

/** Numbers a person answers; a landline written without "+" is too often an invoice number to take. */
const PERSONAL_LINE_TYPES = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE', 'PERSONAL_NUMBER', 'VOIP', 'UAN']);

function phonesIn(text: string, market: string | null): Found[] {
  const country = market && isSupportedCountry(market.toUpperCase()) ? (market.toUpperCase() as CountryCode) : undefined;
  return findPhoneNumbersInText(text, country ? { defaultCountry: country } : {}).flatMap(({ number, startsAt, endsAt }) => {
    const international = text[startsAt] === '+' || text.slice(startsAt, startsAt + 2) === '00';
    if (!international && !PERSONAL_LINE_TYPES.has(number.getType() ?? '')) return [];
    return [{ kind: 'phone' as const, start: startsAt, end: endsAt }];
  });
}

/**
 * A 13-digit run starting with 4 passes Luhn one time in ten; written with its country code and
 * no "+", a German or Austrian mobile number (49 15…, 43 6…) is one. Taken as a phone when it is a
 * valid mobile number in international form: the old 13-digit Visa numbers are not.
 */
function isPossibleInternationalMobile(digits: string): boolean {
  const phone = parsePhoneNumberFromString(`+${digits}`);
  const type = phone?.isValid() ? phone.getType() : undefined;
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
}
