import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SETTABLE_PRESENCES, SettablePresence } from '../../src-shared/domain/model.js';
import type { AgentLive, LiveAlert, QueueLive } from '../../src-shared/protocol/supervisor.js';
import { shortDuration } from '../format/duration.js';
import { languageName } from '../format/language.js';
import { AdminPanel } from '../admin/AdminPanel.js';
import { useInboxStore } from '../state/inbox-store.js';
import { useSession } from '../state/session-store.js';
import { useSupervisor, useSupervisorStore } from './supervisor-store.js';
import { HistoryPanel } from './HistoryPanel.js';
import { LiveChannelsTable } from './ChannelTables.js';
import { FlaggedReplies } from './FlaggedReplies.js';
import './supervisor.css';

/** Supervisors' live view of their teams: queues, agents and what needs attention, refreshed every few seconds. */
export function SupervisorView() {
  const { t } = useTranslation();
  const supervisor = useSupervisorStore();
  const board = useSupervisor((s) => s.board);
  const error = useSupervisor((s) => s.error);
  const tab = useSupervisor((s) => s.tab);
  const isAdmin = useSession((s) => s.agent?.role === 'admin');
  const tabs = isAdmin ? (['live', 'history', 'admin'] as const) : (['live', 'history'] as const);
  return (
    <section className="supervisor" data-testid="supervisor-view" aria-label={t('supervisor.title')}>
      <h2 className="supervisor-title">{t('supervisor.title')}</h2>
      <div className="supervisor-tabs" role="tablist" aria-label={t('supervisor.title')} onKeyDown={(event) => moveTab(event, tabs, tab, (name) => supervisor.getState().setTab(name))}>
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`supervisor-tab-${name}`}
            aria-selected={tab === name}
            aria-controls="supervisor-panel"
            tabIndex={tab === name ? 0 : -1}
            data-testid={`supervisor-tab-${name}`}
            data-tab={name}
            className={`button ${tab === name ? 'button--primary' : 'button--quiet'}`}
            onClick={() => supervisor.getState().setTab(name)}
          >
            {t(`supervisor.tab.${name}`)}
          </button>
        ))}
      </div>
      <div id="supervisor-panel" role="tabpanel" aria-labelledby={`supervisor-tab-${tab}`}>
        {error && (
          <p className="supervisor-error" role="alert">
            {error}
          </p>
        )}
        {tab === 'history' && <HistoryPanel />}
        {tab === 'admin' && isAdmin && <AdminPanel />}
        {tab === 'live' && !board && !error && <p className="supervisor-loading">{t('app.loading')}</p>}
        {tab === 'live' && board && (
          <>
            <Alerts alerts={board.alerts} queues={board.queues} />
            <FlaggedReplies flagged={board.flaggedReplies} agents={board.agents} queues={board.queues} at={board.at} />
            <QueuesTable queues={board.queues} />
            <LiveChannelsTable channels={board.channels} />
            <AgentsTable agents={board.agents} />
          </>
        )}
      </div>
    </section>
  );
}

/**
 * The WAI-ARIA tabs pattern: arrow keys (mirrored right to left), Home and End move between the
 * tabs and show each; Tab itself goes on into the panel.
 */
