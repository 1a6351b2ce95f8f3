import { z } from 'zod';
import { Conversation, DeliveryState, LanguageTag, Message } from '../domain/model.js';

/**
 * Conversations and messages as this workstation holds them: the relay's record, plus what is
 * pending here and what was worked out on this machine.
 */

/** A message put into another language on this machine. */
export const MessageTranslation = z.object({
  body: z.string(),
  /** The language it was translated from (detected, or the conversation's). */
  from: LanguageTag,
  to: LanguageTag,
  /** The model, or models through English: "opus-mt-es-en". */
  model: z.string(),
});
export type MessageTranslation = z.infer<typeof MessageTranslation>;

export const LocalMessage = Message.extend({
  delivery: DeliveryState,
  /** Why the relay refused a message, when delivery is `failed`. */
  deliveryError: z.string().nullable(),
  /** A customer message in the agent's language, once translated here. */
  translation: MessageTranslation.nullish(),
  /** The language a customer message was detected in here; absent before analysis or when it could not tell. */
  language: z.string().nullish(),
});
export type LocalMessage = z.infer<typeof LocalMessage>;

export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export const Sentiment = z.enum(SENTIMENTS);
export type Sentiment = z.infer<typeof Sentiment>;

/** What the customer's messages add up to, worked out on this machine. */
export const ConversationInsight = z.object({
  intent: z.string().nullable(),
  intentLabel: z.string().nullable(),
  sentiment: Sentiment,
  /** 0 normal; raised by negative sentiment. The inbox lists higher priority first. */
  priority: z.number().int().nonnegative(),
  /**
   * The language the customer writes in, judged over their recent messages (one line in another
   * language does not change it: src-shared/domain/conversation-language.ts); it may differ from
   * their profile's.
   */
  language: z.string().nullable(),
});
export type ConversationInsight = z.infer<typeof ConversationInsight>;

export const LocalConversation = Conversation.extend({ insight: ConversationInsight.nullish() });
export type LocalConversation = z.infer<typeof LocalConversation>;
