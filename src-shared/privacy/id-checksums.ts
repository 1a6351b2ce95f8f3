/**
 * The check digits of the numbers people give support teams. A run of digits that passes its
 * check is very likely that number; one that fails is an order or tracking number, and is left
 * alone. Each takes the digits alone (separators removed).
 */

/** Payment cards (ISO/IEC 7812): the Luhn mod-10 check. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/**
 * Card numbers by issuer prefix and the lengths that issuer uses (ISO/IEC 7812 ranges as the
 * networks publish them): Visa 13, 16 or 19 (a 13-digit one is also checked against being a
 * phone number: find-personal-data.ts), Mastercard
 * (51–55, 2221–2720) 16, Amex 15, Diners 14 to 16, Discover and UnionPay and JCB 16 to 19,
 * Maestro 13 to 19 (12-digit Maestro cards exist but are rare, and twelve digits are too often
 * something else).
 */
export function hasCardShape(digits: string): boolean {
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  const length = digits.length;
  const between = (low: number, high: number) => length >= low && length <= high;
  if (digits.startsWith('4')) return length === 13 || length === 16 || length === 19;
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return length === 16;
  if (two === 34 || two === 37) return length === 15;
  if (two === 36 || two === 38 || digits.startsWith('30')) return between(14, 16);
  if ((four >= 3528 && four <= 3589) || digits.startsWith('6')) return between(16, 19);
  if (two === 50 || (two >= 56 && two <= 58)) return between(13, 19);
  return false;
}

const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/** India's Aadhaar: 12 digits, never starting with 0 or 1, the last a Verhoeff check digit (UIDAI). */
export function isAadhaar(digits: string): boolean {
  if (!/^[2-9]\d{11}$/.test(digits)) return false;
  let check = 0;
  for (let i = 0; i < digits.length; i += 1) {
    const digit = Number(digits[digits.length - 1 - i]);
    check = VERHOEFF_D[check]![VERHOEFF_P[i % 8]![digit]!]!;
  }
  return check === 0;
}

/** Brazil's CPF: 11 digits, the last two mod-11 check digits; all-equal digits pass the check but are never issued. */
export function isCpf(digits: string): boolean {
  if (!/^\d{11}$/.test(digits) || /^(\d)\1{10}$/.test(digits)) return false;
  const checkDigit = (length: number) => {
    let sum = 0;
    for (let i = 0; i < length; i += 1) sum += Number(digits[i]) * (length + 1 - i);
    const rest = (sum * 10) % 11;
    return rest === 10 ? 0 : rest;
  };
  return checkDigit(9) === Number(digits[9]) && checkDigit(10) === Number(digits[10]);
}

const CN_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CN_CHECK = '10X98765432';

/** China's resident identity number (GB 11643): 17 digits and an ISO 7064 MOD 11-2 check character, with a real birth date. */
export function isChineseResidentId(id: string): boolean {
  const upper = id.toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(upper)) return false;
  const year = Number(upper.slice(6, 10));
  const month = Number(upper.slice(10, 12));
  const day = Number(upper.slice(12, 14));
  const born = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || born.getUTCMonth() !== month - 1 || born.getUTCDate() !== day) return false;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(upper[i]) * CN_WEIGHTS[i]!;
  return CN_CHECK[sum % 11] === upper[17];
}

/** Thailand's citizen id: 13 digits, the first 1–8, the last (11 − Σ digit × (13 − i)) mod 11, mod 10. */
export function isThaiCitizenId(digits: string): boolean {
  if (!/^[1-8]\d{12}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(digits[i]) * (13 - i);
  return ((11 - (sum % 11)) % 10) === Number(digits[12]);
}

/** A US Social Security number's shape (SSA): area not 000, 666 or 900–999; group not 00; serial not 0000. */
export function isSsnShape(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  const area = Number(digits.slice(0, 3));
  return area !== 0 && area !== 666 && area < 900 && digits.slice(3, 5) !== '00' && digits.slice(5) !== '0000';
}
