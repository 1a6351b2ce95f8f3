import { z } from 'zod';
import { Id, MessageBody } from '../domain/model.js';
import { MessageTranslation } from './local-records.js';

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
} as const;
