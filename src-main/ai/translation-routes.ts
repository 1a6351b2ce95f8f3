import { planRoute, type RouteStep, type TranslationRoute } from '../../src-shared/domain/translation-routes.js';

export { baseLanguage } from '../../src-shared/domain/translation-routes.js';

/** A translation model on disk, as the router needs to know it. */
export interface TranslationModel {
  id: string;
  /** The model's own folder. */
  path: string;
  dtype: 'fp32' | 'q8';
  /** One direction (Opus-MT), or any pair among `languages` (m2m100). */
  languages: TranslationRoute;
}

/** One model run; many-to-many models are told the pair. */
export type TranslationStep = RouteStep<TranslationModel>;

/** How to translate `from` → `to` with what is installed (the rule is shared with the relay and the renderer). */
export function planTranslation(models: readonly TranslationModel[], from: string, to: string): TranslationStep[] | null {
  return planRoute(models, from, to);
}

/** What the installed models can translate, without their folders: what the desk tells the relay and the renderer. */
export function routesOf(models: readonly TranslationModel[]): TranslationRoute[] {
  // A many-to-many model whose tokenizer could not be read names no pair it could translate.
  return models.map((model) => model.languages).filter((route) => !('among' in route) || route.among.length >= 2);
}

/** The name shown and stored with a translation: "opus-mt-es-en" or "opus-mt-th-en → opus-mt-en-es". */
export function describeRoute(steps: readonly TranslationStep[]): string {
  return steps.map((step) => step.model.id).join(' → ');
}
