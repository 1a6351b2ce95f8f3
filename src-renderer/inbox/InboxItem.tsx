import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalConversation as Conversation } from '../../src-shared/api/contract.js';
import { languageName } from '../format/language.js';
import { relativeTime } from '../format/relative-time.js';
import { FactChips } from './FactChips.js';
import { OfferButtons } from './OfferButtons.js';

interface InboxItemProps {
  elementId: string;
  conversation: Conversation;
  selected: boolean;
  now: number;
  top: number;
  height: number;
  onSelect: (conversationId: string) => void;
}

export const InboxItem = memo(function InboxItem({ elementId, conversation, selected, now, top, height, onSelect }: InboxItemProps) {
  const { t, i18n } = useTranslation();
  const { status } = conversation;
  return (
    <div
      id={elementId}
      role="option"
      aria-selected={selected}
      data-testid="inbox-item"
      data-conversation-id={conversation.id}
      data-status={status}
      className={`inbox-item inbox-item--${status}${selected ? ' inbox-item--selected' : ''}`}
      style={{ transform: `translateY(${top}px)`, height }}
      onClick={() => onSelect(conversation.id)}
    >
      <div className="inbox-item-line">
        <span className={`status-marker status-marker--${status}`} title={t(`status.${status}`)} aria-hidden="true" />
        <span className="inbox-item-name" dir="auto">
          {conversation.customerName}
        </span>
        <time className="inbox-item-time" dateTime={new Date(conversation.lastMessageAt).toISOString()}>
          {relativeTime(conversation.lastMessageAt, now, t, i18n.language)}
        </time>
      </div>
      {/* bdi: right-to-left text keeps its order, the line keeps the list's alignment. */}
      <p className="inbox-item-preview">
        <bdi>{conversation.lastMessagePreview}</bdi>
      </p>
      <div className="inbox-item-line inbox-item-facts">
        <span className={`channel-badge channel-badge--${conversation.channel}`} data-testid="channel-badge">
          {t(`channel.${conversation.channel}`)}
        </span>
        <span className="inbox-item-language" title={languageName(conversation.language, i18n.language)}>
          {languageName(conversation.language, i18n.language)}
        </span>
        <span className={`status-label status-label--${status}`}>{t(`status.${status}`)}</span>
        {/* Mounted only with an offer: a row mounts on every scroll. */}
        {conversation.offer && <OfferButtons conversation={conversation} inRow />}
        <FactChips conversation={conversation} />
      </div>
    </div>
  );
});
