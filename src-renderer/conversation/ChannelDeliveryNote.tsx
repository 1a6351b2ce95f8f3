import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalMessage } from '../../src-shared/api/contract.js';

/**
 * How far a messaging app (WhatsApp, Telegram, ...) took a reply the relay stored: sent,
 * delivered, read, or not delivered with the provider's reason in the agent's words, as a refused
 * reply shows it. A reply the provider refused cannot be sent again as it is: the agent copies it
 * to send another way, or writes again once the customer has.
 */
export function ChannelDeliveryNote({ message }: { message: LocalMessage }) {
  const { t } = useTranslation();
  const delivery = message.channelDelivery;
  if (!delivery) return null;
  if (delivery.state === 'failed') {
    return (
      <>
        <p className="message-delivery message-delivery--failed" data-testid="channel-delivery" data-state="failed" title={delivery.detail ?? undefined}>
          {t('conversation.notDelivered', { reason: t(`channelFailure.${delivery.failure ?? 'rejected'}`) })}
        </p>
        <CopyAction body={message.body} />
      </>
    );
  }
  return (
    <p className={`message-delivery message-delivery--${delivery.state === 'queued' ? 'pending' : 'channel'}`} data-testid="channel-delivery" data-state={delivery.state}>
      {t(`channelDelivery.${delivery.state}`)}
    </p>
  );
}

function CopyAction({ body }: { body: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard.writeText(body).then(() => setCopied(true), () => setCopied(false));
  };
  return (
    <div className="message-actions" role="group" aria-label={t('conversation.failedActions')}>
      <button type="button" data-testid="channel-copy" onClick={copy}>
        {copied ? t('conversation.copied') : t('conversation.copy')}
      </button>
    </div>
  );
}
