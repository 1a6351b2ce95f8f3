import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionStore } from '../state/session-store.js';

/** "Sign out and wipe this device", asked twice: it cannot be undone. */
export function WipeDeviceButton() {
  const { t } = useTranslation();
  const session = useSessionStore();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" data-testid="wipe-device" className="button button--quiet" onClick={() => setAsking(true)}>
        {t('topBar.wipeDevice')}
      </button>
    );
  }
  return (
    <span className="wipe-device-question" role="group" aria-label={t('topBar.wipeDevice')}>
      <span>{t('topBar.wipeDeviceConfirm')}</span>
      <button
        type="button"
        data-testid="wipe-device-confirm"
        className="button button--danger"
        onClick={() => {
          setAsking(false);
          void session.getState().wipeDevice();
        }}
      >
        {t('topBar.wipeDeviceYes')}
      </button>
      <button type="button" className="button button--quiet" onClick={() => setAsking(false)}>
        {t('topBar.wipeDeviceNo')}
      </button>
    </span>
  );
}
