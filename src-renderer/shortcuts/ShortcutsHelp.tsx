import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SHORTCUT_HELP } from './shortcut-keys.js';
import './shortcuts.css';

export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={dialogRef} className="dialog shortcuts" data-testid="shortcuts-help" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title" className="shortcuts-title">
        {t('shortcuts.title')}
      </h2>
      <dl className="shortcuts-list">
        {SHORTCUT_HELP.map(({ keys, label }) => (
          <div key={label} className="shortcuts-row">
            <dt>
              {keys.map((key) => (
                <kbd key={key}>{key.startsWith('keys.') ? t(key) : key}</kbd>
              ))}
            </dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
      <div className="shortcuts-actions">
        <button type="button" className="button" onClick={onClose} autoFocus>
          {t('shortcuts.close')}
        </button>
      </div>
    </dialog>
  );
}
