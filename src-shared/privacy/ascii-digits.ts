/**
 * The text with every decimal digit as its ASCII digit (Thai, Arabic-Indic, Devanagari, full-width
 * ...), full-width Latin letters and signs as ASCII, and dashes and the ideographic space as "-"
 * and " ". Each character maps to exactly one UTF-16 unit, so offsets found in the result are
 * offsets in the text as given.
 */
export function withAsciiDigits(text: string): string {
  return text.replace(/[\p{Nd}\uFF01-\uFF5E\u2010-\u2015\u2212\u3000]/gu, (char) => {
    const code = char.codePointAt(0)!;
    if (char.length > 1) return char; // a digit outside the BMP would change offsets: left as it is
    if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
    if (code === 0x3000) return ' ';
    if ((code >= 0x2010 && code <= 0x2015) || code === 0x2212) return '-';
    return String(digitValue(char));
  });
}

/** A decimal digit's value: every script's digits 0–9 sit in a block of ten code points starting at a zero. */
function digitValue(digit: string): number {
  const code = digit.codePointAt(0)!;
  if (code <= 0x39) return code - 0x30;
  for (let value = 0; value <= 9; value += 1) {
    if (!/\p{Nd}/u.test(String.fromCodePoint(code - value - 1))) return value;
  }
  return 9;
}
