import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmailOriginalShown } from '../../src-shared/api/messages.js';
import { useConversationStore } from '../state/conversation-store.js';
import { MailFrame } from './MailFrame.js';

type Shown = { state: 'closed' } | { state: 'loading' } | { state: 'open'; original: EmailOriginalShown } | { state: 'failed'; problem: string };

/**
 * Under an email message, which shows only what the customer wrote this time: the whole mail one
 * click away, quoted history and signature included, as HTML in a sandboxed frame when it has
 * HTML, else as text.
 */
export function EmailOriginal({ messageId }: { messageId: string }) {
  const { t } = useTranslation();
  const conversation = useConversationStore();
  const [shown, setShown] = useState<Shown>({ state: 'closed' });
  const toggle = async () => {
    if (shown.state === 'open') return setShown({ state: 'closed' });
    setShown({ state: 'loading' });
    const answer = await conversation.getState().emailOriginal(messageId);
    setShown(typeof answer === 'string' ? { state: 'failed', problem: answer } : { state: 'open', original: answer });
  };
  return (
    <div className="mail-original" data-testid="mail-original">
      <button type="button" className="link-button" data-testid="mail-original-toggle" disabled={shown.state === 'loading'} onClick={() => void toggle()}>
        {t(shown.state === 'open' ? 'email.hideOriginal' : 'email.showOriginal')}
      </button>
      {shown.state === 'failed' && <span className="message-language-problem">{t('email.originalUnavailable', { reason: shown.problem })}</span>}
      {shown.state === 'open' &&
        (shown.original.html ? (
          <MailFrame html={shown.original.html} inlineImages={shown.original.inlineImageData} />
        ) : (
          <pre className="mail-original-text" dir="auto" data-testid="mail-original-text">
            {shown.original.text}
          </pre>
        ))}
    </div>
  );
}
