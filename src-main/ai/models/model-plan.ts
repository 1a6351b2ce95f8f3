import { baseLanguage } from '../translation-routes.js';
import type { Catalog, CatalogEntry } from './catalog.js';

/**
 * Which models a desk should fetch, worked out from who signs in: pure, so the rules are tested
 * directly (model-plan.test.ts). The auto-fetch (model-auto-fetch.ts) feeds it and runs its plan.
 */

/** Why a model is wanted: to read a customer's language, to reply in it, for meaning (intent, search), or an administrator's pin. */
export type ModelNeed =
  | { kind: 'read'; source: string; target: string }
  | { kind: 'reply'; source: string; target: string }
  | { kind: 'embedding' }
  | { kind: 'pinned'; modelId: string };

export interface PlanInput {
  catalog: Catalog;
  /** Ids of the complete models on this machine, from any folder. */
  installed: ReadonlySet<string>;
  /** The language the agent reads and writes: translations go to it and replies come from it. */
  agentLanguage: string;
  /** Other languages the agent reads (the routing profile's): their customers need no translation. */
  agentLanguages: readonly string[];
  /** Languages the agent's customers write: the teams' and the recent traffic's, weighted by how often they come. */
  customerLanguages: readonly { language: string; weight: number }[];
  /** The company's pinned model set: fetched exactly, in its order. Null lets the desk choose. */
  pinned: readonly string[] | null;
  /** Bytes the user's model folder may hold, and holds already. */
  budgetBytes: number;
  usedBytes: number;
}

export interface PlannedModel {
  id: string;
  sizeBytes: number;
  need: ModelNeed;
}

export interface LeftOut {
  need: ModelNeed;
  /** What would have met it (empty when nothing in the catalog can). */
  modelIds: string[];
  reason: 'over-budget' | 'no-model';
}

export interface ModelPlan {
  /** To fetch, most useful first. */
  fetch: PlannedModel[];
  leftOut: LeftOut[];
}

/** A catalog entry without a size is counted as an Opus-MT pair (~110 MB), so the budget is never ignored. */
export const UNKNOWN_SIZE = 110_000_000;
const PIVOT = 'en';

export function planModels(input: PlanInput): ModelPlan {
  const chosen = new Map<string, PlannedModel>();
  const leftOut: LeftOut[] = [];
  let room = input.budgetBytes - input.usedBytes;
  const extraCost = (entries: readonly CatalogEntry[]) => sum(entries.filter((entry) => !input.installed.has(entry.id) && !chosen.has(entry.id)).map(sizeOf));

  for (const need of needsOf(input)) {
    const options = optionsFor(input.catalog, need);
    if (options.length === 0) {
      leftOut.push({ need, modelIds: need.kind === 'pinned' ? [need.modelId] : [], reason: 'no-model' });
      continue;
    }
    // The option that adds the fewest bytes; on a tie the first, which is the better translation.
    const best = options.reduce((cheapest, option) => (extraCost(option) < extraCost(cheapest) ? option : cheapest));
    const cost = extraCost(best);
    if (cost === 0) continue;
    if (cost > room) {
      leftOut.push({ need, modelIds: best.map((entry) => entry.id), reason: 'over-budget' });
      continue;
    }
    room -= cost;
    for (const entry of best) {
      if (!input.installed.has(entry.id) && !chosen.has(entry.id)) chosen.set(entry.id, { id: entry.id, sizeBytes: sizeOf(entry), need });
    }
  }
  return { fetch: [...chosen.values()], leftOut };
}

/**
 * Most useful first: reading every customer language (the most frequent first), then the
 * embedding model (intent, search by meaning), then replying in each language.
 */
export function needsOf(input: PlanInput): ModelNeed[] {
  if (input.pinned) return input.pinned.map((modelId) => ({ kind: 'pinned', modelId }));
  const own = baseLanguage(input.agentLanguage);
  const understood = new Set([own, ...input.agentLanguages.map(baseLanguage)]);
  const weights = new Map<string, number>();
  for (const { language, weight } of input.customerLanguages) {
    const base = baseLanguage(language);
    if (!understood.has(base)) weights.set(base, (weights.get(base) ?? 0) + weight);
  }
  const languages = [...weights.entries()].sort(([a, wa], [b, wb]) => wb - wa || a.localeCompare(b)).map(([language]) => language);
  return [
    ...languages.map((language): ModelNeed => ({ kind: 'read', source: language, target: own })),
    { kind: 'embedding' },
    ...languages.map((language): ModelNeed => ({ kind: 'reply', source: own, target: language })),
  ];
}

/** Ways to meet a need, best translation first: a direct pair, two pairs through English, a many-to-many model. */
function optionsFor(catalog: Catalog, need: ModelNeed): CatalogEntry[][] {
  if (need.kind === 'pinned') {
    const entry = catalog.models.find((model) => model.id === need.modelId);
    return entry ? [[entry]] : [];
  }
  if (need.kind === 'embedding') return catalog.models.filter((model) => model.task === 'embedding').map((model) => [model]);
  const { source, target } = need;
  const options: CatalogEntry[][] = [];
  const direct = pair(catalog, source, target);
  if (direct) options.push([direct]);
  const toPivot = source === PIVOT ? null : pair(catalog, source, PIVOT);
  const fromPivot = target === PIVOT ? null : pair(catalog, PIVOT, target);
  if (toPivot && fromPivot) options.push([toPivot, fromPivot]);
  for (const model of catalog.models) {
    if (model.task === 'translation' && model.multilingual && model.languages?.includes(source) && model.languages.includes(target)) options.push([model]);
  }
  return options;
}

function pair(catalog: Catalog, source: string, target: string): CatalogEntry | undefined {
  return catalog.models.find((model) => model.task === 'translation' && model.source === source && model.target === target);
}

function sizeOf(entry: CatalogEntry): number {
  return entry.sizeBytes ?? UNKNOWN_SIZE;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
