import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalMessage } from '../../src-shared/api/contract.js';
import type { ChannelDelivery } from '../../src-shared/domain/model.js';
import { ClockMark } from '../format/ClockMark.js';
import { useConversation, useConversationStore } from '../state/conversation-store.js';

/**
 * How far a messaging app (WhatsApp, Telegram, ...) took a reply the relay stored, as the apps
 * themselves show it: a clock while it waits to go, one tick sent, two ticks delivered, two blue
 * ticks read; each with its name for screen readers and as a tooltip, with the time. Not
 * delivered stays words: the provider's reason in the agent's language, as a refused reply shows
 * it. A reply the provider refused is kept as a record of what happened; the agent sends it once
 * more as a new reply (its template and files too: a paused template may be back, the customer
 * may have written again), or copies it to send another way.
 */
export function ChannelDeliveryNote({ message }: { message: LocalMessage }) {
  const { t, i18n } = useTranslation();
  const delivery = message.channelDelivery;
  if (!delivery) return null;
  if (delivery.state === 'failed') {
    return (
      <>
        <p className="message-delivery message-delivery--failed" data-testid="channel-delivery" data-state="failed" title={delivery.detail ?? undefined}>
          {t('conversation.notDelivered', { reason: t(`channelFailure.${delivery.failure ?? 'rejected'}`) })}
        </p>
        <RefusedReplyActions message={message} />
      </>
    );
  }
  const label = t(`channelDelivery.${delivery.state}`);
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(delivery.at);
  return (
    <p className={`message-delivery message-delivery--${delivery.state === 'queued' ? 'pending' : 'channel'}`} data-testid="channel-delivery" data-state={delivery.state}>
      <span className={`delivery-ticks delivery-ticks--${delivery.state}`} role="img" aria-label={label} title={`${label} · ${time}`}>
        <DeliveryMark state={delivery.state} />
      </span>
    </p>
  );
}

/** Inline SVG (the CSP allows no remote images); strokes take the text colour, so the read ticks' blue is CSS. */
function DeliveryMark({ state }: { state: Exclude<ChannelDelivery['state'], 'failed'> }) {
  const stroke = { fill: 'none', stroke: 'currentColor', strokeWidth: 1.6, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;
  if (state === 'queued') return <ClockMark />;
  if (state === 'sent') {
    return (
      <svg viewBox="0 0 16 16" width="16" height="14" aria-hidden="true" focusable="false" data-mark="tick">
        <path d="M2.5 8.5l3.5 3.5 7.5-8" {...stroke} />
      </svg>
    );
  }
  return (
    <svg viewBox="0 0 20 16" width="19" height="14" aria-hidden="true" focusable="false" data-mark="double-tick">
      <path d="M1.5 8.5l3.5 3.5 7.5-8" {...stroke} />
      <path d="M9 11l1 1 7.5-8" {...stroke} />
    </svg>
  );
}

function RefusedReplyActions({ message }: { message: LocalMessage }) {
  const { t } = useTranslation();
  const conversation = useConversationStore();
  const refusal = useConversation((s) => s.deliveryError);
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard.writeText(message.body).then(() => setCopied(true), () => setCopied(false));
  };
  return (
    <div className="message-actions" role="group" aria-label={t('conversation.failedActions')}>
      <button type="button" data-testid="channel-send-again" onClick={() => void conversation.getState().sendAgain(message.id)}>
        {t('conversation.retry')}
      </button>
      <button type="button" data-testid="channel-copy" onClick={copy}>
        {copied ? t('conversation.copied') : t('conversation.copy')}
      </button>
      {refusal && <span className="message-actions-error">{refusal}</span>}
    </div>
  );
}
