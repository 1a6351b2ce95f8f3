import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalMessage } from '../../src-shared/api/contract.js';
import { messageTime } from '../format/relative-time.js';

/** Customer text is only ever a React text child: markup in it stays characters. */
export const ThreadMessage = memo(function ThreadMessage({ message, now }: { message: LocalMessage; now: number }) {
  const { t, i18n } = useTranslation();
  return (
    <article
      data-testid="thread-message"
      data-author={message.author}
      data-delivery={message.delivery}
      className={`message message--${message.author} message--${message.delivery}`}
    >
      <header className="message-meta">
        <span className="message-author" dir="auto">
          {message.authorName || t(`conversation.author.${message.author}`)}
        </span>
        <time className="message-time" dateTime={new Date(message.createdAt).toISOString()}>
          {messageTime(message.createdAt, now, i18n.language)}
        </time>
      </header>
      <p className="message-body" dir="auto">
        {message.body}
      </p>
      <DeliveryNote message={message} />
    </article>
  );
});

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
      <p className="message-delivery message-delivery--failed">
        <WarningIcon />
        {t('conversation.notDelivered', { reason: message.deliveryError ?? '' })}
      </p>
    );
  }
  return null;
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
