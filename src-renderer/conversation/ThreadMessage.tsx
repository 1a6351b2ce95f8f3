import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalMessage } from '../../src-shared/api/contract.js';
import { CALL_WITHOUT_NOTES, callSeconds, type CallSummary } from '../../src-shared/domain/model.js';
import { callDuration } from '../format/duration.js';
import { languageName } from '../format/language.js';
import { messageTime } from '../format/relative-time.js';
import { useConversation, useConversationStore } from '../state/conversation-store.js';
import { useSession, useSessionStore } from '../state/session-store.js';
import { useMentions } from './mentions-store.js';
import { splitMentions } from './mentions.js';
import { ChannelDeliveryNote } from './ChannelDeliveryNote.js';
import { EmailForward } from '../email/EmailForward.js';
import { EmailOriginal } from '../email/EmailOriginal.js';
import { LongMessage } from './LongMessage.js';
import { MessageFiles } from './MessageFiles.js';
import { PendingFiles } from './PendingFiles.js';
import { MaskedText, type MaskedField } from './MaskedText.js';
import { useTranslationRoutes } from './translation-routes-store.js';
import { offersTranslation } from '../../src-shared/domain/translation-routes.js';

/** Customer text is only ever a React text child: markup in it stays characters. */
export const ThreadMessage = memo(function ThreadMessage({
  message,
  now,
  conversationLanguage,
}: {
  message: LocalMessage;
  now: number;
  /** The language the customer writes in, for messages whose own could not be told. */
  conversationLanguage: string;
}) {
  const { t, i18n } = useTranslation();
  const channel = useConversation((s) => s.conversation?.channel);
  if (message.call) return <CallEntry message={message} call={message.call} now={now} />;
  return (
    <article
      data-testid="thread-message"
      data-author={message.author}
      data-delivery={message.delivery}
      data-internal={message.internal}
      className={`message message--${message.author} message--${message.delivery}${message.internal ? ' message--note' : ''}`}
    >
      <header className="message-meta">
        {message.internal && <span className="message-note-label">{t('conversation.internalNote')}</span>}
        <span className="message-author" dir="auto">
          {message.authorName || t(`conversation.author.${message.author}`)}
        </span>
        <time className="message-time" dateTime={new Date(message.createdAt).toISOString()}>
          {messageTime(message.createdAt, now, i18n.language)}
        </time>
      </header>
      <MessageText message={message} conversationLanguage={conversationLanguage} />
      {message.attachments && message.attachments.length > 0 && <MessageFiles attachments={message.attachments} />}
      {message.pendingFiles && message.pendingFiles.length > 0 && <PendingFiles files={message.pendingFiles} />}
      {channel === 'email' && message.author === 'customer' && <EmailOriginal messageId={message.id} />}
      {channel === 'email' && !message.internal && message.delivery === 'sent' && message.author !== 'system' && <EmailForward messageId={message.id} />}
      <DeliveryNote message={message} />
    </article>
  );
});

/** A call in the timeline: which way, who took it, how long, the wrap-up code and notes. */
function CallEntry({ message, call, now }: { message: LocalMessage; call: CallSummary; now: number }) {
  const { t, i18n } = useTranslation();
  const answered = call.answeredAt !== null;
  return (
    <article data-testid="call-entry" data-delivery={message.delivery} data-direction={call.direction} data-end={call.end} data-wrap-up={call.wrapUpCode ?? ''} className="message message--call">
      <header className="message-meta">
        <span className="message-note-label">{t(`call.entry.${call.direction}`, { provider: t(`call.provider.${call.provider}`) })}</span>
        <span className="message-author" dir="auto">
          {message.authorName}
        </span>
        <time className="message-time" dateTime={new Date(call.startedAt).toISOString()}>
          {messageTime(call.startedAt, now, i18n.language)}
        </time>
      </header>
      <p className="message-body">
        <span dir="auto">{call.remote}</span> · <span data-testid="call-duration">{answered ? callDuration(callSeconds(call), i18n.language) : t(`call.end.${call.end}`)}</span>
        {call.wrapUpCode && (
          <>
            {' · '}
            <span className="call-wrap-up" data-testid="call-wrap-up">
              {t(`call.wrapUp.${call.wrapUpCode}`)}
            </span>
          </>
        )}
      </p>
      {message.body !== CALL_WITHOUT_NOTES && (
        <p className="message-body" dir="auto" data-testid="call-notes">
          {message.body}
        </p>
      )}
      <DeliveryNote message={message} />
    </article>
  );
}

/** A note with its @mentions marked; still only text children. */
function NoteText({ body }: { body: string }) {
  const colleagues = useMentions((s) => s.colleagues);
  const me = useSession((s) => s.agent);
  const everyone = me ? [...colleagues, { id: me.id, name: me.name, role: me.role, teamIds: me.teamIds }] : colleagues;
  return splitMentions(body, everyone).map((part, index) =>
    part.mention ? (
      <mark key={index} className="message-mention" data-testid="message-mention">
        {part.text}
      </mark>
    ) : (
      part.text
    ),
  );
}

/**
 * The agent reads their own language: a customer message shows its translation with the
 * original a click away; a translated reply shows what the agent wrote, with what the customer got.
 */
