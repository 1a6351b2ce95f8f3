import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalConversation } from '../../src-shared/api/contract.js';
import { MESSAGE_BODY_MAX, type Colleague } from '../../src-shared/domain/model.js';
import { baseLanguage, languageName, needsTranslation, writtenLanguage } from '../format/language.js';
import { useConversation, type ComposeMode } from '../state/conversation-store.js';
import { useSession } from '../state/session-store.js';
import { useCannedReplies, useCannedRepliesStore } from './canned-replies-store.js';
import { changeDraft, useDraftStores, type DraftStores } from './draft.js';
import { insertMention } from './mentions.js';
import { useMentions, useMentionsStore } from './mentions-store.js';
import { ReplyPreview } from './ReplyPreview.js';
import { ReplyCheckNotes } from './ReplyCheckNotes.js';
import { useReplyPreview } from './reply-preview-store.js';
import { holdsSending, useReplyChecks, useReplyChecksStore, type ReplyChecksStore } from './reply-checks-store.js';
import { ReplyWindowNote } from './ReplyWindowNote.js';
import { useCanTranslate, useTranslationRoutesStore } from './translation-routes-store.js';
import { UntranslatedConfirm } from './UntranslatedConfirm.js';
import { TemplatePicker } from './TemplatePicker.js';
import { useReplyOptions } from './use-reply-options.js';
import { useAttachments, type PendingFile } from './attachments-store.js';
import { AttachButton, PendingFiles } from './ComposerFiles.js';
import { EmailHeaderFields, QuotedHistory, useEmailDraft } from '../email/EmailComposerFields.js';

/** One empty list, so the selector below answers the same value while nothing is attached. */
const NO_FILES: readonly PendingFile[] = [];

interface ComposerProps {
  conversation: LocalConversation;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  onLeave: () => void;
}

