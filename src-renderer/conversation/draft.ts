import type { LocalConversation } from '../../src-shared/api/contract.js';
import { needsTranslation, writtenLanguage } from '../format/language.js';
import type { Stores } from '../state/stores.js';

/** Whether replies in this conversation go through the translation preview. */
export function translatesReplies(stores: Stores, conversation: LocalConversation): boolean {
  const agentLanguage = stores.session.getState().agent?.language ?? null;
  return stores.conversation.getState().composeMode === 'reply' && agentLanguage !== null && needsTranslation(agentLanguage, writtenLanguage(conversation));
}

/** Every change of the draft, typed or inserted: the preview and the canned-reply list follow it. */
export function changeDraft(stores: Stores, conversation: LocalConversation, text: string): void {
  stores.conversation.getState().setDraft(conversation.id, text);
  if (translatesReplies(stores, conversation)) stores.replyPreview.getState().draftChanged(conversation.id, text);
  if (stores.conversation.getState().composeMode === 'reply') void stores.cannedReplies.getState().draftChanged(conversation.id, text);
}
