import { z } from 'zod';
import { Channel, Id, LanguageTag } from '../../domain/model.js';
import { TEMPLATE_PARAMETER_MAX, templateParameterProblem } from '../../domain/message-templates.js';

/**
 * Approved message templates between the relay and the desks: the template a reply names (in the
 * reply.send mutation and the desk's api), and what the composer asks the relay before it writes
 * to a conversation on a messaging app (its reply window and the account's templates).
 */

/** WhatsApp's template names: lower case, digits and underscores, at most 512 characters. */
export const TemplateName = z.string().regex(/^[a-z0-9_]{1,512}$/, 'expected a template name (a-z, 0-9 and _)');
/** A provider's language code: "en", "en_US", "pt_BR", "zh_Hant_HK" (Meta's), or a BCP 47 tag. */
export const TemplateLanguage = z.string().regex(/^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8}){0,3}$/, 'expected a language code such as en_US');

export const TemplateParameter = z
  .string()
  .max(TEMPLATE_PARAMETER_MAX)
  .refine((value) => templateParameterProblem(value) === null, 'a template variable holds text on one line, without tabs or more than 4 spaces in a row');

/** The approved template a reply is, in which language, with the body's values in order ({{1}} first). */
export const TemplateChoice = z.object({ name: TemplateName, language: TemplateLanguage, parameters: z.array(TemplateParameter).max(100) }).strict();

export const MessageTemplateView = z.object({
  name: TemplateName,
  language: TemplateLanguage,
  category: z.string().max(64),
  header: z.string().max(1024).nullable(),
  body: z.string().max(4096),
  footer: z.string().max(1024).nullable(),
  parameterCount: z.number().int().min(0).max(100),
});

/** open: free text; tagged: free text with the provider's human-agent tag; closed: only templates, where the provider has them. */
export const ReplyWindowState = z.enum(['open', 'tagged', 'closed']);

/** GET conversationReplyOptionsPath(id): how a reply to this conversation may go now. */
export const ReplyOptions = z.object({
  /** Null when the conversation is not on a connected messaging app (web chat, sample history): anything goes. */
  channel: Channel.nullable(),
  window: ReplyWindowState,
  /** When the current window state ends (the free window, then the tagged one); null when it does not. */
  windowEndsAt: z.number().int().nullable(),
  /** Whether the provider sends approved templates after the window (WhatsApp); Messenger and Instagram do not in this flow. */
  templatesSupported: z.boolean(),
  /** The account's approved templates, each name once per language. */
  templates: z.array(MessageTemplateView).max(2000),
  /** The language a template falls back to when none matches the customer's: the team's working language. */
  fallbackLanguage: LanguageTag,
});
export type ReplyOptions = z.infer<typeof ReplyOptions>;

export function conversationReplyOptionsPath(conversationId: string): string {
  return `/api/conversations/${encodeURIComponent(conversationId)}/reply-options`;
}

/** POST (administrators): fetch the account's approved templates from the provider now. */
export function adminChannelTemplatesPath(accountId: string): string {
  return `/api/admin/channels/${encodeURIComponent(accountId)}/templates`;
}

/** The answer of the refresh: how many approved templates the account now has, or why the provider refused. */
export const TemplateRefreshAnswer = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), approved: z.number().int().min(0), fetchedAt: z.number().int() }),
  z.object({ ok: z.literal(false), error: z.string().max(1000) }),
]);
export type TemplateRefreshAnswer = z.infer<typeof TemplateRefreshAnswer>;

export const ConversationIdParams = z.object({ conversationId: Id });
