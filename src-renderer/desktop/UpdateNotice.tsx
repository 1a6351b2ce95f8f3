import { useTranslation } from 'react-i18next';
import { useDesktop, useDesktopStore } from './desktop-store.js';
import './desktop.css';

/** The desktop app downloaded an update: the agent restarts when it suits them (never offered during a call). */
export function UpdateNotice() {
  const { t } = useTranslation();
  const desktop = useDesktopStore();
  const update = useDesktop((s) => s.update);
  const error = useDesktop((s) => s.error);
  if (!update) return null;
  return (
    <section className="update-notice" aria-label={t('desktop.updateLabel')} aria-live="polite" data-testid="update-notice">
      <p className="update-notice-text">{update.version ? t('desktop.updateReadyVersion', { version: update.version }) : t('desktop.updateReady')}</p>
      {error && <p className="update-notice-error">{error}</p>}
      <button type="button" className="button button--primary" onClick={() => void desktop.getState().restartNow()}>
        {t('desktop.restartNow')}
      </button>
      <button type="button" className="button" onClick={() => void desktop.getState().later()}>
        {t('desktop.later')}
      </button>
    </section>
  );
}
