import type { TFunction } from 'i18next';
import type { Connection } from '../../src-shared/api/contract.js';

/** "Offline — 3 waiting to send, retrying in 5 s": what an agent needs to trust the outbox. */
export function describeConnection(connection: Connection, now: number, t: TFunction): string {
  const details: string[] = [];
  if (connection.resync) details.push(t('connection.resyncing', { done: connection.resync.done, total: connection.resync.total }));
  if (connection.pendingCount > 0) {
    const key = connection.state === 'online' ? 'connection.sending' : 'connection.waiting';
    details.push(t(key, { count: connection.pendingCount }));
  }
  if (connection.state !== 'online' && connection.retryAt !== null) {
    const seconds = Math.ceil((connection.retryAt - now) / 1000);
    details.push(seconds > 0 ? t('connection.retryingIn', { seconds }) : t('connection.retryingNow'));
  }
  const label = t(`connection.${connection.state}`);
  return details.length > 0 ? `${label} — ${details.join(', ')}` : label;
}
