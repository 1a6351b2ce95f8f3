import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalConversation as Conversation } from '../../src-shared/api/contract.js';
import { InsightBadges } from './InsightBadges.js';
import { LabelChips } from './LabelChips.js';
import { SlaTimer } from './SlaTimer.js';
import { useChipOverflow } from './use-chip-overflow.js';

/**
 * A conversation's SLA, VIP, insight and label chips on one line of the inbox row, in that order
 * of importance: what does not fit is hidden and summed up as "+N", which names every hidden
 * chip in its tooltip and to screen readers.
 */
export function FactChips({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const row = useRef<HTMLSpanElement>(null);
  const { hidden } = useChipOverflow(row);
  return (
    <>
      <span ref={row} className="inbox-item-chips" data-testid="inbox-item-chips">
        {/* Each part mounted only with something to show: a row mounts on every scroll. */}
        {conversation.sla && <SlaTimer sla={conversation.sla} />}
        {conversation.vip && (
          <span className="vip-badge" data-testid="vip-badge">
            {t('conversation.vip')}
          </span>
        )}
        {hasBadges(conversation) && <InsightBadges conversation={conversation} />}
        {(conversation.labels?.length ?? 0) > 0 && <LabelChips labels={conversation.labels} />}
      </span>
      {hidden.length > 0 && <MoreChips hidden={hidden} />}
    </>
  );
}

function hasBadges({ insight }: Conversation): boolean {
  return insight !== null && insight !== undefined && (insight.intentLabel !== null || insight.sentiment === 'negative');
}

function MoreChips({ hidden }: { hidden: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const names = new Intl.ListFormat(i18n.language, { type: 'unit' }).format(hidden);
  return (
    <span className="chip-more" data-testid="chip-more" data-count={hidden.length} title={hidden.join('\n')}>
      <span aria-hidden="true">{t('inbox.moreChips', { count: hidden.length })}</span>
      <span className="sr-only">{t('inbox.moreChipsNamed', { names })}</span>
    </span>
  );
}
