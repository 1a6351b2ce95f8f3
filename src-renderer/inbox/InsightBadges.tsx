import { useTranslation } from 'react-i18next';
import type { LocalConversation as Conversation } from '../../src-shared/api/contract.js';

/** Intent and an upset customer at a glance; both worked out on this machine. */
export function InsightBadges({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const { insight } = conversation;
  if (!insight) return null;
  return (
    <>
      {insight.intentLabel && (
        <span className="intent-badge" data-testid="intent-badge" title={t('conversation.intent')}>
          {/* The label in intents.json is English; an intent added there without a catalogue entry still shows it. */}
          {insight.intent ? t(`intentName.${insight.intent}`, { defaultValue: insight.intentLabel }) : insight.intentLabel}
        </span>
      )}
      {insight.sentiment === 'negative' && (
        <span className="sentiment-badge sentiment-badge--negative" data-testid="sentiment-negative" title={t('conversation.highPriority')}>
          {t('conversation.sentiment.negative')}
        </span>
      )}
    </>
  );
}
