import path from 'node:path';
import type { Sentiment } from '../../../src-shared/api/contract.js';
import { judgeConversationLanguage, RECENT_SAMPLES } from '../../../src-shared/domain/conversation-language.js';
import type { Agent } from '../../../src-shared/domain/model.js';
import { loadDefinitions } from '../../../src-main/ai/insight/definitions.js';
import { DefinitionsAnalyser } from '../../../src-main/ai/insight/text-analyser.js';
import type { TextAnalysis } from '../../../src-main/ai/message-analyser.js';
import { Cache } from '../../../src-main/store/cache.js';
import { fillMessageCorpus, type LongThreads } from './message-corpus.js';

/** The agent the desk belongs to: in every team whose conversations the cache holds. */
export const DESK_AGENT: Agent = { id: 'agent-mei', tenantId: 'demo', email: 'mei@demo.test', name: 'Mei Chen', role: 'agent', language: 'en', teamIds: ['americas', 'apac', 'emea'] };

/** As in message-analyser.ts: a conversation's insight folds its latest five customer messages. */
const RECENT = 5;
const BATCH = 20_000;

/**
 * A desk cache as a desk that has been at work holds it: the corpus (message-corpus.ts) with its
 * long threads, every message in the search index, every customer message analysed by the
 * on-device analyser the core runs (cue words, no model installed), and the agent's sign-in,
 * valid for a day. Encrypted under `key`, as both hosts always open it.
 */
export async function fillDeskCache(file: string, key: Buffer, sizes: { messages: number; conversations: number; long: LongThreads }): Promise<void> {
  const cache = Cache.open(file, { key, filesDir: path.join(path.dirname(file), 'files') });
  try {
    fillMessageCorpus(cache, sizes.messages, sizes.conversations, sizes.long);
    while (cache.searchIndex.indexBatch(50_000) > 0);
    await analyseBacklog(cache);
    cache.session.saveSignIn({ token: 'bench-token', expiresAt: Date.now() + 86_400_000, agent: DESK_AGENT });
  } finally {
    cache.close();
  }
}

/** A kept cache, brought to this checkout's schema before the timed start (a desk migrates once, at its first start after an update). */
export function migrateDeskCache(file: string, key: Buffer): void {
  Cache.open(file, { key, filesDir: path.join(path.dirname(file), 'files') }).close();
}

/**
 * What the core's message analyser does for each waiting message (message-analyser.ts), minus the
 * translation no installed model could make: the same analyser, the same stores. One analysis per
 * distinct body, since the analyser's answer depends on the text alone.
 */
async function analyseBacklog(cache: Cache): Promise<void> {
  const analyser = new DefinitionsAnalyser(loadDefinitions(path.resolve('resources/ai/intents.json')).definitions, { embeddingModel: () => null, embed: async () => null });
  const analysed = new Map<string, TextAnalysis>();
  const languages = new Map<string, string | null>();
  const touched = new Set<string>();
  for (let batch = cache.insights.waiting(BATCH); batch.length > 0; batch = cache.insights.waiting(BATCH)) {
    const rows: { message: (typeof batch)[number]; language: string | null; analysis: TextAnalysis | null }[] = [];
    for (const message of batch) {
      const conversation = cache.conversations.get(message.conversationId);
      if (!conversation) {
        rows.push({ message, language: null, analysis: null });
        continue;
      }
      let analysis = analysed.get(message.body);
      if (!analysis) analysed.set(message.body, (analysis = await analyser.analyse(message.body)));
      const said = `${conversation.language}\u0000${message.body}`;
      let language = languages.get(said);
      if (language === undefined) languages.set(said, (language = analyser.detectLanguage(message.body, [conversation.language])));
      rows.push({ message, language, analysis });
    }
    cache.transaction(() => {
      for (const { message, language, analysis } of rows) {
        if (!analysis) cache.insights.skip(message.id);
        else cache.insights.save({ messageId: message.id, conversationId: message.conversationId, language, ...analysis }, message.createdAt);
        if (analysis) touched.add(message.conversationId);
      }
    });
  }
  cache.transaction(() => {
    for (const conversationId of touched) {
      const language = judgeConversationLanguage(cache.insights.languageSamples(conversationId, RECENT_SAMPLES), null);
      const recent: { intent: string | null; sentiment: Sentiment; sentimentScore: number }[] = cache.insights.recent(conversationId, RECENT);
      cache.insights.saveConversation(conversationId, { ...analyser.fold(recent), language }, Date.now());
    }
  });
}
