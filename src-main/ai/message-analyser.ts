import type { ConversationInsight, EventName, EventPayload, Sentiment } from '../../src-shared/api/contract.js';
import { InferenceError } from './inference-client.js';
import type { LanguageService } from './language-service.js';
import { baseLanguage } from './translation-routes.js';
import { judgeConversationLanguage, RECENT_SAMPLES } from '../../src-shared/domain/conversation-language.js';
import type { Cache } from '../store/cache.js';
import type { WaitingMessage } from '../store/insight-store.js';

/** What the on-device models (or their light fallbacks) say about one customer message. */
export interface TextAnalysis {
  intent: string | null;
  intentScore: number | null;
  sentiment: Sentiment;
  sentimentScore: number;
  method: string;
}

/** Language id, intent and sentiment, whichever way they are worked out. */
export interface TextAnalyser {
  /** ISO 639-1, or null when the text cannot tell (emoji, an order number). */
  detectLanguage(text: string, hints: readonly string[]): string | null;
  analyse(text: string): Promise<TextAnalysis>;
  /** A conversation's customer messages, newest first, folded into one insight. */
  fold(recent: readonly { intent: string | null; sentiment: Sentiment; sentimentScore: number }[]): Omit<ConversationInsight, 'language'>;
}

/** Messages per step: each may wait on the inference process, so steps stay short. */
const BATCH = 8;
const IDLE_DELAY_MS = 100;
/** How many of a conversation's latest customer messages make up its insight. */
const RECENT = 5;

export interface MessageAnalyserOptions {
  cache: Cache;
  language: LanguageService;
  analyser: TextAnalyser;
  /** The signed-in agent's language, or null when nobody is signed in. */
  agentLanguage: () => string | null;
  /** True while sync catches up: analysis waits rather than compete for the disk. */
  busy: () => boolean;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  log: (message: string, error?: unknown) => void;
  /** The conversation's intent or upset state changed: the relay routes by them. */
  onSignal?: (conversationId: string, signal: { intent: string | null; upset: boolean }) => void;
}

/**
 * Works through the customer messages waiting for analysis (migration 0005's backlog), newest
 * first: detects the language, classifies intent and sentiment, translates into the agent's
 * language, and refreshes the conversation's insight. Survives restarts: the backlog is durable.
 */
export class MessageAnalyser {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  /** Kicked while a step ran: what arrived meanwhile may have missed that step's batch. */
  private kickedWhileRunning = false;
  private stopped = false;
  private readonly abort = new AbortController();

  constructor(private readonly options: MessageAnalyserOptions) {}

  kick(): void {
    if (this.running) this.kickedWhileRunning = true;
    if (this.stopped || this.timer || this.running) return;
    this.timer = setTimeout(() => void this.step(), IDLE_DELAY_MS);
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Resolves once the backlog is empty (tests, benchmarks). */
  async drain(): Promise<void> {
    while (!this.stopped && this.options.cache.insights.waitingCount() > 0) {
      await this.step();
    }
  }

  private async step(): Promise<void> {
    this.timer = null;
    if (this.stopped || this.running) return;
    if (this.options.busy()) {
      this.kick();
      return;
    }
    this.running = true;
    this.kickedWhileRunning = false;
    let full = false;
    try {
      const batch = this.options.cache.insights.waiting(BATCH);
      full = batch.length === BATCH;
      for (const message of batch) {
        if (this.stopped) return;
        await this.analyse(message);
      }
    } catch (error) {
      if (!this.stopped) this.options.log('Could not analyse new customer messages.', error);
      full = false;
    } finally {
      this.running = false;
    }
    if (full || this.kickedWhileRunning) this.kick();
  }

  private async analyse(message: WaitingMessage): Promise<void> {
    const { cache, analyser } = this.options;
    const conversation = cache.conversations.get(message.conversationId);
    if (!conversation) {
      cache.insights.skip(message.id);
      return;
    }
    const detected = analyser.detectLanguage(message.body, [conversation.language]);
    const analysis = await analyser.analyse(message.body);
    // The cache may have lost the message meanwhile (erasure, another agent signing in).
    if (this.stopped || !cache.messages.get(message.id)) return;
    cache.insights.save({ messageId: message.id, conversationId: conversation.id, language: detected, ...analysis }, Date.now());
    const before = cache.conversations.getShown(conversation.id)?.insight ?? null;
    // Judged over the recent messages, so one line in another language does not flip it.
    const language = judgeConversationLanguage(cache.insights.languageSamples(conversation.id, RECENT_SAMPLES), before?.language ?? null);
    const insight = { ...analyser.fold(cache.insights.recent(conversation.id, RECENT)), language };
    cache.insights.saveConversation(conversation.id, insight, Date.now());
    const upset = insight.sentiment === 'negative';
    if (before?.intent !== insight.intent || (before?.sentiment === 'negative') !== upset) {
      this.options.onSignal?.(conversation.id, { intent: insight.intent, upset });
    }
    await this.translate(message, detected ?? language ?? conversation.language);
    this.options.emit('messages.changed', { conversationId: conversation.id, messageIds: [message.id] });
    this.options.emit('conversations.changed', { conversationIds: [conversation.id] });
  }

  private async translate(message: WaitingMessage, from: string): Promise<void> {
    const agentLanguage = this.options.agentLanguage();
    const to = agentLanguage && baseLanguage(agentLanguage);
    if (!to || baseLanguage(from) === to || this.options.cache.insights.translation(message.id, to)) return;
    try {
      const translated = await this.options.language.translate(message.body, from, to, { signal: this.abort.signal, priority: 'background' });
      if (!translated || !this.options.cache.messages.get(message.id)) return;
      this.options.cache.insights.saveTranslation(message.id, { body: translated.body, from: baseLanguage(from), to, model: translated.model }, Date.now());
    } catch (error) {
      // The agent can still ask for it (messages.translate); the original is always shown.
      if (!(error instanceof InferenceError && error.reason === 'cancelled')) this.options.log(`Could not translate message ${message.id}.`, error);
    }
  }
}
