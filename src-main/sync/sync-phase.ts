import type { ConnectionState } from '../../src-shared/api/contract.js';

/**
 * stopped: signed out, no socket. waiting: offline until the retry timer fires.
 * connecting: socket opening, hello sent. catching-up: welcomed, pulling. online: caught up, pushing.
 * resyncing: the relay no longer has the events since our cursor; reading its snapshot page by page.
 */
export type Phase = 'stopped' | 'waiting' | 'connecting' | 'catching-up' | 'resyncing' | 'online';

export const STATE_OF_PHASE: Record<Phase, ConnectionState> = {
  stopped: 'signed-out',
  waiting: 'offline',
  connecting: 'connecting',
  'catching-up': 'connecting',
  resyncing: 'connecting',
  online: 'online',
};
