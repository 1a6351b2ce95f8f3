import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalConversation } from '../../src-shared/api/contract.js';
import { EMAIL_SUBJECT_MAX } from '../../src-shared/domain/email-reply.js';
import { useConversation } from '../state/conversation-store.js';
import { useEmailCompose, useEmailComposeStore } from './email-compose-store.js';
import { EMPTY_EMAIL_DRAFT, emailFieldsOf, prefilledSubject, type EmailDraft, type EmailFieldErrors } from './email-fields.js';

const NO_ERRORS: EmailFieldErrors = { subject: false, cc: [], bcc: [] };

/** The conversation's latest message from the customer: the mail a reply answers and quotes. */
function useLastCustomerMessageId(): string | null {
  return useConversation((s) => s.messages.findLast((m) => m.author === 'customer')?.id ?? null);
}

/** The draft's fields and what is wrong with them, for the composer's send button too. */
export function useEmailDraft(conversationId: string): { draft: EmailDraft; errors: EmailFieldErrors; valid: boolean } {
  const draft = useEmailCompose((s) => s.drafts[conversationId] ?? EMPTY_EMAIL_DRAFT);
  const hasLastMail = useEmailCompose((s) => s.lastMail[conversationId] !== undefined);
  const check = emailFieldsOf(draft, hasLastMail);
  return { draft, errors: check.ok ? NO_ERRORS : check.errors, valid: check.ok };
}

/** Above the text: the subject line (prefilled "Re: …", editable), CC and BCC, with inline errors. */
export function EmailHeaderFields({ conversation }: { conversation: LocalConversation }) {
  const { t } = useTranslation();
  const store = useEmailComposeStore();
  const id = useId();
  const { draft, errors } = useEmailDraft(conversation.id);
  const lastMessageId = useLastCustomerMessageId();
  const lastMail = useEmailCompose((s) => s.lastMail[conversation.id]);
  const [copiesShown, setCopiesShown] = useState(false);
  useEffect(() => {
    if (lastMessageId) void store.getState().loadLastMail(conversation.id, lastMessageId);
  }, [store, conversation.id, lastMessageId]);
  const prefill = prefilledSubject(lastMail?.state === 'loaded' ? lastMail.original.subject : null);
  const change = (patch: Partial<EmailDraft>) => store.getState().change(conversation.id, patch);
  const showCopies = copiesShown || draft.cc !== '' || draft.bcc !== '';
  return (
    <div className="email-fields" data-testid="email-fields">
      <div className="email-field">
        <label className="email-field-label" htmlFor={`${id}-subject`}>{t('email.subject')}</label>
        <input
          id={`${id}-subject`}
          className="input email-field-input"
          data-testid="email-subject"
          dir="auto"
          maxLength={EMAIL_SUBJECT_MAX}
          value={draft.subject ?? prefill}
          placeholder={t('email.subjectPlaceholder')}
          aria-invalid={errors.subject}
          aria-describedby={errors.subject ? `${id}-subject-error` : undefined}
          onChange={(event) => change({ subject: event.target.value })}
        />
        {!showCopies && (
          <button type="button" className="link-button" data-testid="email-copies-toggle" onClick={() => setCopiesShown(true)}>
            {t('email.addCopies')}
          </button>
        )}
      </div>
      {errors.subject && <p id={`${id}-subject-error`} className="composer-error" role="alert" data-testid="email-subject-error">{t('email.subjectRequired')}</p>}
      {showCopies && (['cc', 'bcc'] as const).map((field) => (
        <div key={field}>
          <div className="email-field">
            <label className="email-field-label" htmlFor={`${id}-${field}`}>{t(`email.${field}`)}</label>
            <input
              id={`${id}-${field}`}
              className="input email-field-input"
              data-testid={`email-${field}`}
              type="text"
              inputMode="email"
              spellCheck={false}
              value={draft[field]}
              placeholder={t('email.copiesPlaceholder')}
              aria-invalid={errors[field].length > 0}
              aria-describedby={errors[field].length > 0 ? `${id}-${field}-error` : undefined}
              onChange={(event) => change({ [field]: event.target.value })}
            />
          </div>
          {errors[field].length > 0 && (
            <p id={`${id}-${field}-error`} className="composer-error" role="alert" data-testid={`email-${field}-error`}>
              {t('email.notAddresses', { count: errors[field].length, addresses: errors[field].join(', ') })}
            </p>
          )}
        </div>
      ))}
    </div>
  );
}

/** Under the text: the customer's last mail, collapsed, quoted in the reply unless turned off. */
export function QuotedHistory({ conversation }: { conversation: LocalConversation }) {
  const { t, i18n } = useTranslation();
  const store = useEmailComposeStore();
  const { draft } = useEmailDraft(conversation.id);
  const lastMail = useEmailCompose((s) => s.lastMail[conversation.id]);
  const [open, setOpen] = useState(false);
  if (!lastMail) return null;
  return (
    <div className="email-quote" data-testid="email-quote">
      <label className="email-quote-include">
        <input type="checkbox" data-testid="email-quote-include" checked={draft.quote} onChange={(event) => store.getState().change(conversation.id, { quote: event.target.checked })} />
        {t('email.includeQuote')}
      </label>
      <button type="button" className="link-button" data-testid="email-quote-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t(open ? 'email.hideQuote' : 'email.showQuote')}
      </button>
      {open && lastMail.state === 'loaded' && (
        <blockquote className="email-quote-text" data-testid="email-quote-text" dir="auto">
          <p className="email-quote-attribution">{t('email.quoteAttribution', { name: `${conversation.customerName} <${lastMail.original.from}>`, date: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(lastMail.original.receivedAt) })}</p>
          <pre>{lastMail.original.text}</pre>
        </blockquote>
      )}
      {open && lastMail.state === 'loading' && <p className="composer-hint">{t('email.quoteLoading')}</p>}
      {open && lastMail.state === 'unavailable' && <p className="composer-hint">{t('email.quoteUnavailable', { reason: lastMail.reason })}</p>}
    </div>
  );
}
