import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationInsight } from '../../src-shared/api/contract.js';
import { InferenceClient } from './inference-client.js';
import { LanguageService } from './language-service.js';
import { Cache } from '../store/cache.js';
import { sampleConversation, sampleMessage } from '../store/testing/records.js';
import { waitFor } from '../../tests/support/wait.js';
import { MessageAnalyser, type TextAnalyser, type TextAnalysis } from './message-analyser.js';
import { detectLanguage } from './detect-language.js';

/** The real language detector; intent and sentiment do not matter here. */
class DetectingAnalyser implements TextAnalyser {
  detectLanguage(text: string, hints: readonly string[]): string | null {
    return detectLanguage(text, hints)?.language ?? null;
  }
  async analyse(): Promise<TextAnalysis> {
    return { intent: null, intentScore: null, sentiment: 'neutral', sentimentScore: 0, method: 'keywords' };
  }
  fold(): Omit<ConversationInsight, 'language'> {
    return { intent: null, intentLabel: null, sentiment: 'neutral', priority: 0 };
  }
}

/** An analyser the test holds at each message, to have messages arrive and vanish mid-step. */
class HeldAnalyser implements TextAnalyser {
  readonly seen: string[] = [];
  private releases: (() => void)[] = [];
  detectLanguage(): string | null {
    return 'th';
  }
  analyse(text: string): Promise<TextAnalysis> {
    this.seen.push(text);
    return new Promise((resolve) => this.releases.push(() => resolve({ intent: 'refund', intentScore: 0.9, sentiment: 'negative', sentimentScore: -0.5, method: 'keywords' })));
  }
  releaseAll(): void {
    for (const release of this.releases.splice(0)) release();
  }
  fold(): Omit<ConversationInsight, 'language'> {
    return { intent: 'refund', intentLabel: 'Refund', sentiment: 'negative', priority: 1 };
  }
}

describe('message analyser', () => {
  let dir: string;
  let cache: Cache;
  let held: HeldAnalyser;
  let analyser: MessageAnalyser;
  let inference: InferenceClient;
  let signals: { conversationId: string; intent: string | null; upset: boolean }[];

  beforeEach(() => {
    signals = [];
    dir = mkdtempSync(path.join(tmpdir(), 'analyser-'));
    cache = Cache.open(path.join(dir, 'cache.sqlite'));
    cache.conversations.upsert(sampleConversation());
    held = new HeldAnalyser();
    // No models installed: nothing is translated, so the inference process is never started.
    inference = new InferenceClient({ launch: () => { throw new Error('not started without models'); } });
    analyser = new MessageAnalyser({
      cache,
      language: new LanguageService(inference, () => ({ translation: [], embedding: null })),
      analyser: held,
      agentLanguage: () => 'en',
      busy: () => false,
      emit: () => {},
      log: () => {},
      onSignal: (conversationId, signal) => signals.push({ conversationId, ...signal }),
    });
  });

  afterEach(() => {
    analyser.stop();
    inference.close();
    cache.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('analyses a message that arrives while a step is under way', async () => {
    cache.messages.upsertSent(sampleMessage({ id: 'm1', body: 'first' }));
    analyser.kick();
    await waitFor('the first message taken up', () => held.seen.includes('first'));
    cache.messages.upsertSent(sampleMessage({ id: 'm2', body: 'second', createdAt: 2_000 }));
    analyser.kick();
    held.releaseAll();
    await waitFor('the second message taken up', () => {
      held.releaseAll();
      return held.seen.includes('second');
    });
    held.releaseAll();
    await waitFor('both analysed', () => cache.insights.waitingCount() === 0);
    expect(cache.conversations.getShown('conv-1')?.insight).toEqual({ intent: 'refund', intentLabel: 'Refund', sentiment: 'negative', priority: 1, language: 'th' });
    // The relay hears of the intent and the upset customer once, not again for an unchanged insight.
    expect(signals).toEqual([{ conversationId: 'conv-1', intent: 'refund', upset: true }]);
  });

  it('stores nothing about a message erased while it was being analysed', async () => {
    cache.messages.upsertSent(sampleMessage({ id: 'm1', body: 'please delete my data' }));
    analyser.kick();
    await waitFor('taken up', () => held.seen.length === 1);
    cache.eraseConversation('conv-1');
    held.releaseAll();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(cache.insights.languageOf('m1')).toBeNull();
    expect(cache.insights.waitingCount()).toBe(0);
  });

  it("keeps a Spanish customer's conversation Spanish after one Thai line, and knows each message's own language", async () => {
    analyser.stop();
    const detecting = new MessageAnalyser({
      cache,
      language: new LanguageService(inference, () => ({ translation: [], embedding: null })),
      analyser: new DetectingAnalyser(),
      agentLanguage: () => 'es',
      busy: () => false,
      emit: () => {},
      log: () => {},
    });
    const written = [
      'Hola, buenas tardes. Mi pedido todavía no ha llegado y ya pasó una semana.',
      '¿Pueden decirme dónde está el paquete? El número es #A48213.',
      'ขอบคุณมากค่ะ',
      'Perdón, me equivoqué de teclado. ¿Hay novedades sobre la entrega?',
    ];
    const judged: (string | null | undefined)[] = [];
    for (const [index, body] of written.entries()) {
      cache.messages.upsertSent(sampleMessage({ id: `m${index}`, body, createdAt: 1_000 + index }));
      await detecting.drain();
      judged.push(cache.conversations.getShown('conv-1')?.insight?.language);
    }
    expect(judged).toEqual(['es', 'es', 'es', 'es']);
    expect(written.map((_, index) => cache.insights.languageOf(`m${index}`))).toEqual(['es', 'es', 'th', 'es']);
    detecting.stop();
  });
});
