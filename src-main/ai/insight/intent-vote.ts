import type { CueVerdict } from './intent-cues.js';
import type { IntentGuess } from './intent-model.js';

/**
 * How sure the learned model must be. Chosen on the leave-one-set-out evaluation of the dev sets
 * with each set's cues as they were before it was written (scripts/intent-leave-one-out.ts
 * --sweep): the most right answers with at most 2% wrong, as fresh writers' messier text (dev-11)
 * brings more wrong than the sets show on average. Never tuned on the held-out or independent set.
 */
export const VOTE: Vote = {
  /** Probability the model needs to name an intent where the cues name none. */
  alone: 0.7,
  /** The model names another intent at least this surely: the cued intent is doubtful, so none. */
  veto: 0.5,
  /** The model gives the cued intent less than this: none. */
  support: 0.2,
};

export interface Vote {
  alone: number;
  veto: number;
  support: number;
}

/**
 * Settles a message's intent from its cue words and the learned model: cues that the model does
 * not contradict stand; where no cue speaks at all, a confident model does. A negated cue or two
 * intents cued equally leave it to nobody: "I don't want to cancel" and "cancel and refund me"
 * are exactly where a guess misleads. The score is the probability the model gives the intent.
 */
export function settleIntent(verdict: CueVerdict, ranked: readonly IntentGuess[], known: (intent: string) => boolean, vote: Vote = VOTE): { intent: string; score: number } | null {
  const [top, second] = ranked;
  if (!top) return null;
  if (verdict.intent) {
    // The model does not read negations ("no quiero cancelar, solo saber si ya salió"): where the
    // cues found one, they judge alone. So do they an intent the model was not trained on.
    if (verdict.negated) return { intent: verdict.intent, score: verdict.share };
    const support = ranked.find((guess) => guess.intent === verdict.intent)?.probability ?? null;
    const contradicted = top.intent !== null && top.intent !== verdict.intent && known(top.intent) && top.probability >= vote.veto;
    return contradicted || (support !== null && support < vote.support) ? null : { intent: verdict.intent, score: support ?? verdict.share };
  }
  if (verdict.heard || verdict.negated || top.intent === null || !known(top.intent)) return null;
  return top.probability >= vote.alone && top.probability > (second?.probability ?? 0) ? { intent: top.intent, score: top.probability } : null;
}
