import { useTranslation } from 'react-i18next';
import { messagingRulesOf } from '../../src-shared/domain/channel-rules.js';
import type { ReplyOptions } from '../../src-shared/protocol/channels/templates.js';
import './template-picker.css';

/**
 * The messaging app's rule for a reply now, said above the composer when it matters: the reply
 * goes with the human-agent tag (Messenger, Instagram: after 24 hours, up to 7 days), only an
 * approved template may go (WhatsApp after 24 hours), or nothing may go until the customer writes.
 */
export function ReplyWindowNote({ options }: { options: ReplyOptions }) {
  const { t, i18n } = useTranslation();
  if (!options.channel || options.window === 'open') return null;
  const app = messagingRulesOf(options.channel)?.name ?? options.channel;
  const until = options.windowEndsAt === null ? '' : new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(options.windowEndsAt);
  const key = options.window === 'tagged' ? 'replyWindow.tagged' : options.templatesSupported ? 'replyWindow.templatesOnly' : 'replyWindow.customerFirst';
  return (
    <p className={`reply-window-note reply-window-note--${options.window}`} data-testid="reply-window-note" data-window={options.window} role="status">
      {t(key, { app, until })}
    </p>
  );
}
