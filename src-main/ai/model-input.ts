import { withAsciiDigits } from '../../src-shared/privacy/ascii-digits.js';
import { maskPersonalData } from '../../src-shared/privacy/mask-personal-data.js';

const CARDS = new Set(['card'] as const);
/** Thirteen digits or more, whatever separates them: only such a text can hold a card number. */
const MAYBE_A_CARD = /\d(?:[ .-]?\d){12}/;

/**
 * Text as the on-device models receive it. What came from the relay is masked already by the
 * company's policy (docs/privacy.md); the agent's own words are not, and a card number in them
 * is masked here, since cards are masked for every role.
 */
export function maskForModels(text: string): string {
  return MAYBE_A_CARD.test(withAsciiDigits(text)) ? maskPersonalData(text, CARDS).text : text;
}
