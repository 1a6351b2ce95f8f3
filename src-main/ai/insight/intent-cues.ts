import { PhraseMatcher, foldText } from './phrase-matcher.js';

/** What the cues say about a message: the intent they agree on, or none when they say nothing or disagree. */
export interface CueVerdict {
  intent: string | null;
  /** Cues found for the chosen intent over all cues found (0 without any). */
  share: number;
  /** Whether any cue was found at all, even if they disagreed. */
  heard: boolean;
  /** Whether a cue was found after a negation or someone else ("don't want to cancel", "my friend got a refund"). */
  negated: boolean;
}

/**
 * Intent by cue words (intents.json `cues`): each intent counts the different cues found in the
 * message, a negated one ("I don't want to cancel") not counting. An intent that `yields` counts
 * only when no other intent is named (a complaint), or none of those it lists (payment options
 * give way to a payment problem). One intent must have more than any other; a tie is no answer,
 * because a wrong intent misleads the agent more than none.
 */
export class IntentCues {
  private readonly matcher: PhraseMatcher;
  private readonly owners: string[] = [];
  /** What each yielding intent gives way to: any other intent (true), or those listed. */
  private readonly yielding: Map<string, true | Set<string>>;

  constructor(intents: readonly { id: string; cues: readonly string[]; yields?: boolean | readonly string[] }[], negations: readonly string[]) {
    this.yielding = new Map();
    for (const { id, yields } of intents) {
      if (yields === true) this.yielding.set(id, true);
      else if (yields) this.yielding.set(id, new Set(yields));
    }
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
    const all = this.matcher.find(foldText(text));
    const found = all.filter((match) => !match.negated);
    const negated = found.length < all.length;
    const distinct = new Map<string, Set<number>>();
    for (const match of found) {
      const owner = this.owners[match.phrase]!;
      distinct.set(owner, (distinct.get(owner) ?? new Set()).add(match.phrase));
    }
    const cued = [...distinct].map(([intent, cues]) => ({ intent, count: cues.size }));
    const total = cued.reduce((sum, vote) => sum + vote.count, 0);
    const votes = cued.filter((vote) => !cued.some((other) => other !== vote && this.givesWay(vote.intent, other.intent))).sort((a, b) => b.count - a.count);
    const [first, second] = votes;
    if (!first || (second && second.count >= first.count)) return { intent: null, share: 0, heard: total > 0, negated };
    return { intent: first.intent, share: first.count / total, heard: true, negated };
  }

  /** Whether intent gives way to other when both are cued; two intents that yield to anything keep each other. */
  private givesWay(intent: string, other: string): boolean {
    const yields = this.yielding.get(intent);
    if (yields === true) return this.yielding.get(other) !== true;
    return yields?.has(other) ?? false;
  }
}
