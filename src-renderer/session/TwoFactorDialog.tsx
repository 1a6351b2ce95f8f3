import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TwoFactorSetup } from './TwoFactorSetup.js';

/** Two-factor sign-in for the signed-in agent, from the top bar. */
export function TwoFactorDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (open && dialog && !dialog.open) dialog.showModal();
    if (!open && dialog?.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={dialogRef} className="dialog" data-testid="two-factor-dialog" aria-label={t('twoFactor.title')} onClose={onClose}>
      {open && <TwoFactorSetup onDone={onClose} />}
      <button type="button" className="button" onClick={onClose}>
        {t('twoFactor.close')}
      </button>
    </dialog>
  );
}
