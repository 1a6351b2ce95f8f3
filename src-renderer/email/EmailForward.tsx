import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EmailAddress } from '../../src-shared/domain/email-reply.js';
import { MESSAGE_BODY_MAX } from '../../src-shared/domain/model.js';
import { useConversationStore } from '../state/conversation-store.js';

type Shown = { state: 'closed' } | { state: 'open'; problem: string | null; sending: boolean };

/**
 * "Forward" under an email message: the agent enters an address (and a few words if they like);
 * the relay sends the mail with its files through the mailbox, and the forward is kept in the
 * thread with its delivery state, like a reply.
 */
export function EmailForward({ messageId }: { messageId: string }) {
  const { t } = useTranslation();
  const conversation = useConversationStore();
  const id = useId();
  const [shown, setShown] = useState<Shown>({ state: 'closed' });
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  if (shown.state === 'closed') {
    return (
      <button type="button" className="link-button" data-testid="mail-forward" onClick={() => setShown({ state: 'open', problem: null, sending: false })}>
        {t('email.forward')}
      </button>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const address = EmailAddress.safeParse(to);
    if (!address.success) return setShown({ state: 'open', problem: t('email.forwardInvalid', { address: to.trim() }), sending: false });
    setShown({ state: 'open', problem: null, sending: true });
    const problem = await conversation.getState().forwardEmail(messageId, address.data, note.trim() || t('email.forwardedTo', { address: address.data }));
    if (problem) return setShown({ state: 'open', problem, sending: false });
    setTo('');
    setNote('');
    setShown({ state: 'closed' });
  };
  return (
    <form className="email-forward" data-testid="mail-forward-form" onSubmit={(event) => void submit(event)}>
      <label className="email-field-label" htmlFor={`${id}-to`}>{t('email.forwardTo')}</label>
      <input id={`${id}-to`} className="input" data-testid="mail-forward-to" type="text" inputMode="email" spellCheck={false} value={to} onChange={(event) => setTo(event.target.value)} aria-invalid={shown.problem !== null} />
      <textarea className="composer-input" data-testid="mail-forward-note" dir="auto" rows={2} maxLength={MESSAGE_BODY_MAX} value={note} placeholder={t('email.forwardNote')} onChange={(event) => setNote(event.target.value)} />
      {shown.problem && <p className="composer-error" role="alert" data-testid="mail-forward-error">{shown.problem}</p>}
      <div className="email-forward-actions">
        <button type="submit" className="button button--primary" data-testid="mail-forward-send" disabled={shown.sending || to.trim() === ''}>
          {t('email.forwardSend')}
        </button>
        <button type="button" className="button" onClick={() => setShown({ state: 'closed' })}>
          {t('email.forwardCancel')}
        </button>
      </div>
    </form>
  );
}
