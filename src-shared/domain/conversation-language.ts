/**
 * The language a conversation is held in, judged over the customer's recent messages rather than
 * their last one: one line in another language, a name or an order number must not flip it
 * (issue 19). Pure, so the desk and its tests use the same rule.
 */

/** One customer message as the rule reads it: its detected language (null: could not tell) and text. */
export interface LanguageSample {
  language: string | null;
  text: string;
  /** How clear the detector's call was, 0.5 (a tie) to 1; 1 when not known. */
  confidence?: number;
}

/** How many of the newest messages count. */
export const RECENT_SAMPLES = 8;
/** Each older message counts this much less than the one after it. */
const AGE_DECAY = 0.75;
/** A long message says more than a short one, but a pasted page does not outvote everything. */
const MAX_LETTERS = 160;
/** Below this much evidence (a short sentence) the current language stays. */
const MIN_WEIGHT = 24;
/** A new language must outweigh the current one this many times over to take its place (hysteresis). */
const SWITCH_RATIO = 2;

/** Tokens with a digit in them ("#A4821", "TH12345678") and links are not words of any language. */
const NOT_WORDS = /\S*\d\S*|\b(?:https?:\/\/|www\.)\S+|\S+@\S+/gu;

/** Letters that can tell a language, capped. */
export function evidenceLetters(text: string): number {
  const letters = text.replace(NOT_WORDS, ' ').match(/\p{L}/gu)?.length ?? 0;
  return Math.min(letters, MAX_LETTERS);
}

/**
 * The conversation's language: `samples` newest first; `current` is what it was judged before
 * (null for a new conversation). The language with the most weight (letters × confidence, the
 * older the less) wins; with nothing judged before, any evidence will do. It replaces `current`
 * only when it outweighs it `SWITCH_RATIO` times and has `MIN_WEIGHT` of its own. Null when
 * nothing could be told yet (the profile's language applies).
 */
export function judgeConversationLanguage(samples: readonly LanguageSample[], current: string | null): string | null {
  const weights = new Map<string, number>();
  samples.slice(0, RECENT_SAMPLES).forEach((sample, age) => {
    if (!sample.language) return;
    const language = primaryOf(sample.language);
    const weight = evidenceLetters(sample.text) * (sample.confidence ?? 1) * AGE_DECAY ** age;
    weights.set(language, (weights.get(language) ?? 0) + weight);
  });
  let leader: string | null = null;
  let most = 0;
  for (const [language, weight] of weights) {
    if (weight > most) [leader, most] = [language, weight];
  }
  const held = current === null ? null : primaryOf(current);
  if (leader === null) return held;
  if (held === null || leader === held) return leader;
  return most >= MIN_WEIGHT && most >= SWITCH_RATIO * (weights.get(held) ?? 0) ? leader : held;
}

function primaryOf(tag: string): string {
  return (tag.split('-')[0] ?? tag).toLowerCase();
}
