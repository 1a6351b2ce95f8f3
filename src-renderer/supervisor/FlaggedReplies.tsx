import { useTranslation } from 'react-i18next';
import type { AgentLive, FlaggedReplyLive, QueueLive } from '../../src-shared/protocol/supervisor.js';
import { shortDuration } from '../format/duration.js';
import { useInboxStore } from '../state/inbox-store.js';

/**
 * Open conversations where a reply tripped one of the company's reply rules (docs/privacy.md,
 * "Reply checks"): one row per conversation, a marker per rule saying whether the agent sent the
 * reply anyway or changed it first. The reply's text is in the conversation, not here.
 */
export function FlaggedReplies({ flagged, agents, queues, at }: { flagged: FlaggedReplyLive[]; agents: AgentLive[]; queues: QueueLive[]; at: number }) {
  const { t, i18n } = useTranslation();
  const inbox = useInboxStore();
  if (flagged.length === 0) return null;
  const byConversation = new Map<string, FlaggedReplyLive[]>();
  for (const flag of flagged) byConversation.set(flag.conversationId, [...(byConversation.get(flag.conversationId) ?? []), flag]);
  const agentName = (id: string | null) => agents.find((agent) => agent.id === id)?.name ?? id ?? '–';
  return (
    <table className="supervisor-table" data-testid="supervisor-flagged">
      <caption>{t('supervisor.flagged.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('supervisor.flagged.customer')}</th>
          <th scope="col">{t('supervisor.team')}</th>
          <th scope="col">{t('supervisor.flagged.rules')}</th>
          <th scope="col">{t('supervisor.flagged.latest')}</th>
        </tr>
      </thead>
      <tbody>
        {[...byConversation.entries()].map(([conversationId, flags]) => (
          <tr key={conversationId} data-testid="flagged-conversation" data-conversation-id={conversationId}>
            <th scope="row" dir="auto">
              <button type="button" className="link-button" onClick={() => inbox.getState().select(conversationId)}>
                {flags[0]!.customerName ?? conversationId}
              </button>
            </th>
            <td>{queues.find((queue) => queue.teamId === flags[0]!.teamId)?.teamName ?? flags[0]!.teamId}</td>
            <td>
              <ul className="supervisor-flags">
                {flags.map((flag) => (
                  <li
                    key={`${flag.messageId}-${flag.ruleId}`}
                    className={`supervisor-flag supervisor-flag--${flag.overridden ? 'overridden' : 'fixed'}`}
                    data-testid="flag-marker"
                    data-rule-id={flag.ruleId}
                    data-overridden={String(flag.overridden)}
                  >
                    <span aria-hidden="true">⚑ </span>
                    <code>{flag.ruleId}</code> · {t(flag.overridden ? 'supervisor.flagged.overridden' : 'supervisor.flagged.fixed', { agent: agentName(flag.agentId) })}
                  </li>
                ))}
              </ul>
            </td>
            <td>{shortDuration(Math.max(0, at - flags[0]!.at), i18n.language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
