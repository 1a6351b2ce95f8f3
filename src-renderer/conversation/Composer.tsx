import type { KeyboardEvent, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { MESSAGE_BODY_MAX, type Conversation } from '../../src-shared/domain/model.js';
import type { ComposeMode } from '../state/conversation-store.js';
import { useConversation, useSession, useStores } from '../state/stores-context.js';

interface ComposerProps {
  conversation: Conversation;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  onLeave: () => void;
}

export function Composer({ conversation, inputRef, onLeave }: ComposerProps) {
  const { t } = useTranslation();
  const { conversation: store } = useStores();
  const draft = useConversation((s) => s.drafts[conversation.id] ?? '');
  const sending = useConversation((s) => s.sending);
  const sendError = useConversation((s) => s.sendError);
  const mode = useConversation((s) => s.composeMode);
  const offline = useSession((s) => s.connection.state !== 'online');
  const canSend = draft.trim() !== '' && !sending;

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      onLeave();
      return;
    }
    // Enter inside an IME composition (Chinese, Japanese, Thai input) picks a candidate; it must not send.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      if (canSend) void store.getState().send();
    }
  }

  return (
    <form
      className={`composer composer--${mode}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (canSend) void store.getState().send();
      }}
    >
      {sendError && (
        <p className="composer-error" role="alert">
          {sendError}
        </p>
      )}
      <ComposeModeSwitch mode={mode} onChange={(next) => store.getState().setComposeMode(next)} />
      <div className="composer-row">
        <textarea
          ref={inputRef}
          data-testid="composer-input"
          className="composer-input"
          dir="auto"
          rows={3}
          maxLength={MESSAGE_BODY_MAX}
          value={draft}
          placeholder={t(mode === 'note' ? 'composer.notePlaceholder' : 'composer.placeholder')}
          aria-label={t(mode === 'note' ? 'composer.noteLabel' : 'composer.label', { name: conversation.customerName })}
          onChange={(event) => store.getState().setDraft(conversation.id, event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button data-testid="composer-send" type="submit" className="button button--primary composer-send" disabled={!canSend}>
          {sending ? t('composer.sending') : t(mode === 'note' ? 'composer.addNote' : 'composer.send')}
        </button>
      </div>
      {offline && <p className="composer-hint">{t('composer.offlineHint')}</p>}
    </form>
  );
}

/** A note never reaches the customer; the switch makes which one is being written hard to miss. */
function ComposeModeSwitch({ mode, onChange }: { mode: ComposeMode; onChange: (mode: ComposeMode) => void }) {
  const { t } = useTranslation();
  return (
    <div className="compose-mode" role="radiogroup" aria-label={t('composer.mode')}>
      {(['reply', 'note'] as const).map((option) => (
        <button
          key={option}
          type="button"
          role="radio"
          aria-checked={mode === option}
          data-testid={`composer-mode-${option}`}
          className={`compose-mode-option compose-mode-option--${option}`}
          onClick={() => onChange(option)}
        >
          {t(`composer.modes.${option}`)}
        </button>
      ))}
    </div>
  );
}
