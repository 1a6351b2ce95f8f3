import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Asked before a reply goes out in a language the customer has not used (no model covers the
 * pair): both languages are named, and keeping on editing is the safe default.
 */
export function UntranslatedConfirm({ name, languages, onConfirm, onCancel }: { name: string; languages: { agent: string; customer: string }; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div className="untranslated-confirm" role="alertdialog" aria-labelledby="untranslated-title" aria-describedby="untranslated-body" data-testid="untranslated-confirm">
      <p id="untranslated-title" className="untranslated-confirm-title">
        {t('composer.untranslatedTitle', languages)}
      </p>
      <p id="untranslated-body" className="untranslated-confirm-body" dir="auto">
        {t('composer.untranslatedBody', { ...languages, name })}
      </p>
      <div className="untranslated-confirm-actions">
        <button type="button" ref={cancel} className="button" data-testid="untranslated-cancel" onClick={onCancel}>
          {t('composer.untranslatedCancel')}
        </button>
        <button type="button" className="button button--danger" data-testid="untranslated-send" onClick={onConfirm}>
          {t('composer.untranslatedConfirm', languages)}
        </button>
      </div>
    </div>
  );
}
