import type { DeskReplyOptions } from '../../../src-shared/api/replies.js';
import { messagingRulesOf, replyWindow, replyWindowEndsAt } from '../../../src-shared/domain/channel-rules.js';
import type { Conversation } from '../../../src-shared/domain/model.js';
import type { KeptReplyOptions } from '../../store/reply-options-store.js';

/**
 * How a reply may go while the relay cannot be asked: the provider's window reckoned from the
 * customer's last message in the cache, with the shared channel rules, and the templates the relay
 * last gave for the conversation. Without a message of the customer in the cache, the
 * conversation's last message bounds theirs: a window closed by then is closed. Null when the
 * desk cannot tell (or the provider has no window, or the relay said the conversation is not on
 * a connected account: sample history): then free text goes and the relay judges it on arrival.
 */
export function offlineReplyOptions(conversation: Conversation, lastCustomerMessageAt: number | null, kept: KeptReplyOptions | null, at: number): DeskReplyOptions | null {
  const rules = messagingRulesOf(conversation.channel);
  if (!rules || rules.windowMs === null || kept?.options.channel === null) return null;
  const window = replyWindow(rules, lastCustomerMessageAt ?? conversation.lastMessageAt, at);
  if (lastCustomerMessageAt === null && window !== 'closed') return null;
  const templatesSupported = rules.approvedTemplates === true;
  const templates = templatesSupported ? (kept?.options.templates ?? []) : [];
  return {
    channel: conversation.channel,
    window,
    windowEndsAt: replyWindowEndsAt(rules, lastCustomerMessageAt, window),
    templatesSupported,
    templates,
    fallbackLanguage: kept?.options.fallbackLanguage ?? 'en',
    offline: { templatesFetchedAt: kept && templatesSupported ? kept.fetchedAt : null },
  };
}
