import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { EMAIL_SUBJECT_MAX } from '../../src-shared/domain/email-reply.js';
import { AttachButton, PendingFiles } from '../conversation/ComposerFiles.js';
import { newEmailFilesKey, useNewEmail, useNewEmailStore, type NewEmailDraft, type NewEmailProblem } from './new-email-store.js';
import './new-email.css';

/** Plain text inputs, checked by the store: the browser's own email check would refuse "Name <address>" as pasted. */
const FIELDS: { key: Exclude<keyof NewEmailDraft, 'accountId' | 'body'>; label: string; inputMode: 'email' | 'text' }[] = [
  { key: 'to', label: 'newEmail.to', inputMode: 'email' },
  { key: 'cc', label: 'email.cc', inputMode: 'email' },
  { key: 'bcc', label: 'email.bcc', inputMode: 'email' },
  { key: 'subject', label: 'email.subject', inputMode: 'text' },
];

/** "New email" in the inbox header, and its dialog: a mail to a customer, which opens its conversation. */
export function NewEmailButton() {
  const { t } = useTranslation();
  const store = useNewEmailStore();
  return (
    <>
      <button type="button" className="button button--quiet" data-testid="new-email" onClick={() => void store.getState().show()}>
        {t('newEmail.open')}
      </button>
      <NewEmailDialog />
    </>
  );
}

function NewEmailDialog() {
  const { t } = useTranslation();
  const store = useNewEmailStore();
  const { open, senders, draft, messageId, problems, sending, error } = useNewEmail((s) => s);
  const filesKey = newEmailFilesKey(messageId);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const change = (patch: Partial<NewEmailDraft>) => store.getState().change(patch);
  const wrong = (field: NewEmailProblem) => problems.includes(field);

  return (
    <dialog ref={dialogRef} className="dialog new-email" data-testid="new-email-dialog" aria-labelledby={`${id}-title`} onClose={() => store.getState().close()}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          void store.getState().send();
        }}
      >
        <h2 id={`${id}-title`}>{t('newEmail.title')}</h2>
        {senders !== null && senders.length === 0 && !error && <p role="status">{t('newEmail.noMailbox')}</p>}
        {senders !== null && senders.length > 0 && (
          <div className="email-field">
            <label className="email-field-label" htmlFor={`${id}-from`}>{t('newEmail.from')}</label>
            <select id={`${id}-from`} className="input" data-testid="new-email-from" value={draft.accountId} onChange={(event) => change({ accountId: event.target.value })}>
              {senders.map((sender) => (
                <option key={sender.accountId} value={sender.accountId}>
                  {sender.displayName}
                </option>
              ))}
            </select>
          </div>
        )}
        {FIELDS.map(({ key, label, inputMode }) => (
          <div key={key} className="email-field">
            <label className="email-field-label" htmlFor={`${id}-${key}`}>{t(label)}</label>
            <input
              id={`${id}-${key}`}
              className="input email-field-input"
              data-testid={`new-email-${key}`}
              type="text"
              inputMode={inputMode}
              dir="auto"
              maxLength={key === 'subject' ? EMAIL_SUBJECT_MAX : undefined}
              value={draft[key]}
              aria-invalid={wrong(key)}
              onChange={(event) => change({ [key]: event.target.value })}
            />
            {wrong(key) && <span className="email-field-error">{t(`newEmail.invalid.${key}`)}</span>}
          </div>
        ))}
        <textarea
          className="input new-email-body"
          data-testid="new-email-body"
          dir="auto"
          rows={8}
          aria-label={t('newEmail.body')}
          aria-invalid={wrong('body')}
          value={draft.body}
          onChange={(event) => change({ body: event.target.value })}
        />
        {wrong('body') && <span className="email-field-error">{t('newEmail.invalid.body')}</span>}
        {/* Only while open: the composer's own attach input, with the same test id, must stay the page's only one. */}
        {open && (
          <div className="new-email-files" data-testid="new-email-files">
            <AttachButton conversationId={filesKey} />
            <PendingFiles conversationId={filesKey} />
          </div>
        )}
        {wrong('files') && <span className="email-field-error">{t('newEmail.invalid.files')}</span>}
        {error && (
          <p role="alert" className="email-field-error" data-testid="new-email-error">
            {error}
          </p>
        )}
        <div className="new-email-actions">
          <button type="button" className="button" onClick={() => store.getState().close()}>
            {t('newEmail.cancel')}
          </button>
          <button type="submit" className="button button--primary" data-testid="new-email-send" disabled={sending || !senders?.length}>
            {sending ? t('newEmail.sending') : t('newEmail.send')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
