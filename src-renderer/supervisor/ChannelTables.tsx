import { useTranslation } from 'react-i18next';
import type { ChannelHistory, ChannelLive } from '../../src-shared/protocol/supervisor.js';
import { shortDuration } from '../format/duration.js';

/**
 * The supervisor's teams by channel: now (waiting, with an agent, SLA) and over a period (counts,
 * first response, SLA, CSAT). Routing and SLA treat every channel alike; these tables show
 * whether customers on one channel are served worse than on another.
 */

const duration = (ms: number | null, locale: string) => (ms === null ? '–' : shortDuration(ms, locale));

function ChannelName({ channel }: { channel: ChannelLive['channel'] }) {
  const { t } = useTranslation();
  return (
    <th scope="row">
      <span className={`channel-badge channel-badge--${channel}`}>{t(`channel.${channel}`)}</span>
    </th>
  );
}

export function LiveChannelsTable({ channels }: { channels: ChannelLive[] }) {
  const { t, i18n } = useTranslation();
  if (channels.length === 0) return null;
  return (
    <table className="supervisor-table" data-testid="supervisor-channels">
      <caption>{t('supervisor.byChannel')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('supervisor.channel')}</th>
          <th scope="col">{t('supervisor.waiting')}</th>
          <th scope="col">{t('supervisor.active')}</th>
          <th scope="col">{t('supervisor.longestWait')}</th>
          <th scope="col">{t('supervisor.slaAtRisk')}</th>
          <th scope="col">{t('supervisor.slaBreached')}</th>
        </tr>
      </thead>
      <tbody>
        {channels.map((row) => (
          <tr key={row.channel} data-testid="supervisor-channel" data-channel={row.channel}>
            <ChannelName channel={row.channel} />
            <td data-testid="channel-waiting">{row.waiting}</td>
            <td data-testid="channel-active">{row.active}</td>
            <td>{duration(row.longestWaitMs, i18n.language)}</td>
            <td className={row.slaAtRisk > 0 ? 'supervisor-warn' : undefined}>{row.slaAtRisk}</td>
            <td className={row.slaBreached > 0 ? 'supervisor-bad' : undefined} data-testid="channel-sla-breached">
              {row.slaBreached}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function HistoryChannelsTable({ channels }: { channels: ChannelHistory[] }) {
  const { t, i18n } = useTranslation();
  if (channels.length === 0) return null;
  return (
    <table className="supervisor-table" data-testid="history-channels">
      <caption>{t('history.byChannel')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('supervisor.channel')}</th>
          <th scope="col">{t('history.conversations')}</th>
          <th scope="col">{t('history.firstResponse')}</th>
          <th scope="col">{t('history.resolution')}</th>
          <th scope="col">{t('history.slaAttainment')}</th>
          <th scope="col">{t('history.csat')}</th>
        </tr>
      </thead>
      <tbody>
        {channels.map((row) => (
          <tr key={row.channel} data-testid="history-channel" data-channel={row.channel}>
            <ChannelName channel={row.channel} />
            <td data-testid="history-channel-conversations">{row.conversations}</td>
            <td>{duration(row.firstResponse.medianMs, i18n.language)}</td>
            <td>{duration(row.resolution.medianMs, i18n.language)}</td>
            <td>{row.sla.attainment === null ? '–' : new Intl.NumberFormat(i18n.language, { style: 'percent' }).format(row.sla.attainment)}</td>
            <td data-testid="history-channel-csat">{row.csat.average === null ? '–' : `${row.csat.average.toFixed(1)} / 5 (${row.csat.count})`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
