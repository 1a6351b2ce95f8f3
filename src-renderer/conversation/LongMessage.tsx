import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Past this many characters or lines a message is shown folded, so one pasted log does not bury the thread. */
const FOLD_CHARACTERS = 1_200;
const FOLD_LINES = 16;

export function isLong(text: string): boolean {
  return text.length > FOLD_CHARACTERS || text.split('\n').length > FOLD_LINES;
}

/** A message body, folded with "Show all" when it is long; short ones are shown as they are. */
export function LongMessage({ text, children }: { text: string; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!isLong(text)) return <>{children}</>;
  return (
    <div className={`long-message${open ? '' : ' long-message--folded'}`} data-testid="long-message" data-folded={!open}>
      {children}
      <button type="button" className="link-button" aria-expanded={open} data-testid="long-message-toggle" onClick={() => setOpen(!open)}>
        {open ? t('conversation.showLess') : t('conversation.showAll', { characters: new Intl.NumberFormat(i18n.language).format(text.length) })}
      </button>
    </div>
  );
}