export function Composer({ conversation, inputRef, onLeave }: ComposerProps) {
  const { t, i18n } = useTranslation();
  const stores = useDraftStores();
  const store = stores.conversation;
  const mentionsStore = useMentionsStore();
  const draft = useConversation((s) => s.drafts[conversation.id] ?? '');
  const sending = useConversation((s) => s.sending);
  const sendError = useConversation((s) => s.sendError);
  const mode = useConversation((s) => s.composeMode);
  const offline = useSession((s) => s.connection.state !== 'online');
  const agentLanguage = useSession((s) => s.agent?.language ?? null);
  const customerLanguage = writtenLanguage(conversation);
  const translating = mode === 'reply' && agentLanguage !== null && needsTranslation(agentLanguage, customerLanguage);
  const [finishing, setFinishing] = useState(false);
  // No model for the pair: the reply would reach the customer in a language they have not used,
  // so the button says so and sending asks first, unless the draft is in their language already.
  const covered = useCanTranslate(agentLanguage, customerLanguage);
  const writtenInTheirs = useReplyPreview((s) => s.conversationId === conversation.id && s.outcome?.unavailable === 'same-language');
  const untranslated = translating && !covered && !writtenInTheirs;
  const [asking, setAsking] = useState(false);
  const routesStore = useTranslationRoutesStore();
  useEffect(() => {
    // A model may have been placed by hand since: look again when a conversation opens.
    void routesStore.getState().load();
    setAsking(false);
  }, [routesStore, conversation.id]);
  // "Thai", not "Thai (Thailand)": translation is per language, not per region.
  const languages = { agent: languageName(baseLanguage(agentLanguage ?? 'en'), i18n.language), customer: languageName(baseLanguage(customerLanguage), i18n.language) };
  // A messaging app's window: after it, WhatsApp takes only approved templates and Messenger nothing.
  const replyOptions = useReplyOptions(conversation);
  const windowClosed = mode === 'reply' && replyOptions?.window === 'closed';
  const templatesOnly = windowClosed && replyOptions?.templatesSupported === true;
  const files = useAttachments((s) => (mode === 'reply' ? (s.pending[conversation.id] ?? NO_FILES) : NO_FILES));
  const uploading = files.some((f) => f.state === 'uploading');
  // Email has a subject line, copies and the quoted last mail; other channels' composers are as they were.
  const emailFields = conversation.channel === 'email' && mode === 'reply' && !templatesOnly;
  const emailValid = useEmailDraft(conversation.id).valid;
  // The company's reply rules, on the draft and on the translation the customer will get.
  const checksStore = useReplyChecksStore();
  const checked = mode === 'reply' && !templatesOnly;
  const held = useReplyChecks((s) => (checked && s.conversationId === conversation.id ? holdsSending(s.hits, s.overrides) : null));
  const previewBody = useReplyPreview((s) => (s.conversationId === conversation.id && s.status === 'ready' ? s.body : null));
  const previewLanguage = useReplyPreview((s) => s.outcome?.translation?.to ?? writtenLanguage(conversation));
  useEffect(() => {
    if (!checked) return;
    const translation = translating && previewBody !== null ? { body: previewBody, language: previewLanguage } : null;
    checksStore.getState().textChanged(conversation.id, { draft, translation });
  }, [checked, checksStore, conversation.id, draft, translating, previewBody, previewLanguage]);
  const canSend = (draft.trim() !== '' || files.length > 0) && !uploading && !sending && !finishing && !windowClosed && (!emailFields || emailValid) && held !== 'block';
  /** Where the caret goes once the draft it belongs to is on screen (after a picked mention). */
  const pendingCaret = useRef<number | null>(null);

  // Before the next key is handled, not on the next frame: a fast typist's next letter would
  // otherwise land at the end of the text and the caret jump back behind it.
  useLayoutEffect(() => {
    const caret = pendingCaret.current;
    if (caret === null || !inputRef.current) return;
    pendingCaret.current = null;
    inputRef.current.setSelectionRange(caret, caret);
  }, [draft, inputRef]);

  /** `untranslatedAllowed`: the agent confirmed that this reply goes in their language. */
  function submit(untranslatedAllowed = false): void {
    if (!canSend) return;
    setFinishing(true);
    setAsking(false);
    // Files with no words: nothing to translate.
    const sent =
      !translating || !agentLanguage || draft.trim() === ''
        ? sendChecked(checked ? checksStore : null, stores, conversation.id, draft).then(() => 'done' as const)
        : sendTranslated(stores, checksStore, conversation.id, draft, agentLanguage, untranslatedAllowed);
    void sent.then((outcome) => setAsking(outcome === 'ask')).finally(() => setFinishing(false));
  }

  function sendAnyway(): void {
    checksStore.getState().overrideWarnings();
    submit();
  }

  function onDraft(text: string, caret = text.length): void {
    changeDraft(stores, conversation, text);
    if (mode === 'note') mentionsStore.getState().draftChanged(text, caret);
  }

  /** "@So" becomes "@Somchai Prasert " and the caret goes after it. */
  function pickMention(colleague: Colleague): void {
    const input = inputRef.current;
    const start = mentionsStore.getState().start;
    if (!input || start === null) return;
    mentionsStore.getState().close();
    const next = insertMention(draft, input.selectionStart, start, colleague);
    pendingCaret.current = next.caret;
    changeDraft(stores, conversation, next.text);
  }

  /** While the colleague list is open the arrows, Enter, Tab and Escape belong to it. */
  function onMentionKey(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
    const mentions = mentionsStore.getState();
    if (mode !== 'note' || mentions.start === null) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') mentions.move(event.key === 'ArrowDown' ? 1 : -1);
    else if (event.key === 'Escape') mentions.close();
    else if ((event.key === 'Enter' || event.key === 'Tab') && !event.nativeEvent.isComposing) {
      const choice = mentions.choices[mentions.active];
      if (choice) pickMention(choice);
    } else return false;
    event.preventDefault();
    return true;
  }

  /** While the canned-reply list is open the arrows, Enter, Tab and Escape belong to it. */
  function onCannedKey(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
    const canned = stores.cannedReplies.getState();
    if (canned.query === null) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') canned.move(event.key === 'ArrowDown' ? 1 : -1);
    else if (event.key === 'Escape') canned.close();
    else if ((event.key === 'Enter' || event.key === 'Tab') && !event.nativeEvent.isComposing && canned.choices.length > 0) {
      const choice = canned.take();
      if (choice) onDraft(choice.body);
    } else return false;
    event.preventDefault();
    return true;
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void {
    if (onCannedKey(event) || onMentionKey(event)) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      onLeave();
      return;
    }
    // Enter inside an IME composition (Chinese, Japanese, Thai input) picks a candidate; it must not send.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  }

  return (
    <form
      className={`composer composer--${mode}`}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {sendError && (
        <p className="composer-error" role="alert">
          {sendError}
        </p>
      )}
      <ComposeModeSwitch mode={mode} onChange={(next) => store.getState().setComposeMode(next)} />
      {mode === 'reply' && replyOptions && <ReplyWindowNote options={replyOptions} />}
      {emailFields && <EmailHeaderFields conversation={conversation} />}
      {templatesOnly ? <TemplatePicker conversation={conversation} /> : <div className="composer-row">
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
          onChange={(event) => onDraft(event.target.value, event.target.selectionStart)}
          onKeyDown={onKeyDown}
        />
        {mode === 'reply' && <AttachButton conversationId={conversation.id} />}
        <button data-testid="composer-send" type="submit" className={`button button--primary composer-send${untranslated ? ' composer-send--untranslated' : ''}`} disabled={!canSend}>
          {sending || finishing ? t('composer.sending') : mode === 'note' ? t('composer.addNote') : untranslated ? t('composer.sendUntranslated', languages) : t('composer.send')}
        </button>
      </div>}
      {asking && mode === 'reply' && (
        <UntranslatedConfirm
          name={conversation.customerName}
          languages={languages}
          onConfirm={() => submit(true)}
          onCancel={() => {
            setAsking(false);
            inputRef.current?.focus();
          }}
        />
      )}
      {mode === 'reply' && !templatesOnly && <PendingFiles conversationId={conversation.id} />}
      {emailFields && <QuotedHistory conversation={conversation} />}
      <CannedReplyList onPick={onDraft} />
      {mode === 'note' && <MentionList onPick={pickMention} />}
      {translating && agentLanguage && !templatesOnly && <ReplyPreview conversation={conversation} agentLanguage={agentLanguage} />}
      {checked && <ReplyCheckNotes onSendAnyway={sendAnyway} />}
      {offline && <p className="composer-hint">{t('composer.offlineHint')}</p>}
    </form>
  );
}

/** Replies matching the "/shortcut" being typed; keyboard first, a click works too. */
function CannedReplyList({ onPick }: { onPick: (body: string) => void }) {
  const { t } = useTranslation();
  const cannedReplies = useCannedRepliesStore();
  const query = useCannedReplies((s) => s.query);
  const choices = useCannedReplies((s) => s.choices);
  const active = useCannedReplies((s) => s.active);
  if (query === null) return null;
  return (
    <div className="canned-replies" data-testid="canned-replies">
      <ul role="listbox" aria-label={t('composer.cannedLabel')} className="canned-replies-list">
        {choices.map((choice, index) => (
          <li
            key={choice.id}
            role="option"
            aria-selected={index === active}
            data-testid="canned-reply"
            data-reply-id={choice.id}
            className={`canned-reply${index === active ? ' canned-reply--active' : ''}`}
            onMouseDown={(event) => {
              // Keep the focus in the composer.
              event.preventDefault();
              cannedReplies.getState().close();
              onPick(choice.body);
            }}
          >
            <span className="canned-reply-shortcut">/{choice.shortcut}</span>
            <span className="canned-reply-title">{choice.title}</span>
            <span className="canned-reply-locale">{choice.locale}</span>
            <span className="canned-reply-body">{choice.body}</span>
          </li>
        ))}
      </ul>
      <p className="canned-replies-hint">{choices.length === 0 ? t('composer.cannedNone', { query }) : t('composer.cannedHint')}</p>
    </div>
  );
}

/** Colleagues matching the "@name" being typed in a note. */
function MentionList({ onPick }: { onPick: (colleague: Colleague) => void }) {
  const { t } = useTranslation();
  const start = useMentions((s) => s.start);
  const choices = useMentions((s) => s.choices);
  const active = useMentions((s) => s.active);
  if (start === null) return null;
  return (
    <div className="mention-picker" data-testid="mention-picker">
      <ul role="listbox" aria-label={t('composer.mentionLabel')} className="mention-list">
        {choices.map((colleague, index) => (
          <li
            key={colleague.id}
            role="option"
            aria-selected={index === active}
            data-testid="mention-choice"
            data-colleague-id={colleague.id}
            className={`mention-choice${index === active ? ' mention-choice--active' : ''}`}
            onMouseDown={(event) => {
              // Keep the focus in the composer.
              event.preventDefault();
              onPick(colleague);
            }}
          >
            <span className="mention-name" dir="auto">{colleague.name}</span>
            <span className="mention-role">{t(`roles.${colleague.role}`)}</span>
          </li>
        ))}
      </ul>
      <p className="canned-replies-hint">{t('composer.mentionHint')}</p>
    </div>
  );
}

/**
 * The customer gets the preview as shown (corrected or not) and the transcript keeps the draft.
 * A draft already in the customer's language goes as written. Without a model for the pair it
 * goes as written only once the agent confirmed it (`untranslatedAllowed`); else the answer is
 * 'ask'. A failed translation sends nothing: the customer never gets a language they have not
 * used by accident.
 */
async function sendTranslated(stores: DraftStores, checks: ReplyChecksStore, conversationId: string, draft: string, agentLanguage: string, untranslatedAllowed: boolean): Promise<'done' | 'ask'> {
  const final = await stores.replyPreview.getState().finalFor(conversationId, draft);
  if (final.body !== null) {
    // The rules are checked on exactly what the customer gets, translated and perhaps corrected.
    const translation = { body: final.body, language: final.outcome?.translation?.to ?? agentLanguage };
    if (await heldByChecks(checks, conversationId, { draft, translation })) return 'done';
    if (await stores.conversation.getState().send({ body: final.body, language: final.outcome?.translation?.from ?? agentLanguage })) stores.replyPreview.getState().reset();
    return 'done';
  }
  const unavailable = final.outcome?.unavailable;
  if (unavailable === 'same-language' || (unavailable === 'no-model' && untranslatedAllowed)) {
    await sendChecked(checks, stores, conversationId, draft);
    return 'done';
  }
  if (unavailable === 'no-model') return 'ask';
  stores.conversation.getState().failSend(final.outcome?.detail ?? 'The draft changed while it was being translated.');
  return 'done';
}

/** A reply as written (or a note: `checks` null), once the reply rules let it go. */
async function sendChecked(checks: ReplyChecksStore | null, stores: DraftStores, conversationId: string, draft: string): Promise<void> {
  if (checks && (await heldByChecks(checks, conversationId, { draft, translation: null }))) return;
  await stores.conversation.getState().send();
}

/** Checks the text about to go now, not as it was a pause ago; held: the agent sees why and nothing is sent. */
async function heldByChecks(checks: ReplyChecksStore, conversationId: string, reply: { draft: string; translation: { body: string; language: string } | null }): Promise<boolean> {
  const hits = await checks.getState().checkNow(conversationId, reply);
  // Without an answer the core still checks the reply before it queues it, and says why it refused.
  return hits !== null && holdsSending(hits, checks.getState().overrides) !== null;
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
