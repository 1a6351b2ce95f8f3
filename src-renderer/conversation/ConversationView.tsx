import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useConversation } from '../state/conversation-store.js';
import { KnowledgePanel } from '../knowledge/KnowledgePanel.js';
import { Composer } from './Composer.js';
import { ConversationHeader } from './ConversationHeader.js';
import { PrivacyRequestOffer } from '../privacy/PrivacyRequestOffer.js';
import { RegionalNotes } from './RegionalNotes.js';
import { Thread } from './Thread.js';
import './conversation.css';
import './composer-aids.css';

interface ConversationViewProps {
  composerRef: RefObject<HTMLTextAreaElement | null>;
  onLeaveComposer: () => void;
}

export function ConversationView({ composerRef, onLeaveComposer }: ConversationViewProps) {
  const { t } = useTranslation();
  const conversationId = useConversation((s) => s.conversationId);
  const conversation = useConversation((s) => s.conversation);
  const error = useConversation((s) => s.error);

  if (!conversationId) {
    return (
      <section className="conversation conversation--empty" aria-label={t('conversation.none')}>
        <p className="conversation-empty-title">{t('conversation.none')}</p>
        <p>{t('conversation.noneHint')}</p>
      </section>
    );
  }
  if (!conversation) {
    return (
      <section className="conversation conversation--empty" aria-busy={!error}>
        <p className={error ? 'conversation-error' : undefined}>{error ?? t('conversation.loading')}</p>
      </section>
    );
  }
  return (
    <div className="conversation-with-knowledge">
      <section className="conversation" aria-labelledby="conversation-title">
        <ConversationHeader conversation={conversation} />
        <PrivacyRequestOffer conversation={conversation} />
        <RegionalNotes />
        <Thread conversation={conversation} />
        <Composer conversation={conversation} inputRef={composerRef} onLeave={onLeaveComposer} />
      </section>
      <KnowledgePanel conversation={conversation} />
    </div>
  );
}
