import { findPhoneNumbersInText, isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';

/**
 * The phone numbers a customer wrote in a message ("my number is 081-234-5678"), in E.164, each
 * once, in the order written. A national number is read in the customer's market. The full
 * metadata ("max") is used on purpose: the small one takes invoice numbers and dates for German
 * landlines. What it still takes for a landline (a number written like "2024-000123") counts
 * only when written internationally, with "+": people give their mobile, or say which country.
 */
export function phonesInText(written: string, market: string | null): string[] {
  // Full-width digits and dashes ("０９０－１２３４") as plain ones; Thai digits as Latin.
  const text = withLatinThaiDigits(written.normalize('NFKC'));
  if (!DIGIT_RUN.test(text)) return [];
  const country = market && isSupportedCountry(market) ? (market as CountryCode) : undefined;
  const found = new Set<string>();
  for (const { number, startsAt } of findPhoneNumbersInText(text, country ? { defaultCountry: country } : {})) {
    const international = text[startsAt] === '+';
    if (international || SURELY_PERSONAL.has(number.getType() ?? '')) found.add(number.number);
  }
  return [...found];
}

/** Six digits or more (of any script), separators allowed: a message without them is not searched at all (most are not). */
const DIGIT_RUN = /\p{Nd}(?:[\s()./-]*\p{Nd}){5}/u;

/** libphonenumber reads Arabic-Indic digits, not Thai ones ("๐๘๑"): each becomes its Latin digit. */
function withLatinThaiDigits(text: string): string {
  return text.replace(/[\u0E50-\u0E59]/g, (digit) => String(digit.charCodeAt(0) - 0x0e50));
}

/** Numbers a person answers: a mobile, or a number the plan does not tell apart from one (the US, Brazil's landlines). */
const SURELY_PERSONAL = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE', 'PERSONAL_NUMBER']);
