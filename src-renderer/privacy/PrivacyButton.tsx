import { useTranslation } from 'react-i18next';
import { isOpenRequest } from '../../src-shared/privacy/privacy-requests.js';
import { usePrivacy, usePrivacyStore } from './privacy-store.js';

/** The top bar's way to the register, for the privacy team, with how many open requests the relay's timer reminded of. */
export function PrivacyButton() {
  const { t } = useTranslation();
  const privacy = usePrivacyStore();
  const access = usePrivacy((s) => s.access);
  const open = usePrivacy((s) => s.open);
  const reminded = usePrivacy((s) => {
    const openIds = new Set((s.register?.requests ?? []).filter((r) => isOpenRequest(r.status)).map((r) => r.id));
    return new Set((s.register?.reminders ?? []).filter((r) => openIds.has(r.requestId)).map((r) => r.requestId)).size;
  });
  if (!access) return null;
  const toggle = () => (open ? privacy.getState().close() : privacy.getState().show());
  return (
    <button type="button" data-testid="open-privacy" aria-pressed={open} className={`button ${open ? 'button--primary' : 'button--quiet'}`} onClick={toggle}>
      {t('topBar.privacy')}
      {reminded > 0 && (
        <span className="badge" data-testid="privacy-reminded" aria-label={t('privacy.remindedCount', { count: reminded })}>
          {' '}
          {reminded}
        </span>
      )}
    </button>
  );
}
