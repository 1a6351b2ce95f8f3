import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../src-shared/domain/model.js';
import { useNow } from '../format/use-now.js';
import { useConversationStore } from '../state/conversation-store.js';
import { useSession } from '../state/session-store.js';

/**
 * A conversation offered to this agent: take it or let it go before the time runs out. In an inbox
 * row (`inRow`), an option of a listbox that may hold no control of its own, the two are mouse
 * shortcuts only; the keyboard reaches the same buttons in the conversation's header.
 */
export function OfferButtons({ conversation, inRow = false }: { conversation: Conversation; inRow?: boolean }) {
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
  const control = (accept: boolean, className: string, testId: string, label: string) =>
    inRow ? (
      <span className={className} data-testid={testId} onClick={answer(accept)}>
        {label}
      </span>
    ) : (
      <button type="button" className={className} data-testid={testId} onClick={answer(accept)}>
        {label}
      </button>
    );
  return (
    <span className="offer" data-testid="offer">
      <span className="offer-label">{t('offer.label', { seconds })}</span>
      {control(true, 'button button--primary offer-accept', 'offer-accept', t('offer.accept'))}
      {control(false, 'button offer-decline', 'offer-decline', t('offer.decline'))}
    </span>
  );
}
