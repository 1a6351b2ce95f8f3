import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalConversation } from '../../src-shared/api/contract.js';
import { CONVERSATION_STATUSES, type Conversation } from '../../src-shared/domain/model.js';
import { InsightBadges } from '../inbox/InsightBadges.js';
import { OfferButtons } from '../inbox/OfferButtons.js';
import { CallBackButton } from '../softphone/CallBackButton.js';
import { LabelEditor } from '../inbox/LabelChips.js';
import { languageName, marketName } from '../format/language.js';
import { useConversation, useConversationStore } from '../state/conversation-store.js';
import { useSession } from '../state/session-store.js';
import { useSupervisorStore } from '../supervisor/supervisor-store.js';
import { useMentions } from './mentions-store.js';

export function ConversationHeader({ conversation }: { conversation: LocalConversation }) {
  const { t, i18n } = useTranslation();
  const agentId = useSession((s) => s.agent?.id ?? null);
  const steers = useSession((s) => s.agent !== null && s.agent.role !== 'agent');
  const colleagues = useMentions((s) => s.colleagues);
  const statusError = useConversation((s) => s.statusError);
  const store = useConversationStore();

  const assignee =
    conversation.assigneeId === null
      ? t('conversation.unassigned')
      : conversation.assigneeId === agentId
        ? t('conversation.assignedToYou')
        : (colleagues.find((c) => c.id === conversation.assigneeId)?.name ?? t('conversation.assignedToOther'));

  return (
    <header className="conversation-header">
      <div className="conversation-heading">
        <h2 id="conversation-title" className="conversation-title" dir="auto">
          {conversation.customerName}
        </h2>
        <p className="conversation-facts">
          <span className={`channel-badge channel-badge--${conversation.channel}`} data-testid="conversation-channel">
            {t(`channel.${conversation.channel}`)}
          </span>
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
          <OfferButtons conversation={conversation} />
          <CallBackButton />
          {steers && <AssignControl conversation={conversation} />}
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

/** Supervisors steer: give the conversation to someone of its team, take it over, or put it back in the queue. */
function AssignControl({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const supervisor = useSupervisorStore();
  const [problem, setProblem] = useState<string | null>(null);
  const selectId = useId();
  const me = useSession((s) => s.agent);
  const colleagues = useMentions((s) => s.colleagues);
  const members = colleagues.filter((c) => c.role === 'agent' && c.teamIds.includes(conversation.teamId));
  const assign = async (assigneeId: string | null) => {
    setProblem(await supervisor.getState().assign(conversation.id, assigneeId));
  };
  return (
    <span className="assign-control" role="group" aria-label={t('supervisor.assignLabel')}>
      <span className="assign-field">
        <label className="assign-field-label" htmlFor={selectId}>
          {t('supervisor.assignTo')}
        </label>
        <select id={selectId} className="input assign-select" data-testid="assign-select" value="" onChange={(event) => void assign(event.target.value === 'queue' ? null : event.target.value)}>
          <option value="" disabled>
            {t('supervisor.choosePerson')}
          </option>
          {members
            .filter((c) => c.id !== conversation.assigneeId)
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          {conversation.assigneeId !== null && <option value="queue">{t('supervisor.toQueue')}</option>}
        </select>
      </span>
      {me && conversation.assigneeId !== me.id && (
        <button type="button" data-testid="take-over" className="button assign-take-over" onClick={() => void assign(me.id)}>
          {t('supervisor.takeOver')}
        </button>
      )}
      {problem && (
        <span className="conversation-error" role="alert">
          {problem}
        </span>
      )}
    </span>
  );
}

function StatusButtons({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const store = useConversationStore();
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
