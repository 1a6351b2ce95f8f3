import { createRequire } from 'node:module';
import type { detectAll as DetectAll } from 'tinyld';

/** A detected language: ISO 639-1, and how far it leads the runner-up (0.5 a tie, 1 alone). */
export interface DetectedLanguage {
  language: string;
  confidence: number;
}

/** Below this many letters a message ("ok", "👍", "#48213") says nothing reliable about its language. */
const MIN_LETTERS = 2;
/** A hinted language scoring at least this share of the best guess wins: short texts make near-ties common. */
const HINT_SHARE = 0.7;

const URL_PATTERN = /\b(?:https?:\/\/|www\.)\S+/gi;
const EMAIL_PATTERN = /\b\S+@\S+\.\S+\b/g;
/** Order numbers, tracking codes, amounts: digits with letters mixed in ("#A4821", "TH12345678"). */
const CODE_PATTERN = /[#@]?\b[\p{L}]{0,4}\d[\p{L}\d-]*\b/gu;

/**
 * tinyld, loaded at the first message to detect: building its language profiles is a large part
 * of the core's start, and the inbox can be served long before any message needs a language.
 */
let tinyld: { detectAll: typeof DetectAll } | null = null;
function detectAll(text: string): ReturnType<typeof DetectAll> {
  tinyld ??= createRequire(import.meta.url)('tinyld') as { detectAll: typeof DetectAll };
  return tinyld.detectAll(text);
}

/**
 * The language of a customer message, with tinyld (chosen on short chat messages: see
 * docs/language-id.md). `hints` are the languages expected here (the conversation's, the
 * team's), which settle near-ties such as Indonesian/Malay or Spanish/Esperanto.
 */
export function detectLanguage(text: string, hints: readonly string[] = []): DetectedLanguage | null {
  const cleaned = text.replace(URL_PATTERN, ' ').replace(EMAIL_PATTERN, ' ').replace(CODE_PATTERN, ' ');
  if ((cleaned.match(/\p{L}/gu) ?? []).length < MIN_LETTERS) return null;
  const guesses = detectAll(cleaned);
  const best = guesses[0];
  if (!best) return null;
  const expected = new Set(hints.map((hint) => (hint.split('-')[0] ?? hint).toLowerCase()));
  const hinted = guesses.find((guess) => expected.has(guess.lang));
  const chosen = hinted && hinted.accuracy >= best.accuracy * HINT_SHARE ? hinted : best;
  const runnerUp = guesses.find((guess) => guess !== chosen)?.accuracy ?? 0;
  // tinyld's scores are not probabilities; their ratio is what says how clear the call was.
  return { language: chosen.lang, confidence: chosen.accuracy / (chosen.accuracy + runnerUp) };
}
