import { z } from 'zod';

/**
 * What an installed translation model can translate, without where it lies on disk: one
 * direction (Opus-MT pair models) or any pair among a list (m2m100). Desks report theirs to the
 * relay, and the renderer asks for them, so routing, the chat page's promise, the composer and
 * the "Translate to …" links all judge by the same rule as the translation itself.
 */
const Primary = z.string().regex(/^[a-z]{2,3}$/, 'expected a primary language subtag such as "th"');
export const TranslationRoute = z.union([
  z.object({ source: Primary, target: Primary }).strict(),
  z.object({ among: z.array(Primary).min(2).max(300) }).strict(),
]);
export type TranslationRoute = z.infer<typeof TranslationRoute>;

/** A desk has a few dozen models at most; anything near this is not from our desk. */
export const TranslationRoutes = z.array(TranslationRoute).max(500);

export interface RouteStep<M> {
  model: M;
  source: string;
  target: string;
}

const PIVOT = 'en';

/** "pt-BR" → "pt": models are per language, not per region. */
export function baseLanguage(tag: string): string {
  return tag.split('-')[0]?.toLowerCase() ?? tag.toLowerCase();
}

/**
 * How to translate `from` → `to` with these models: a direct pair model first (best quality per
 * size), then two pair models through English, then a many-to-many model; null if none.
 * A pair model through English beats m2m100_418M on quality for most pairs, and is smaller.
 */
export function planRoute<M extends { languages: TranslationRoute }>(models: readonly M[], from: string, to: string): RouteStep<M>[] | null {
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

function pairModel<M extends { languages: TranslationRoute }>(models: readonly M[], source: string, target: string): M | undefined {
  return models.find((model) => 'source' in model.languages && model.languages.source === source && model.languages.target === target);
}

/** Whether `from` → `to` can be translated with these routes (the same language always can). */
export function canTranslate(routes: readonly TranslationRoute[], from: string, to: string): boolean {
  return planRoute(routes.map((languages) => ({ languages })), from, to) !== null;
}

/**
 * Whether an agent writing `agentLanguages` can serve a customer writing `customerLanguage`
 * through translation: the customer's messages into one of the agent's languages, and that
 * language's replies back. One way only is not enough: a conversation goes both ways.
 */
export function translatesBothWays(routes: readonly TranslationRoute[], agentLanguages: readonly string[], customerLanguage: string): boolean {
  return agentLanguages.some((agent) => canTranslate(routes, customerLanguage, agent) && canTranslate(routes, agent, customerLanguage));
}

/**
 * Whether a customer message is offered "Translate to …": its own detected language (else the
 * conversation's) is not the agent's, and the installed routes can take it there. A Spanish
 * message to a Spanish agent is never offered one, whatever else the customer wrote.
 */
export function offersTranslation(routes: readonly TranslationRoute[], message: { language: string | null }, conversationLanguage: string, agentLanguage: string): boolean {
  const from = baseLanguage(message.language ?? conversationLanguage);
  return from !== baseLanguage(agentLanguage) && canTranslate(routes, from, agentLanguage);
}
