import { useTranslation } from 'react-i18next';
import type { SlaClock } from '../../src-shared/domain/model.js';
import { slaStateAt } from '../../src-shared/domain/sla.js';
import { ClockMark } from '../format/ClockMark.js';
import { shortDuration } from '../format/duration.js';
import { useNow } from '../format/use-now.js';
import { dateTimeFormat } from '../format/formatters.js';

/**
 * The nearest SLA target on an inbox row: time left, amber in its last ten minutes, red and
 * negative once missed. The row shows the compact form (a clock and "15 min"), which fits a
 * phone-wide column where "First reply in 15 min" went into "+N" behind shorter chips; the whole
 * sentence is its tooltip, its screen-reader text and its name in "+N". Its own clock: a
 * minute-old one would show a minute too much.
 */
export function SlaTimer({ sla }: { sla: SlaClock | null | undefined }) {
  const { t, i18n } = useTranslation();
  const now = useNow(15_000, sla != null);
  const shown = slaStateAt(sla, now);
  if (!shown) return null;
  const target = t(`sla.target.${shown.target}`);
  const breached = shown.state === 'breached';
  const time = shortDuration(shown.dueAt - now, i18n.language);
  const sentence = t(breached ? 'sla.overdue' : 'sla.dueIn', { target, time });
  const due = t('sla.due', { time: dateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(shown.dueAt) });
  return (
    <span className={`sla-timer sla-timer--${shown.state}`} data-testid="sla-timer" data-state={shown.state} data-chip-text={sentence} title={`${sentence}\n${due}`}>
      <ClockMark size={11} />
      <bdi aria-hidden="true" data-testid="sla-timer-compact">
        {breached ? `−${time}` : time}
      </bdi>
      <span className="sr-only">{sentence}</span>
    </span>
  );
}
