import { useTranslation } from 'react-i18next';
import type { SlaClock } from '../../src-shared/domain/model.js';
import { slaStateAt } from '../../src-shared/domain/sla.js';
import { shortDuration } from '../format/duration.js';
import { useNow } from '../format/use-now.js';
import { dateTimeFormat } from '../format/formatters.js';

/** The nearest SLA target: time left, amber in its last ten minutes, red once missed. Its own clock: a minute-old one would show a minute too much. */
export function SlaTimer({ sla }: { sla: SlaClock | null | undefined }) {
  const { t, i18n } = useTranslation();
  const now = useNow(15_000, sla != null);
  const shown = slaStateAt(sla, now);
  if (!shown) return null;
  const target = t(`sla.target.${shown.target}`);
  const time = shortDuration(shown.dueAt - now, i18n.language);
  return (
    <span
      className={`sla-timer sla-timer--${shown.state}`}
      data-testid="sla-timer"
      data-state={shown.state}
      title={t('sla.due', { time: dateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(shown.dueAt) })}
    >
      {t(shown.state === 'breached' ? 'sla.overdue' : 'sla.dueIn', { target, time })}
    </span>
  );
}
