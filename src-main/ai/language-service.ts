import type { InferenceClient, InferencePriority } from './inference-client.js';
import { describeRoute, planTranslation, type TranslationModel } from './translation-routes.js';
import { maskForModels } from './model-input.js';

/** The sentence-embedding model for intent and sentiment, when installed. */
export interface EmbeddingModel {
  id: string;
  path: string;
  dtype: 'fp32' | 'q8';
}

/** What is installed now; read again whenever models are added or removed. */
export interface InstalledModels {
  translation: readonly TranslationModel[];
  embedding: EmbeddingModel | null;
}

export interface Translated {
  body: string;
  model: string;
}

export interface WorkOptions {
  signal?: AbortSignal;
  priority?: InferencePriority;
}

/**
 * The core's door to on-device models: picks the route for a language pair and runs each step
 * in the inference process. Knows nothing of messages or the cache.
 */
export class LanguageService {
  constructor(
    private readonly inference: InferenceClient,
    private readonly installed: () => InstalledModels,
  ) {}

  /** Whether `from` → `to` can be translated with what is installed. */
  canTranslate(from: string, to: string): boolean {
    return planTranslation(this.installed().translation, from, to) !== null;
  }

  /** null when no installed model (or pair through English) covers the pair. */
  async translate(text: string, from: string, to: string, options: WorkOptions = {}): Promise<Translated | null> {
    const steps = planTranslation(this.installed().translation, from, to);
    if (!steps) return null;
    let body = maskForModels(text);
    for (const step of steps) {
      const many = 'among' in step.model.languages;
      const job = {
        task: 'translate' as const,
        modelPath: step.model.path,
        dtype: step.model.dtype,
        text: body,
        ...(many ? { sourceLanguage: step.source, targetLanguage: step.target } : {}),
      };
      body = (await this.inference.run(job, options)).text;
    }
    return { body, model: steps.length === 0 ? 'none' : describeRoute(steps) };
  }

  /** Unit-length sentence vectors, or null without an embedding model. */
  async embed(texts: string[], options: WorkOptions = {}): Promise<number[][] | null> {
    const model = this.installed().embedding;
    if (!model) return null;
    const result = await this.inference.run({ task: 'embed', modelPath: model.path, dtype: model.dtype, texts: texts.map(maskForModels) }, options);
    return result.vectors;
  }

  /** The installed embedding model's id, or null; examples are embedded again when it changes. */
  embeddingModel(): string | null {
    return this.installed().embedding?.id ?? null;
  }
}
