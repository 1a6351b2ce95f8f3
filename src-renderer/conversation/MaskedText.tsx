import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { maskedTokensIn } from '../../src-shared/privacy/masked-tokens.js';
import { REVEAL_REASON_MAX } from '../../src-shared/protocol/masking.js';
import { useConversationStore } from '../state/conversation-store.js';

/** Which text of a message is shown: the masked offsets the relay reads are offsets in that text. */
export type MaskedField = 'body' | 'original';

/**
 * A message's text with each masked value ("•••• 4242") offered to reveal. Revealing asks for a
 * reason, which the relay audits; the value lives in this component's state only, so it is gone
 * when the view closes and is never written to the cache. Text stays React text children.
 */
export function MaskedText({ text, messageId, field }: { text: string; messageId: string; field: MaskedField | null }) {
  const tokens = field ? maskedTokensIn(text) : [];
  if (tokens.length === 0) return text;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const token of tokens) {
    parts.push(text.slice(at, token.start));
    parts.push(<MaskedValue key={`${field}-${token.start}`} token={token.token} messageId={messageId} field={field!} at={token.start} />);
    at = token.end;
  }
  parts.push(text.slice(at));
  return parts;
}

type RevealState = { step: 'masked' } | { step: 'asking'; reason: string; problem: string | null; busy: boolean } | { step: 'shown'; value: string };

function MaskedValue({ token, messageId, field, at }: { token: string; messageId: string; field: MaskedField; at: number }) {
  const { t } = useTranslation();
  const conversation = useConversationStore();
  const [state, setState] = useState<RevealState>({ step: 'masked' });
  if (state.step === 'shown') {
    return (
      <mark className="masked-value masked-value--shown" data-testid="revealed-value">
        {state.value}
      </mark>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (state.step !== 'asking') return;
    setState({ ...state, busy: true, problem: null });
    const answer = await conversation.getState().reveal({ messageId, field, at, reason: state.reason.trim() });
    setState(typeof answer === 'string' ? { ...state, busy: false, problem: answer } : { step: 'shown', value: answer.value });
  };
  return (
    <span className="masked-value" data-testid="masked-value">
      {token}
      {state.step === 'masked' ? (
        <button type="button" className="link-button masked-reveal" data-testid="masked-reveal" onClick={() => setState({ step: 'asking', reason: '', problem: null, busy: false })}>
          {t('conversation.masked.reveal')}
        </button>
      ) : (
        <form className="masked-reason" data-testid="masked-reason-form" onSubmit={(event) => void submit(event)}>
          <input
            aria-label={t('conversation.masked.reasonLabel')}
            placeholder={t('conversation.masked.reasonPlaceholder')}
            data-testid="masked-reason"
            maxLength={REVEAL_REASON_MAX}
            value={state.reason}
            autoFocus
            onChange={(event) => setState({ ...state, reason: event.target.value })}
          />
          <button type="submit" data-testid="masked-reveal-confirm" disabled={state.busy || state.reason.trim().length < 3}>
            {t('conversation.masked.confirm')}
          </button>
          <button type="button" onClick={() => setState({ step: 'masked' })}>
            {t('conversation.masked.cancel')}
          </button>
          {state.problem && <span className="masked-problem" role="alert">{state.problem}</span>}
        </form>
      )}
    </span>
  );
}
