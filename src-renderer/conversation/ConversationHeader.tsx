import { useTranslation } from 'react-i18next';
import type { LocalConversation } from '../../src-shared/api/contract.js';
import { CONVERSATION_STATUSES, type Conversation } from '../../src-shared/domain/model.js';
import { InsightBadges } from '../inbox/InboxItem.js';
import { LabelEditor } from '../inbox/LabelChips.js';
import { languageName, marketName } from '../format/language.js';
import { useConversation, useSession, useStores } from '../state/stores-context.js';

export function ConversationHeader({ conversation }: { conversation: LocalConversation }) {
  const { t, i18n } = useTranslation();
  const agentId = useSession((s) => s.agent?.id ?? null);
  const statusError = useConversation((s) => s.statusError);
  const { conversation: store } = useStores();

  const assignee =
    conversation.assigneeId === null
      ? t('conversation.unassigned')
      : conversation.assigneeId === agentId
        ? t('conversation.assignedToYou')
        : t('conversation.assignedToOther');

  return (
    <header className="conversation-header">
      <div className="conversation-heading">
        <h2 id="conversation-title" className="conversation-title" dir="auto">
          {conversation.customerName}
        </h2>
        <p className="conversation-facts">
          <span className={`channel-badge channel-badge--${conversation.channel}`}>{t(`channel.${conversation.channel}`)}</span>
          <span>{languageName(conversation.language, i18n.language)}</span>
          {conversation.market && <span>{t('conversation.market', { market: marketName(conversation.market, i18n.language) })}</span>}
          <InsightBadges conversation={conversation} />
          <LabelEditor labels={conversation.labels ?? []} />
          <span>
            {t('conversation.assignee')}: <strong>{assignee}</strong>
          </span>
          {conversation.assigneeId === null && (
            <button type="button" data-testid="conversation-claim" className="button button--primary claim-button" onClick={() => void store.getState().claim()}>
              {t('conversation.claim')}
            </button>
          )}
        </p>
      </div>
      <StatusButtons conversation={conversation} />
      {statusError && (
        <p className="conversation-error conversation-header-error" role="alert">
          {statusError}
        </p>
      )}
    </header>
  );
}

function StatusButtons({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const { conversation: store } = useStores();
  return (
    <div className="status-buttons" role="group" aria-label={t('status.label')}>
      {CONVERSATION_STATUSES.map((status) => (
        <button
          key={status}
          type="button"
          data-testid={`status-${status}`}
          aria-pressed={conversation.status === status}
          className={`status-button status-button--${status}`}
          onClick={() => void store.getState().setStatus(status)}
        >
          <span className={`status-marker status-marker--${status}`} aria-hidden="true" />
          {t(`status.${status}`)}
        </button>
      ))}
    </div>
  );
}
