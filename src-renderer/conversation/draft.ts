import type { LocalConversation } from '../../src-shared/api/contract.js';
import { needsTranslation, writtenLanguage } from '../format/language.js';
import { useConversationStore, type ConversationStore } from '../state/conversation-store.js';
import { useSessionStore, type SessionStore } from '../state/session-store.js';
import { useCannedRepliesStore, type CannedRepliesStore } from './canned-replies-store.js';
import { useReplyPreviewStore, type ReplyPreviewStore } from './reply-preview-store.js';

/** The stores that a change of the reply draft reaches. */
export interface DraftStores {
  session: SessionStore;
  conversation: ConversationStore;
  replyPreview: ReplyPreviewStore;
  cannedReplies: CannedRepliesStore;
}

/** For what writes into the draft: the composer, and the knowledge panel's "insert". */
export function useDraftStores(): DraftStores {
  return { session: useSessionStore(), conversation: useConversationStore(), replyPreview: useReplyPreviewStore(), cannedReplies: useCannedRepliesStore() };
}

/** Whether replies in this conversation go through the translation preview. */
function translatesReplies(stores: DraftStores, conversation: LocalConversation): boolean {
  const agentLanguage = stores.session.getState().agent?.language ?? null;
  return stores.conversation.getState().composeMode === 'reply' && agentLanguage !== null && needsTranslation(agentLanguage, writtenLanguage(conversation));
}

/** Every change of the draft, typed or inserted: the preview and the canned-reply list follow it. */
export function changeDraft(stores: DraftStores, conversation: LocalConversation, text: string): void {
  stores.conversation.getState().setDraft(conversation.id, text);
  if (translatesReplies(stores, conversation)) stores.replyPreview.getState().draftChanged(conversation.id, text);
  if (stores.conversation.getState().composeMode === 'reply') void stores.cannedReplies.getState().draftChanged(conversation.id, text);
}
