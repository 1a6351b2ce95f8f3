import { useTranslation } from 'react-i18next';
import type { LocalConversation } from '../../src-shared/api/contract.js';
import { OpenedNote, PrivacyRequestForm } from './PrivacyRequestForm.js';
import { usePrivacy, usePrivacyStore } from './privacy-store.js';

/** The on-device intent (resources/ai/intents.json) that makes a conversation offer to open a request. */
export const PRIVACY_INTENT = 'privacy_request';

/**
 * In a conversation whose customer asks about their data: a button that opens the register's
 * form with the customer and channel filled in. Any agent who may act on the conversation may
 * open a request; only the privacy team reads the register.
 */
export function PrivacyRequestOffer({ conversation }: { conversation: LocalConversation }) {
  const { t } = useTranslation();
  const privacy = usePrivacyStore();
  const form = usePrivacy((s) => s.form);
  const formHere = form?.conversationId === conversation.id;
  const openedHere = usePrivacy((s) => s.opened?.conversationId === conversation.id);
  if (conversation.insight?.intent !== PRIVACY_INTENT && !formHere && !openedHere) return null;
  return (
    <div className="privacy-offer" data-testid="privacy-offer">
      {!formHere && (
        <p className="privacy-offer-row">
          <span>{t('privacy.offer.text')}</span>
          <button
            type="button"
            className="button button--primary"
            data-testid="privacy-offer-open"
            onClick={() => privacy.getState().startForm({ customerId: conversation.customerId, channel: conversation.channel, requesterName: conversation.customerName, conversationId: conversation.id })}
          >
            {t('privacy.offer.open')}
          </button>
        </p>
      )}
      {formHere && form && <PrivacyRequestForm prefill={form} customerName={conversation.customerName} />}
      <OpenedNote conversationId={conversation.id} />
    </div>
  );
}
