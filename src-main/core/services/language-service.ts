import type { MethodOutput } from '../../../src-shared/api/contract.js';
import { type ApiHandlers } from '../api-router.js';
import { LanguageFeatures, type LanguageFeaturesOptions } from '../../ai/language-features.js';
import { recordSignal } from '../../sync/mutations/conversation-changes.js';
import type { CoreParts } from './core-parts.js';

export type LanguageHandlers = Pick<ApiHandlers, 'messages.translate' | 'translation.preview' | 'translation.routes'>;

/** What the host sets up for on-device translation, intent and sentiment. */
export type LanguageFeaturesSetup = Pick<LanguageFeaturesOptions, 'launchInference' | 'installedModels' | 'createAnalyser'>;

/** Translation on this machine, on demand: a customer message into the agent's language, a draft into the customer's. */
export function languageHandlers({ guards }: CoreParts, language: LanguageFeatures | null): LanguageHandlers {
  return {
    'messages.translate': async (params) => {
      guards.requireAgent();
      const message = guards.requireMessage(params.messageId);
      const conversation = guards.requireConversation(message.conversationId);
      if (!language) return noLanguageFeatures();
      return language.translateMessage(message, conversation);
    },
    'translation.preview': async (params) => {
      guards.requireAgent();
      const conversation = guards.requireConversation(params.conversationId);
      if (!language) return noLanguageFeatures();
      return language.preview(conversation, params.text);
    },
    'translation.routes': async () => {
      guards.requireAgent();
      return { routes: language?.routes() ?? [] };
    },
  };
}

/** The background work on customer messages, paused while sync catches up; its signals go to the relay. */
export function startLanguageFeatures({ cache, sync, events, log }: CoreParts, setup: LanguageFeaturesSetup): LanguageFeatures {
  return new LanguageFeatures({
    ...setup,
    cache,
    agent: () => cache.session.signIn()?.agent ?? null,
    busy: () => sync.isCatchingUp(),
    emit: (event, payload) => events.emit(event, payload),
    log,
    onSignal: (conversationId, signal) => {
      // Work finished after a sign-out has no one to send it: queued, it would be the signed-out
      // agent's, and hold the desk for them (the next agent's sign-in is refused while it waits).
      if (!cache.session.signIn()) return;
      recordSignal(cache, conversationId, signal, Date.now());
      sync.outboxChanged();
    },
  });
}

function noLanguageFeatures(): MethodOutput<'messages.translate'> {
  return { translation: null, unavailable: 'no-model', detail: 'On-device translation is not set up on this workstation.' };
}
