import type { EventName, EventPayload, LocalMessage, MessageTranslation, TranslationOutcome } from '../../src-shared/api/contract.js';
import type { Agent, Conversation } from '../../src-shared/domain/model.js';
import { InferenceClient, InferenceError, type LaunchInference } from './inference-client.js';
import { LanguageService, type InstalledModels } from './language-service.js';
import { baseLanguage, routesOf } from './translation-routes.js';
import { detectLanguage } from './detect-language.js';
import type { TranslationRoute } from '../../src-shared/domain/translation-routes.js';
import type { Cache } from '../store/cache.js';
import { MessageAnalyser, type TextAnalyser } from './message-analyser.js';

export interface LanguageFeaturesOptions {
  cache: Cache;
  launchInference: LaunchInference;
  /** What is installed now; called again after a model is added or removed. */
  installedModels: () => InstalledModels;
  /** Built over the language service, so intent can use the embedding model when installed. */
  createAnalyser: (language: LanguageService) => TextAnalyser;
  agent: () => Agent | null;
  busy: () => boolean;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  log: (message: string, error?: unknown) => void;
  onSignal?: (conversationId: string, signal: { intent: string | null; upset: boolean }) => void;
}

/**
 * Translation both ways, intent and sentiment, for the workstation core: the inference process,
 * the background analysis of customer messages, and the on-demand translations the api serves.
 */
export class LanguageFeatures {
  private readonly inference: InferenceClient;
  private readonly language: LanguageService;
  private readonly analyser: MessageAnalyser;
  private readonly previews = new Map<string, AbortController>();
  private readonly closing = new AbortController();

  constructor(private readonly options: LanguageFeaturesOptions) {
    this.inference = new InferenceClient({ launch: options.launchInference, log: (message) => options.log(message) });
    this.language = new LanguageService(this.inference, options.installedModels);
    this.analyser = new MessageAnalyser({
      cache: options.cache,
      language: this.language,
      analyser: options.createAnalyser(this.language),
      agentLanguage: () => options.agent()?.language ?? null,
      busy: options.busy,
      emit: options.emit,
      log: options.log,
      onSignal: options.onSignal,
    });
  }

  /** Sentence vectors with the installed embedding model, for search by meaning. */
  get embedder(): LanguageService {
    return this.language;
  }

  /** A model was installed: what it can now translate is translated, in the background. */
  modelInstalled(): void {
    const language = this.agentLanguage();
    if (language && this.options.cache.insights.requeueUntranslated(language) > 0) this.analyser.kick();
  }

  /** New customer messages may be waiting. */
  kick(): void {
    this.analyser.kick();
  }

  /** Resolves when every waiting message is analysed (tests, benchmarks). */
  drain(): Promise<void> {
    return this.analyser.drain();
  }

  close(): void {
    this.closing.abort();
    this.analyser.stop();
    for (const preview of this.previews.values()) preview.abort();
    this.inference.close();
  }

  /** Messages as the agent reads them: customer messages with their detected language, and their translation when there is one. */
  withTranslations(messages: LocalMessage[]): LocalMessage[] {
    const to = this.agentLanguage();
    return messages.map((message) => {
      if (message.author !== 'customer') return message;
      const language = this.options.cache.insights.languageOf(message.id);
      const translation = to ? this.options.cache.insights.translation(message.id, to) : undefined;
      return { ...message, ...(language ? { language } : {}), ...(translation ? { translation } : {}) };
    });
  }

  /** What the installed models can translate, for the relay's routing and the renderer. */
  routes(): TranslationRoute[] {
    return routesOf(this.options.installedModels().translation);
  }

  async translateMessage(message: LocalMessage, conversation: Conversation): Promise<TranslationOutcome> {
    const to = this.agentLanguage();
    if (!to) return unavailable('no-model', 'Nobody is signed in.');
    const cached = this.options.cache.insights.translation(message.id, to);
    if (cached) return { translation: cached, unavailable: null, detail: null };
    const from = this.options.cache.insights.languageOf(message.id) ?? this.customerLanguage(conversation);
    const outcome = await this.run(message.body, from, to, { signal: this.closing.signal });
    if (outcome.translation && this.options.cache.messages.get(message.id)) {
      this.options.cache.insights.saveTranslation(message.id, outcome.translation, Date.now());
    }
    return outcome;
  }

  /**
   * The draft in the language the customer writes in (their profile's when not known yet); a
   * newer preview for the conversation cancels this one. A draft written in the customer's
   * language already is `same-language`, and one in a third language is translated from it.
   */
  async preview(conversation: Conversation, text: string): Promise<TranslationOutcome> {
    const agent = this.agentLanguage();
    if (!agent) return unavailable('no-model', 'Nobody is signed in.');
    this.previews.get(conversation.id)?.abort();
    const controller = new AbortController();
    this.previews.set(conversation.id, controller);
    try {
      const to = this.customerLanguage(conversation);
      // The agent's own and the customer's languages settle near-ties; a short draft ("ok"), or one
      // taken for a language nothing installed translates from, is taken as the agent's.
      const written = detectLanguage(text, [agent, to])?.language;
      const from = written && this.language.canTranslate(written, to) ? written : agent;
      return await this.run(text, from, to, { signal: controller.signal });
    } finally {
      if (this.previews.get(conversation.id) === controller) this.previews.delete(conversation.id);
    }
  }

  private async run(text: string, from: string, to: string, options: { signal: AbortSignal }): Promise<TranslationOutcome> {
    const source = baseLanguage(from);
    const target = baseLanguage(to);
    if (source === target) return unavailable('same-language', null);
    if (!this.language.canTranslate(source, target)) {
      return unavailable('no-model', `No translation model for ${source} → ${target} is installed.`);
    }
    try {
      const translated = await this.language.translate(text, source, target, { ...options, priority: 'interactive' });
      if (!translated) return unavailable('no-model', `No translation model for ${source} → ${target} is installed.`);
      const translation: MessageTranslation = { body: translated.body, from: source, to: target, model: translated.model };
      return { translation, unavailable: null, detail: null };
    } catch (error) {
      if (error instanceof InferenceError && error.reason === 'cancelled') return unavailable('superseded', null);
      this.options.log('Translation failed.', error);
      return unavailable('failed', error instanceof Error ? error.message : String(error));
    }
  }

  /** As judged over the customer's recent messages (message-analyser.ts), else their profile's. */
  private customerLanguage(conversation: Conversation): string {
    return this.options.cache.conversations.getShown(conversation.id)?.insight?.language ?? conversation.language;
  }

  private agentLanguage(): string | null {
    const language = this.options.agent()?.language;
    return language ? baseLanguage(language) : null;
  }
}

function unavailable(reason: NonNullable<TranslationOutcome['unavailable']>, detail: string | null): TranslationOutcome {
  return { translation: null, unavailable: reason, detail };
}
