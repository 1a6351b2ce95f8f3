import { maskPersonalData } from '../../src-shared/privacy/mask-personal-data.js';
import { mayHoldAny } from '../../src-shared/privacy/worth-masking.js';

const CARDS = new Set(['card'] as const);

/**
 * Text as the on-device models receive it. What came from the relay is masked already by the
 * company's policy (docs/privacy.md); the agent's own words are not, and a card number in them
 * is masked here, since cards are masked for every role.
 */
export function maskForModels(text: string): string {
  return mayHoldAny(text, CARDS) ? maskPersonalData(text, CARDS).text : text;
}