function moveTab<T extends string>(event: KeyboardEvent<HTMLDivElement>, tabs: readonly T[], current: T, choose: (tab: T) => void): void {
  const ahead = getComputedStyle(event.currentTarget).direction === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
  const behind = ahead === 'ArrowLeft' ? 'ArrowRight' : 'ArrowLeft';
  const at = tabs.indexOf(current);
  const index = { [ahead]: at + 1, [behind]: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
  if (index === undefined) return;
  event.preventDefault();
  const next = tabs[(index + tabs.length) % tabs.length];
  if (next === undefined) return;
  choose(next);
  event.currentTarget.querySelector<HTMLButtonElement>(`[data-tab="${next}"]`)?.focus();
}

function Alerts({ alerts, queues }: { alerts: LiveAlert[]; queues: QueueLive[] }) {
  const { t } = useTranslation();
  const inbox = useInboxStore();
  if (alerts.length === 0) return <p className="supervisor-calm">{t('supervisor.noAlerts')}</p>;
  return (
    <ul className="supervisor-alerts" aria-label={t('supervisor.alerts')}>
      {alerts.map((alert) => (
        <li key={`${alert.kind}-${alert.teamId}-${alert.conversationId ?? ''}`} className={`supervisor-alert supervisor-alert--${alert.kind}`} data-testid="supervisor-alert" data-kind={alert.kind}>
          <span dir="auto">{t(`supervisor.alert.${alert.kind}`, { customer: alert.customerName ?? '', team: queues.find((q) => q.teamId === alert.teamId)?.teamName ?? alert.teamId })}</span>
          {alert.conversationId && (
            <button type="button" className="link-button" onClick={() => inbox.getState().select(alert.conversationId)}>
              {t('notices.open')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

function QueuesTable({ queues }: { queues: QueueLive[] }) {
  const { t, i18n } = useTranslation();
  return (
    <table className="supervisor-table" data-testid="supervisor-queues">
      <caption>{t('supervisor.queues')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('supervisor.team')}</th>
          <th scope="col">{t('supervisor.waiting')}</th>
          <th scope="col">{t('supervisor.longestWait')}</th>
          <th scope="col">{t('supervisor.slaAtRisk')}</th>
          <th scope="col">{t('supervisor.slaBreached')}</th>
          <th scope="col">{t('supervisor.available')}</th>
        </tr>
      </thead>
      <tbody>
        {queues.map((queue) => (
          <tr key={queue.teamId} data-testid="supervisor-queue" data-team-id={queue.teamId}>
            <th scope="row">
              {queue.teamName}
              {!queue.open && <span className="supervisor-closed"> {t('supervisor.closed')}</span>}
            </th>
            <td data-testid="queue-waiting">{queue.waiting}</td>
            <td>{queue.longestWaitMs === null ? '–' : shortDuration(queue.longestWaitMs, i18n.language)}</td>
            <td className={queue.slaAtRisk > 0 ? 'supervisor-warn' : undefined}>{queue.slaAtRisk}</td>
            <td className={queue.slaBreached > 0 ? 'supervisor-bad' : undefined}>{queue.slaBreached}</td>
            <td>
              {new Intl.ListFormat(i18n.language, { type: 'conjunction', style: 'narrow' }).format(
                Object.entries(queue.availableByLanguage).map(([language, count]) => `${languageName(language, i18n.language)} ${new Intl.NumberFormat(i18n.language).format(count)}`),
              ) || '–'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AgentsTable({ agents }: { agents: AgentLive[] }) {
  const { t, i18n } = useTranslation();
  const supervisor = useSupervisorStore();
  return (
    <table className="supervisor-table" data-testid="supervisor-agents">
      <caption>{t('supervisor.agents')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('supervisor.agent')}</th>
          <th scope="col">{t('supervisor.state')}</th>
          <th scope="col">{t('supervisor.inState')}</th>
          <th scope="col">{t('supervisor.load')}</th>
        </tr>
      </thead>
      <tbody>
        {agents.map((agent) => (
          <tr key={agent.id} data-testid="supervisor-agent" data-agent-id={agent.id} data-state={agent.state}>
            <th scope="row" dir="auto">
              {agent.name}
            </th>
            <td>
              <span className={`presence-dot presence-dot--${agent.state}`} aria-hidden="true" />{' '}
              {agent.state === 'offline' ? (
                t('presence.offline')
              ) : (
                <select
                  data-testid="agent-presence"
                  aria-label={t('supervisor.setPresence', { name: agent.name })}
                  value={agent.state}
                  onChange={(event) => {
                    const chosen = SettablePresence.safeParse(event.target.value);
                    if (chosen.success) void supervisor.getState().setAgentPresence(agent.id, chosen.data);
                  }}
                >
                  {SETTABLE_PRESENCES.map((option) => (
                    <option key={option} value={option}>
                      {t(`presence.${option}`)}
                    </option>
                  ))}
                </select>
              )}
              {agent.reason && <span className="supervisor-reason"> ({t(`presence.reason.${agent.reason}`)})</span>}
              {agent.onCall && (
                <span className="supervisor-on-call" data-testid="agent-on-call">
                  {' '}
                  {t('supervisor.onCall')}
                </span>
              )}
            </td>
            <td>{agent.inStateMs === null ? '–' : shortDuration(agent.inStateMs, i18n.language)}</td>
            <td data-testid="agent-load">
              {t('supervisor.loadOf', { chat: agent.load.chat, chatMax: agent.capacity.chat, email: agent.load.email, emailMax: agent.capacity.email, call: agent.load.call })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
