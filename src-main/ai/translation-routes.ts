/** A translation model on disk, as the router needs to know it. */
export interface TranslationModel {
  id: string;
  /** The model's own folder. */
  path: string;
  dtype: 'fp32' | 'q8';
  /** One direction (Opus-MT), or any pair among `languages` (m2m100). */
  languages: { source: string; target: string } | { among: readonly string[] };
}

/** One model run; many-to-many models are told the pair. */
export interface TranslationStep {
  model: TranslationModel;
  source: string;
  target: string;
}

const PIVOT = 'en';

/** "pt-BR" → "pt": models are per language, not per region. */
export function baseLanguage(tag: string): string {
  return tag.split('-')[0]?.toLowerCase() ?? tag.toLowerCase();
}

/**
 * How to translate `from` → `to` with what is installed: a direct pair model first (best quality
 * per size), then two pair models through English, then a many-to-many model; null if none.
 * A pair model through English beats m2m100_418M on quality for most pairs, and is smaller.
 */
export function planTranslation(models: readonly TranslationModel[], from: string, to: string): TranslationStep[] | null {
  const source = baseLanguage(from);
  const target = baseLanguage(to);
  if (source === target) return [];
  const direct = pairModel(models, source, target);
  if (direct) return [{ model: direct, source, target }];
  const toPivot = source === PIVOT ? null : pairModel(models, source, PIVOT);
  const fromPivot = target === PIVOT ? null : pairModel(models, PIVOT, target);
  if (toPivot && fromPivot) {
    return [
      { model: toPivot, source, target: PIVOT },
      { model: fromPivot, source: PIVOT, target },
    ];
  }
  const many = models.find((model) => 'among' in model.languages && model.languages.among.includes(source) && model.languages.among.includes(target));
  return many ? [{ model: many, source, target }] : null;
}

function pairModel(models: readonly TranslationModel[], source: string, target: string): TranslationModel | undefined {
  return models.find((model) => 'source' in model.languages && model.languages.source === source && model.languages.target === target);
}

/** The name shown and stored with a translation: "opus-mt-es-en" or "opus-mt-th-en → opus-mt-en-es". */
export function describeRoute(steps: readonly TranslationStep[]): string {
  return steps.map((step) => step.model.id).join(' → ');
}
