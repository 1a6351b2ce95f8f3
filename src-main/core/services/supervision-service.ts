import { type NamespaceHandlers } from '../api-router.js';
import { requestCsv, requestHistory, requestLiveBoard } from '../relay-http.js';
import { recordAgentPresence } from '../../sync/mutations/presence-changes.js';
import type { CoreParts } from './core-parts.js';

export type SupervisionHandlers = NamespaceHandlers<'supervisor' | 'reports' | 'agents'>;

/**
 * What supervisors and administrators see and do over their teams: the live board and history
 * straight from the relay (online only), and a colleague's presence through the outbox.
 */
export function supervisionHandlers({ cache, sync, guards, relayUrl }: CoreParts): SupervisionHandlers {
  const token = () => guards.roleToken('supervisor', 'Live view and history are for supervisors and administrators.', 'Sign in again to see the live view and history.');
  return {
    'supervisor.live': async () => requestLiveBoard(relayUrl, token()),
    'reports.summary': async (params) => requestHistory(relayUrl, token(), params),
    'reports.csv': async (params) => {
      const csv = await requestCsv(relayUrl, token(), params.report, params);
      const day = (at: number) => new Date(at).toISOString().slice(0, 10);
      return { filename: `${params.report}-${day(params.from)}-to-${day(params.to)}.csv`, csv };
    },
    'agents.setPresence': async (params) => {
      guards.requireRole('supervisor', "Only supervisors and administrators change a colleague's presence.");
      recordAgentPresence(cache, params, Date.now());
      sync.outboxChanged();
      return {};
    },
  };
}
