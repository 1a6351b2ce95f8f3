import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../src-shared/domain/model.js';
import { useNow } from '../format/use-now.js';
import { useConversationStore } from '../state/conversation-store.js';
import { useSession } from '../state/session-store.js';

/** A conversation offered to this agent: take it or let it go before the time runs out. */
export function OfferButtons({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const store = useConversationStore();
  const me = useSession((s) => s.agent?.id ?? null);
  const offer = conversation.offer;
  const mine = offer !== null && offer !== undefined && offer.agentId === me;
  const now = useNow(1_000, mine);
  if (!mine || offer.expiresAt <= now) return null;
  const seconds = Math.ceil((offer.expiresAt - now) / 1000);
  const answer = (accept: boolean) => (event: React.MouseEvent) => {
    // Not a click on the inbox item behind it.
    event.stopPropagation();
    void store.getState().answerOffer(conversation.id, accept);
  };
  return (
    <span className="offer" data-testid="offer">
      <span className="offer-label">{t('offer.label', { seconds })}</span>
      <button type="button" className="button button--primary offer-accept" data-testid="offer-accept" onClick={answer(true)}>
        {t('offer.accept')}
      </button>
      <button type="button" className="button offer-decline" data-testid="offer-decline" onClick={answer(false)}>
        {t('offer.decline')}
      </button>
    </span>
  );
}
