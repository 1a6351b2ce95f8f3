import type { DeskReplyOptions } from '../../../src-shared/api/replies.js';
import { messagingRulesOf, replyWindow, replyWindowEndsAt, type MessagingRules, type ReplyWindow } from '../../../src-shared/domain/channel-rules.js';
import type { Conversation } from '../../../src-shared/domain/model.js';
import type { KeptReplyOptions } from '../../store/reply-options-store.js';

/**
 * How a reply may go while the relay cannot be asked: the provider's window reckoned with the
 * shared channel rules, and the templates the relay last gave for the conversation. While no
 * customer message came after the relay's last answer, that answer still holds (a closed window
 * stays closed; an open one ends when it said). Otherwise the customer's newest cached message
 * counts: the relay dates it on arrival, never before the provider's time the window runs from, so
 * the desk may think a window open that is not (the relay then refuses the text), never the reverse.
 * Without a message of the customer cached, the conversation's last message bounds theirs.
 * Null when the desk cannot tell, the provider has no window, or the relay said the conversation
 * is not on a connected account (sample history): then free text goes, judged by the relay.
 */
export function offlineReplyOptions(conversation: Conversation, lastCustomerMessageAt: number | null, kept: KeptReplyOptions | null, at: number): DeskReplyOptions | null {
  const rules = messagingRulesOf(conversation.channel);
  if (!rules || rules.windowMs === null || kept?.options.channel === null) return null;
  const reckoned = reckonWindow(rules, conversation, lastCustomerMessageAt, kept, at);
  if (!reckoned) return null;
  const templatesSupported = rules.approvedTemplates === true;
  return {
    channel: conversation.channel,
    ...reckoned,
    templatesSupported,
    templates: templatesSupported ? (kept?.options.templates ?? []) : [],
    fallbackLanguage: kept?.options.fallbackLanguage ?? 'en',
    offline: { templatesFetchedAt: kept && templatesSupported ? kept.fetchedAt : null },
  };
}

function reckonWindow(rules: MessagingRules, conversation: Conversation, lastCustomerMessageAt: number | null, kept: KeptReplyOptions | null, at: number): { window: ReplyWindow; windowEndsAt: number | null } | null {
  const told = toldLastInbound(rules, kept, lastCustomerMessageAt);
  if (told === 'closed') return { window: 'closed', windowEndsAt: null };
  const last = told ?? lastCustomerMessageAt ?? conversation.lastMessageAt;
  const window = replyWindow(rules, last, at);
  if (told === null && lastCustomerMessageAt === null && window !== 'closed') return null;
  return { window, windowEndsAt: replyWindowEndsAt(rules, last, window) };
}

/** When the customer last wrote at the provider, as the relay's last answer implies, or 'closed'; null when that answer is missing, stale or silent. */
function toldLastInbound(rules: MessagingRules, kept: KeptReplyOptions | null, lastCustomerMessageAt: number | null): number | 'closed' | null {
  if (!kept || (lastCustomerMessageAt !== null && lastCustomerMessageAt > kept.fetchedAt)) return null;
  const { window, windowEndsAt } = kept.options;
  if (window === 'closed') return 'closed';
  if (windowEndsAt === null || rules.windowMs === null) return null;
  const length = window === 'open' ? rules.windowMs : rules.taggedWindowMs;
  return length === undefined ? null : windowEndsAt - length;
}
