import { useTranslation } from 'react-i18next';
import { SETTABLE_PRESENCES, SettablePresence } from '../../src-shared/domain/model.js';
import { useSession, useStores } from '../state/stores-context.js';

export function PresenceSelect() {
  const { t } = useTranslation();
  const { session } = useStores();
  const presence = useSession((s) => s.presence);

  function choose(value: string): void {
    const chosen = SettablePresence.safeParse(value);
    if (chosen.success) void session.getState().setPresence(chosen.data);
  }

  return (
    <label className="presence">
      <span className={`presence-dot presence-dot--${presence}`} aria-hidden="true" />
      <span className="sr-only">{t('topBar.presence')}</span>
      <select data-testid="presence-select" className="presence-select" value={presence} onChange={(e) => choose(e.target.value)}>
        {SETTABLE_PRESENCES.map((option) => (
          <option key={option} value={option}>
            {t(`presence.${option}`)}
          </option>
        ))}
        {/* The relay sets offline; the agent cannot choose it, but must see it. */}
        {presence === 'offline' && (
          <option value="offline" disabled>
            {t('presence.offline')}
          </option>
        )}
      </select>
    </label>
  );
}