function MessageText({ message, conversationLanguage }: { message: LocalMessage; conversationLanguage: string }) {
  const { t, i18n } = useTranslation();
  const [flipped, setFlipped] = useState(false);
  const agentLanguage = useSession((s) => s.agent?.language ?? null);
  // Only what the installed models can translate, and never a message already in the agent's language.
  const offered = useTranslationRoutes((s) => message.author === 'customer' && agentLanguage !== null && offersTranslation(s.routes, { language: message.language ?? null }, conversationLanguage, agentLanguage));
  const { translation, original } = message;
  if (translation) {
    return (
      <TwoLanguages
        main={flipped ? message.body : translation.body}
        messageId={message.id}
        field={flipped ? 'body' : null}
        note={t('conversation.translatedFrom', { language: languageName(translation.from, i18n.language) })}
        toggle={t(flipped ? 'conversation.showTranslation' : 'conversation.showOriginal')}
        onToggle={() => setFlipped(!flipped)}
        testId="translated"
        flipped={flipped}
      />
    );
  }
  if (original) {
    return (
      <TwoLanguages
        main={flipped ? message.body : original.body}
        messageId={message.id}
        field={flipped ? 'body' : 'original'}
        note={t('conversation.originalWritten', { language: languageName(original.language, i18n.language) })}
        toggle={t(flipped ? 'conversation.showOriginal' : 'conversation.showTranslation')}
        onToggle={() => setFlipped(!flipped)}
        testId="original-kept"
        flipped={flipped}
      />
    );
  }
  return (
    <>
      <LongMessage text={message.body}>
        <p className="message-body" dir="auto" data-testid="message-body">
          {message.internal ? <NoteText body={message.body} /> : <MaskedText text={message.body} messageId={message.id} field="body" />}
        </p>
      </LongMessage>
      {offered && <TranslateButton message={message} />}
    </>
  );
}

/** A translation made on this desk holds the masks but not at the relay's offsets: only the texts the relay sent offer to reveal. */
function TwoLanguages(props: { main: string; messageId: string; field: MaskedField | null; note: string; toggle: string; onToggle: () => void; testId: string; flipped: boolean }) {
  return (
    <>
      <LongMessage text={props.main}>
        <p className="message-body" dir="auto" data-testid="message-body" data-shown={props.flipped ? 'other' : 'agent-language'}>
          <MaskedText text={props.main} messageId={props.messageId} field={props.field} />
        </p>
      </LongMessage>
      <p className="message-language">
        <span>{props.note}</span>
        <button type="button" className="link-button" data-testid={`message-toggle-${props.testId}`} onClick={props.onToggle}>
          {props.toggle}
        </button>
      </p>
    </>
  );
}

function TranslateButton({ message }: { message: LocalMessage }) {
  const { t, i18n } = useTranslation();
  const conversation = useConversationStore();
  const session = useSessionStore();
  const [state, setState] = useState<{ busy: boolean; problem: string | null }>({ busy: false, problem: null });
  const language = languageName(session.getState().agent?.language ?? 'en', i18n.language);
  const translate = async () => {
    setState({ busy: true, problem: null });
    const outcome = await conversation.getState().translate(message.id);
    setState({ busy: false, problem: outcome?.translation ? null : (outcome?.detail ?? outcome?.unavailable ?? null) });
  };
  return (
    <p className="message-language">
      <button type="button" className="link-button" data-testid="message-translate" disabled={state.busy} onClick={() => void translate()}>
        {state.busy ? t('conversation.translating') : t('conversation.translate', { language })}
      </button>
      {state.problem && <span className="message-language-problem">{t('conversation.translationUnavailable', { reason: state.problem })}</span>}
    </p>
  );
}

function DeliveryNote({ message }: { message: LocalMessage }) {
  const { t } = useTranslation();
  if (message.delivery === 'pending') {
    return (
      <p className="message-delivery message-delivery--pending">
        <ClockIcon />
        {t('conversation.waitingToSend')}
      </p>
    );
  }
  if (message.delivery === 'failed') {
    return (
      <>
        <p className="message-delivery message-delivery--failed">
          <WarningIcon />
          {t('conversation.notDelivered', { reason: message.deliveryError ?? '' })}
        </p>
        <FailedReplyActions message={message} />
      </>
    );
  }
  return <ChannelDeliveryNote message={message} />;
}

/** A refused reply is never dropped in silence: the agent sends it again, copies it, or discards it. */
function FailedReplyActions({ message }: { message: LocalMessage }) {
  const { t } = useTranslation();
  const conversation = useConversationStore();
  const [confirming, setConfirming] = useState(false);
  const [copied, setCopied] = useState(false);
  const refusal = useConversation((s) => s.deliveryError);
  const copy = () => {
    void navigator.clipboard.writeText(message.body).then(() => setCopied(true), () => setCopied(false));
  };
  return (
    <div className="message-actions" role="group" aria-label={t('conversation.failedActions')}>
      <button type="button" data-testid="message-retry" onClick={() => void conversation.getState().retry(message.id)}>
        {t('conversation.retry')}
      </button>
      <button type="button" data-testid="message-copy" onClick={copy}>
        {copied ? t('conversation.copied') : t('conversation.copy')}
      </button>
      {confirming ? (
        <button type="button" className="danger" data-testid="message-discard-confirm" onClick={() => void conversation.getState().discard(message.id)}>
          {t('conversation.discardConfirm')}
        </button>
      ) : (
        <button type="button" data-testid="message-discard" onClick={() => setConfirming(true)}>
          {t('conversation.discard')}
        </button>
      )}
      {refusal && <span className="message-actions-error">{refusal}</span>}
    </div>
  );
}

function ClockIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}

function WarningIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M8 1.75 15 14.25H1Z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
      <path d="M8 6v4M8 11.75v.5" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}
