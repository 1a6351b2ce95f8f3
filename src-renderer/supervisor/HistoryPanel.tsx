import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart, BarController, BarElement, CategoryScale, LinearScale, Tooltip } from 'chart.js';
import type { CsvReport } from '../../src-shared/api/reports.js';
import type { HistorySummary } from '../../src-shared/protocol/supervisor.js';
import { shortDuration } from '../format/duration.js';
import { marketName } from '../format/language.js';
import { HistoryChannelsTable } from './ChannelTables.js';
import { useSupervisor, useSupervisorStore } from './supervisor-store.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

const PERIODS = [1, 7, 30] as const;

/** What happened in the supervisor's teams over a period: figures, charts, and CSV exports for spreadsheets. */
export function HistoryPanel() {
  const { t, i18n } = useTranslation();
  const supervisor = useSupervisorStore();
  const history = useSupervisor((s) => s.history);
  const days = useSupervisor((s) => s.historyDays);
  const [exportError, setExportError] = useState<string | null>(null);

  async function download(report: CsvReport): Promise<void> {
    const result = await supervisor.getState().exportCsv(report);
    if ('error' in result) return setExportError(result.error);
    setExportError(null);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([result.csv], { type: 'text/csv;charset=utf-8' }));
    link.download = result.filename;
    link.click();
    URL.revokeObjectURL(link.href);
  }

  return (
    <div className="history" data-testid="history-panel">
      <div className="history-toolbar">
        <div role="radiogroup" aria-label={t('history.period')} className="history-periods">
          {PERIODS.map((n) => (
            <button key={n} type="button" role="radio" aria-checked={days === n} className={`button ${days === n ? 'button--primary' : 'button--quiet'}`} onClick={() => void supervisor.getState().loadHistory(n)}>
              {t('history.days', { count: n })}
            </button>
          ))}
        </div>
        <button type="button" className="button" data-testid="export-csat" onClick={() => void download('csat')}>
          {t('history.exportCsat')}
        </button>
        <button type="button" className="button" data-testid="export-sla" onClick={() => void download('sla-breaches')}>
          {t('history.exportSla')}
        </button>
        <button type="button" className="button" data-testid="export-channels" onClick={() => void download('channels')}>
          {t('history.exportChannels')}
        </button>
      </div>
      {exportError && (
        <p className="supervisor-error" role="alert">
          {exportError}
        </p>
      )}
      {history && (
        <>
          <Figures history={history} />
          <HistoryChannelsTable channels={history.byChannel} />
          <BarChart
            testId="chart-by-hour"
            title={t('history.byHour', { zone: history.timeZone })}
            labels={history.volumeByHour.map((_, hour) => String(hour).padStart(2, '0'))}
            values={history.volumeByHour}
          />
          <BarChart
            testId="chart-by-market"
            title={t('history.byMarket')}
            labels={history.volumeByMarket.map((m) => (m.market ? marketName(m.market, i18n.language) : t('history.unknownMarket')))}
            values={history.volumeByMarket.map((m) => m.count)}
          />
          <BarChart testId="chart-csat" title={t('history.csatDistribution')} labels={['1', '2', '3', '4', '5']} values={history.csat.distribution} />
        </>
      )}
    </div>
  );
}

function Figures({ history }: { history: HistorySummary }) {
  const { t, i18n } = useTranslation();
  const duration = (ms: number | null) => (ms === null ? '–' : shortDuration(ms, i18n.language));
  const number = new Intl.NumberFormat(i18n.language);
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent' });
  const rating = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const figures: [string, string, string][] = [
    ['conversations', t('history.conversations'), number.format(history.conversations)],
    ['first-response', t('history.firstResponse'), duration(history.firstResponse.medianMs)],
    ['resolution', t('history.resolution'), duration(history.resolution.medianMs)],
    ['sla', t('history.slaAttainment'), history.sla.attainment === null ? '–' : percent.format(history.sla.attainment)],
    ['csat', t('history.csat'), history.csat.average === null ? '–' : `${rating.format(history.csat.average)} / ${number.format(5)} (${number.format(history.csat.count)})`],
  ];
  return (
    <dl className="history-figures">
      {figures.map(([id, label, value]) => (
        <div key={id} className="history-figure" data-testid={`figure-${id}`}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A bar chart on a canvas, with the same numbers in a table for screen readers. */
function BarChart({ testId, title, labels, values }: { testId: string; title: string; labels: string[]; values: number[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: { labels, datasets: [{ label: title, data: values, backgroundColor: '#2256c9' }] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
    return () => chart.destroy();
  }, [labels, values, title]);
  return (
    <figure className="history-chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div className="history-canvas">
        <canvas ref={canvas} role="img" aria-label={title} />
      </div>
      <table className="visually-hidden">
        <tbody>
          {labels.map((label, index) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{values[index]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
