import { useTranslation } from 'react-i18next';
import { useNow } from '../format/use-now.js';
import { useSession } from '../state/session-store.js';
import { describeConnection } from './connection-text.js';

export function ConnectionIndicator() {
  const { t } = useTranslation();
  const connection = useSession((s) => s.connection);
  // Tick only while a countdown is on screen.
  const now = useNow(1000, connection.state !== 'online' && connection.retryAt !== null);

  return (
    <>
      <div
        data-testid="connection-indicator"
        data-state={connection.state}
        className={`connection connection--${connection.state}`}
        title={connection.lastError ?? t('connection.label')}
      >
        <span className="connection-dot" aria-hidden="true" />
        <span className="connection-text">{describeConnection(connection, now, t)}</span>
      </div>
      {/* Announce state changes, not the countdown; kept outside so the indicator's text stays exact. */}
      <span className="sr-only" aria-live="polite">
        {t(`connection.${connection.state}`)}
      </span>
    </>
  );
}
