import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionStore } from '../state/session-store.js';
import { TwoFactorSetup } from './TwoFactorSetup.js';

/** The signed-in agent's sign-in security, from the top bar: two-factor sign-in, and signing out everywhere. */
export function TwoFactorDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const session = useSessionStore();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (open && dialog && !dialog.open) dialog.showModal();
    if (!open && dialog?.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={dialogRef} className="dialog" data-testid="two-factor-dialog" aria-label={t('twoFactor.title')} onClose={onClose}>
      {open && <TwoFactorSetup onDone={onClose} />}
      <p>{t('twoFactor.everywhereIntro')}</p>
      <button
        type="button"
        data-testid="sign-out-everywhere"
        className="button"
        onClick={() => {
          onClose();
          void session.getState().logoutEverywhere();
        }}
      >
        {t('twoFactor.everywhere')}
      </button>
      <button type="button" className="button" onClick={onClose}>
        {t('twoFactor.close')}
      </button>
    </dialog>
  );
}
