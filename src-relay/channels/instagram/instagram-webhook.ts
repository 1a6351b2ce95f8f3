import { InstagramEvent, InstagramNotification } from '../../../src-shared/protocol/channels/instagram.js';
import type { ChannelWebhook } from '../../conversations/channel-messages.js';
import { eventsOf, inboundOf, type MessagingParse } from '../meta/messaging-events.js';

/**
 * An Instagram messaging webhook for one professional account: its customers' messages, and
 * their reads of its replies (messaging_seen names the message read, and so those before it).
 * Instagram sends no delivery receipts: a reply goes from sent to read.
 */
export function parseInstagramWebhook(payload: unknown, instagramAccountId: string): MessagingParse {
  const notification = InstagramNotification.safeParse(payload);
  if (!notification.success) return { ok: false, error: 'not an Instagram messaging notification (object "instagram")' };
  const found = eventsOf(notification.data.entry, instagramAccountId, InstagramEvent);
  if (!found.ok) return found;
  const webhook: ChannelWebhook = { messages: [], statuses: [], watermarks: [] };
  for (const event of found.events) {
    const inbound = inboundOf(event, 'Instagram');
    if (inbound && 'error' in inbound) return { ok: false, error: inbound.error };
    if (inbound) webhook.messages.push(inbound);
    const read = event.read;
    if (!read) continue;
    const at = event.timestamp ?? read.watermark;
    if (at === undefined) return { ok: false, error: 'a read without its time' };
    const delivery = { state: 'read' as const, at, failure: null, detail: null };
    if (read.mid !== undefined) webhook.watermarks?.push({ externalUserId: event.sender.id, delivery, upTo: { providerMessageId: read.mid } });
    else if (read.watermark !== undefined) webhook.watermarks?.push({ externalUserId: event.sender.id, delivery, upTo: { at: read.watermark } });
  }
  return { ok: true, webhook };
}
