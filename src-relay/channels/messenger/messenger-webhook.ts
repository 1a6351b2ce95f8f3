import { MessengerEvent, MessengerNotification } from '../../../src-shared/protocol/channels/messenger.js';
import type { ChannelWebhook } from '../../conversations/channel-messages.js';
import { eventsOf, inboundOf, type MessagingParse } from '../meta/messaging-events.js';

/**
 * A Messenger webhook for one Page: its customers' messages, and the deliveries and reads of its
 * replies. Both receipts are watermarks ("every message sent before this time"); a delivery may
 * also name the messages (`mids`), which are then marked by id as well.
 */
export function parseMessengerWebhook(payload: unknown, pageId: string): MessagingParse {
  const notification = MessengerNotification.safeParse(payload);
  if (!notification.success) return { ok: false, error: 'not a Messenger Platform notification (object "page")' };
  const found = eventsOf(notification.data.entry, pageId, MessengerEvent);
  if (!found.ok) return found;
  const webhook: ChannelWebhook = { messages: [], statuses: [], watermarks: [] };
  for (const event of found.events) {
    const inbound = inboundOf(event, 'Messenger');
    if (inbound && 'error' in inbound) return { ok: false, error: inbound.error };
    if (inbound) webhook.messages.push(inbound);
    const customer = event.sender.id;
    if (event.delivery) {
      const delivery = { state: 'delivered' as const, at: event.delivery.watermark, failure: null, detail: null };
      for (const mid of event.delivery.mids ?? []) webhook.statuses.push({ providerMessageId: mid, delivery });
      webhook.watermarks?.push({ externalUserId: customer, delivery, upTo: { at: event.delivery.watermark } });
    }
    if (event.read) {
      webhook.watermarks?.push({ externalUserId: customer, delivery: { state: 'read', at: event.read.watermark, failure: null, detail: null }, upTo: { at: event.read.watermark } });
    }
  }
  return { ok: true, webhook };
}
