import { useTranslation } from 'react-i18next';
import { CHANNELS, Channel } from '../../src-shared/domain/model.js';
import { useInbox, useInboxStore } from '../state/inbox-store.js';

/** Narrows the inbox to one channel (WhatsApp, LINE, web chat, ...), with whichever status tab is chosen. */
export function ChannelFilter() {
  const { t } = useTranslation();
  const inbox = useInboxStore();
  const channel = useInbox((s) => s.channel);
  return (
    <div className="inbox-channel-filter">
      <select
        className="input inbox-channel-select"
        data-testid="inbox-channel-filter"
        aria-label={t('inbox.channelFilter')}
        value={channel ?? ''}
        onChange={(event) => void inbox.getState().setChannel(event.target.value === '' ? null : Channel.parse(event.target.value))}
      >
        <option value="">{t('inbox.allChannels')}</option>
        {CHANNELS.map((c) => (
          <option key={c} value={c}>
            {t(`channel.${c}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
