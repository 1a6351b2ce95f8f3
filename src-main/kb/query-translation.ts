import { detectLanguage } from '../ai/detect-language.js';
import { baseLanguage } from '../ai/translation-routes.js';

/** What query translation needs of the language service. */
export interface QueryTranslator {
  canTranslate(from: string, to: string): boolean;
  translate(text: string, from: string, to: string, options?: { signal?: AbortSignal; priority?: 'interactive' | 'background' }): Promise<{ body: string } | null>;
}

/** Search waits this long for translations, then goes on with what it has. */
export const TRANSLATION_BUDGET_MS = 800;
const REMEMBERED = 200;

export interface TranslatedQuery {
  language: string;
  text: string;
}

/**
 * The question in each language articles are written in, where an installed pair model covers
 * it: best-effort and time-bounded. A newer question cancels the translations of the one before
 * (the agent is still typing), and recent translations are remembered so typing back is instant.
 */
export class QueryTranslation {
  private current: AbortController | null = null;
  private readonly remembered = new Map<string, string>();

  constructor(
    private readonly translator: QueryTranslator,
    private readonly budgetMs = TRANSLATION_BUDGET_MS,
  ) {}

  async translations(query: string, agentLanguage: string | null, articleLocales: readonly string[]): Promise<TranslatedQuery[]> {
    this.current?.abort();
    const controller = new AbortController();
    this.current = controller;
    const from = detectLanguage(query, agentLanguage ? [agentLanguage] : [])?.language ?? (agentLanguage && baseLanguage(agentLanguage));
    if (!from) return [];
    const targets = [...new Set(articleLocales.map(baseLanguage))].filter((to) => to !== baseLanguage(from) && this.translator.canTranslate(from, to));
    const results: TranslatedQuery[] = [];
    const work = targets.map(async (to) => {
      const key = `${from}\u0000${to}\u0000${query}`;
      const text = this.remembered.get(key) ?? (await this.translator.translate(query, from, to, { signal: controller.signal, priority: 'interactive' }))?.body;
      if (!text || controller.signal.aborted) return;
      this.remember(key, text);
      results.push({ language: to, text });
    });
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.budgetMs);
    });
    // A failed translation only means fewer results; search by words stands without it.
    await Promise.race([Promise.allSettled(work), deadline]);
    clearTimeout(timer);
    controller.abort();
    return [...results];
  }

  private remember(key: string, text: string): void {
    this.remembered.delete(key);
    this.remembered.set(key, text);
    if (this.remembered.size > REMEMBERED) this.remembered.delete(this.remembered.keys().next().value!);
  }
}
