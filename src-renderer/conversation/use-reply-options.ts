import { useEffect } from 'react';
import type { LocalConversation } from '../../src-shared/api/contract.js';
import type { DeskReplyOptions } from '../../src-shared/api/replies.js';
import { useSession } from '../state/session-store.js';
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
 * when the window ends, and again once the desk is back online (offline the desk reckons the window
 * from its cache and offers the templates last fetched). Null for other conversations, and offline
 * when the desk cannot tell.
 */
export function useReplyOptions(conversation: LocalConversation): DeskReplyOptions | null {
  const store = useReplyTemplatesStore();
  const options = useReplyTemplates((s) => (s.conversationId === conversation.id ? s.options : null));
  const online = useSession((s) => s.connection.state === 'online');
  const { id, lastMessageAt } = conversation;
  const endsAt = options?.windowEndsAt ?? null;

  useEffect(() => {
    void store.getState().load(audienceOf(conversation));
    // Asked again for a new message (lastMessageAt) or a change of connection, not for every change of the conversation.
  }, [store, id, lastMessageAt, online]);

  useEffect(() => {
    if (endsAt === null) return undefined;
    const wait = endsAt - Date.now() + 1_000;
    if (wait > LONGEST_TIMER_MS) return undefined;
    const timer = setTimeout(() => void store.getState().load(audienceOf(conversation)), Math.max(wait, 0));
    return () => clearTimeout(timer);
  }, [store, id, endsAt]);

  return conversation.channel === 'webchat' ? null : options;
}
