import { useTranslation } from 'react-i18next';
import { AWAY_REASONS, AwayReason, SETTABLE_PRESENCES, SettablePresence } from '../../src-shared/domain/model.js';
import { shortDuration } from '../format/duration.js';
import { useNow } from '../format/use-now.js';
import { useSession, useSessionStore } from '../state/session-store.js';

/**
 * The agent's state; away comes with a reason ("away:lunch"), after-call work shows its time left.
 * Without the relay the desk shows Offline, as colleagues and routing see it, and names the state
 * the agent chose, which comes back with the connection.
 */
export function PresenceSelect() {
  const { t, i18n } = useTranslation();
  const session = useSessionStore();
  const chosen = useSession((s) => s.presence);
  const disconnected = useSession((s) => s.connection.state !== 'online');
  const presence = disconnected ? 'offline' : chosen;
  const reason = useSession((s) => s.presenceReason);
  const until = useSession((s) => s.presenceUntil);
  const now = useNow(1_000, presence === 'after-call-work' && until !== null);
  const value = presence === 'away' && reason ? `away:${reason}` : presence;

  function choose(chosen: string): void {
    const [state, why] = chosen.split(':');
    const parsed = SettablePresence.safeParse(state);
    if (!parsed.success) return;
    const away = AwayReason.safeParse(why);
    void session.getState().setPresence(parsed.data, away.success ? away.data : undefined);
  }

  return (
    <label className="presence" data-disconnected={disconnected} title={disconnected && chosen !== 'offline' ? t('presence.offlineNoConnection', { chosen: t(`presence.${chosen}`) }) : undefined}>
      <span className={`presence-dot presence-dot--${presence}`} aria-hidden="true" />
      <span className="sr-only">{t('topBar.presence')}</span>
      {disconnected && chosen !== 'offline' && <span className="sr-only">{t('presence.offlineNoConnection', { chosen: t(`presence.${chosen}`) })}</span>}
      <select data-testid="presence-select" className="presence-select" value={value} disabled={disconnected} onChange={(e) => choose(e.target.value)}>
        {SETTABLE_PRESENCES.filter((option) => option !== 'away').map((option) => (
          <option key={option} value={option}>
            {t(`presence.${option}`)}
          </option>
        ))}
        <option value="away">{t('presence.away')}</option>
        {AWAY_REASONS.map((why) => (
          <option key={why} value={`away:${why}`}>
            {t('presence.awayBecause', { reason: t(`presence.reason.${why}`) })}
          </option>
        ))}
        {/* The relay sets offline, and a desk without the relay is offline; the agent cannot choose it, but must see it. */}
        {presence === 'offline' && (
          <option value="offline" disabled>
            {t('presence.offline')}
          </option>
        )}
      </select>
      {presence === 'after-call-work' && until !== null && (
        <span className="presence-timer" data-testid="presence-timer">
          {shortDuration(Math.max(0, until - now), i18n.language)}
        </span>
      )}
    </label>
  );
}
