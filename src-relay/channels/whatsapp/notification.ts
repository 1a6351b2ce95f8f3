import type { ChannelDelivery, ChannelFailure } from '../../../src-shared/domain/model.js';
import { WhatsAppChangeValue, WhatsAppNotification, type WhatsAppError, type WhatsAppMessage, type WhatsAppStatus } from '../../../src-shared/protocol/channels/whatsapp.js';
import type { ChannelInbound, ChannelStatus, ChannelWebhook } from '../../conversations/channel-messages.js';
import { failureOfWhatsAppCode } from './whatsapp-errors.js';
import { mediaOf } from './whatsapp-media.js';

/**
 * A WhatsApp webhook notification: the messages users wrote to this account's phone number and the
 * statuses of its replies. Changes of other fields, and those of another phone number of the same
 * app, are not this account's and are left out.
 */
export function parseWhatsAppNotification(payload: unknown, phoneNumberId: string): { ok: true; webhook: ChannelWebhook } | { ok: false; error: string } {
  const notification = WhatsAppNotification.safeParse(payload);
  if (!notification.success) return { ok: false, error: 'not a WhatsApp Business Account notification' };
  const webhook: ChannelWebhook = { messages: [], statuses: [] };
  for (const entry of notification.data.entry) {
    for (const change of entry.changes) {
      if (change.field !== 'messages') continue;
      const value = WhatsAppChangeValue.safeParse(change.value);
      if (!value.success) return { ok: false, error: `a messages change that is not WhatsApp's: ${value.error.issues[0]?.message ?? ''}` };
      if (value.data.metadata.phone_number_id !== phoneNumberId) continue;
      const names = new Map((value.data.contacts ?? []).map((contact) => [contact.wa_id, contact.profile?.name]));
      for (const message of value.data.messages ?? []) webhook.messages.push(inboundOf(message, names.get(message.from)));
      for (const status of value.data.statuses ?? []) {
        const known = statusOf(status);
        if (known) webhook.statuses.push(known);
      }
    }
  }
  return { ok: true, webhook };
}

function inboundOf(message: WhatsAppMessage, profileName: string | undefined): ChannelInbound {
  const file = mediaOf(message);
  return {
    providerMessageId: message.id,
    externalUserId: message.from,
    displayName: profileName?.trim() || `+${message.from}`,
    language: null,
    // A file's caption, or its name: a message is never empty.
    body: file ? file.caption || file.media.name : bodyOf(message),
    sentAt: Number(message.timestamp) * 1000,
    ...(file ? { media: [file.media] } : {}),
  };
}

/** Text as written; other kinds (stickers, locations, contacts) are named so the agent knows something came. */
function bodyOf(message: WhatsAppMessage): string {
  if (message.type === 'text' && message.text?.body.trim()) return message.text.body;
  const caption = message.image?.caption ?? message.video?.caption ?? message.document?.caption;
  return caption?.trim() ? `[${message.type}] ${caption}` : `[${message.type}]`;
}

const STATES: Record<string, ChannelDelivery['state']> = { sent: 'sent', delivered: 'delivered', read: 'read', failed: 'failed' };

function statusOf(status: WhatsAppStatus): ChannelStatus | null {
  const state = STATES[status.status];
  if (!state) return null; // 'deleted', 'warning', and what Meta adds later
  const error = status.errors?.[0];
  const failure: ChannelFailure | null = state === 'failed' ? (error ? failureOfWhatsAppCode(error.code) : 'undeliverable') : null;
  return {
    providerMessageId: status.id,
    delivery: { state, at: Number(status.timestamp) * 1000, failure, detail: state === 'failed' && error ? detailOf(error) : null },
  };
}

export function detailOf(error: WhatsAppError): string {
  const words = error.error_data?.details ?? error.message ?? error.title ?? 'no details';
  return `WhatsApp error ${error.code}: ${words}`.slice(0, 500);
}
