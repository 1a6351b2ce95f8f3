import { z } from 'zod';
import { Id, MessageBody } from '../domain/model.js';
import { MessageTranslation } from './local-records.js';
import { Empty } from './method-shapes.js';
import { TranslationRoutes } from '../domain/translation-routes.js';

/** A translation, or why there is none (no model for the pair, the process failed, a newer request). */
export const TranslationOutcome = z.object({
  translation: MessageTranslation.nullable(),
  unavailable: z.enum(['same-language', 'no-model', 'failed', 'superseded']).nullable(),
  detail: z.string().nullable(),
});
export type TranslationOutcome = z.infer<typeof TranslationOutcome>;

export const translationMethods = {
  /**
   * The agent's draft in the customer's language, for the composer's live preview. A newer
   * preview of the same conversation supersedes an older one still running (it ends `superseded`).
   */
  'translation.preview': {
    input: z.object({ conversationId: Id, text: MessageBody }).strict(),
    output: TranslationOutcome,
  },
  /**
   * What the models installed on this machine can translate (none without on-device
   * translation); asked again after `models.changed`. The composer and the "Translate to …"
   * links judge by it, with the same rule as the translation itself.
   */
  'translation.routes': {
    input: Empty,
    output: z.object({ routes: TranslationRoutes }),
  },
} as const;
