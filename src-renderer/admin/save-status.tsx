import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError } from './FieldError.js';

type Status = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

/** One form's save: runs it, then shows "Saved" or the reason it was refused. */
export function useSave(): { status: Status; run: (save: () => Promise<string | null>) => Promise<boolean> } {
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const run = async (save: () => Promise<string | null>) => {
    setStatus({ kind: 'saving' });
    const error = await save();
    setStatus(error === null ? { kind: 'saved' } : { kind: 'error', message: error });
    return error === null;
  };
  return { status, run };
}

/** `savedText` says what a success means where "Saved" alone would not (connected, disconnected). */
export function SaveStatus({ status, savedText }: { status: Status; savedText?: string }) {
  const { t } = useTranslation();
  if (status.kind === 'error') {
    return (
      <p className="admin-status admin-status--error" role="alert" data-testid="admin-error">
        {status.message}
      </p>
    );
  }
  if (status.kind === 'idle') return null;
  return (
    <p className="admin-status" role="status" data-testid="admin-saved">
      {status.kind === 'saving' ? t('admin.saving') : (savedText ?? t('admin.saved'))}
    </p>
  );
}

/** A text field with its label, and its problem in plain words under it. */
export function TextField(props: { label: string; value: string; onChange: (value: string) => void; testId?: string; type?: string; placeholder?: string; list?: string; error?: string | undefined }) {
  const id = useId();
  const errorId = `${id}-error`;
  // The problem sits outside the label, or it would become part of the field's name.
  return (
    <div className="field admin-field">
      <label className="field-label" htmlFor={id}>
        {props.label}
      </label>
      <input
        id={id}
        className="input"
        data-testid={props.testId}
        type={props.type ?? 'text'}
        value={props.value}
        placeholder={props.placeholder}
        list={props.list}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errorId : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      />
      <FieldError id={errorId} message={props.error} />
    </div>
  );
}
