import { useEffect } from 'react';
import type { LocalConversation } from '../../src-shared/api/contract.js';
import type { ReplyOptions } from '../../src-shared/protocol/channels/templates.js';
import { writtenLanguage } from '../format/language.js';
import { useReplyTemplates, useReplyTemplatesStore, type TemplateAudience } from './reply-templates-store.js';

/** Timers past this (about 24 days) overflow setTimeout; the window is asked for again on the next message anyway. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

export function audienceOf(conversation: LocalConversation): TemplateAudience {
  return { id: conversation.id, customerName: conversation.customerName, language: writtenLanguage(conversation) };
}

/**
 * How a reply to a conversation on a messaging app may go now, asked of the relay when the
 * conversation opens, when a message arrives (the customer writing opens the window again) and
 * when the window the relay reported ends. Null for other conversations and while offline.
 */
export function useReplyOptions(conversation: LocalConversation): ReplyOptions | null {
  const store = useReplyTemplatesStore();
  const options = useReplyTemplates((s) => (s.conversationId === conversation.id ? s.options : null));
  const { id, lastMessageAt } = conversation;
  const endsAt = options?.windowEndsAt ?? null;

  useEffect(() => {
    void store.getState().load(audienceOf(conversation));
    // Asked again for a new message (lastMessageAt), not for every change of the conversation.
  }, [store, id, lastMessageAt]);

  useEffect(() => {
    if (endsAt === null) return undefined;
    const wait = endsAt - Date.now() + 1_000;
    if (wait > LONGEST_TIMER_MS) return undefined;
    const timer = setTimeout(() => void store.getState().load(audienceOf(conversation)), Math.max(wait, 0));
    return () => clearTimeout(timer);
  }, [store, id, endsAt]);

  return conversation.channel === 'webchat' ? null : options;
}
