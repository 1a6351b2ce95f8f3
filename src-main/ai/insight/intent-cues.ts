import { PhraseMatcher, foldText } from './phrase-matcher.js';

/** What the cues say about a message: the intent they agree on, or none when they say nothing or disagree. */
export interface CueVerdict {
  intent: string | null;
  /** Cues found for the chosen intent over all cues found (0 without any). */
  share: number;
  /** Whether any cue was found at all, even if they disagreed. */
  heard: boolean;
}

/**
 * Intent by cue words (intents.json `cues`): each intent counts the different cues found in the
 * message, a negated one ("I don't want to cancel") not counting. An intent that `yields` (a
 * complaint) counts only when no other intent is named. One intent must have more than any
 * other; a tie is no answer, because a wrong intent misleads the agent more than none.
 */
export class IntentCues {
  private readonly matcher: PhraseMatcher;
  private readonly owners: string[] = [];
  private readonly yielding: Set<string>;

  constructor(intents: readonly { id: string; cues: readonly string[]; yields?: boolean }[], negations: readonly string[]) {
    this.yielding = new Set(intents.filter((intent) => intent.yields).map((intent) => intent.id));
    const phrases: string[] = [];
    for (const intent of intents) {
      for (const cue of intent.cues) {
        phrases.push(cue);
        this.owners.push(intent.id);
      }
    }
    this.matcher = new PhraseMatcher(phrases, negations);
  }

  judge(text: string): CueVerdict {
    const found = this.matcher.find(foldText(text)).filter((match) => !match.negated);
    const distinct = new Map<string, Set<number>>();
    for (const match of found) {
      const owner = this.owners[match.phrase]!;
      distinct.set(owner, (distinct.get(owner) ?? new Set()).add(match.phrase));
    }
    const all = [...distinct].map(([intent, cues]) => ({ intent, count: cues.size }));
    const total = all.reduce((sum, vote) => sum + vote.count, 0);
    const requests = all.filter((vote) => !this.yielding.has(vote.intent));
    const votes = (requests.length > 0 ? requests : all).sort((a, b) => b.count - a.count);
    const [first, second] = votes;
    if (!first || (second && second.count >= first.count)) return { intent: null, share: 0, heard: total > 0 };
    return { intent: first.intent, share: first.count / total, heard: true };
  }
}
