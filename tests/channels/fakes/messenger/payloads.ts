import { randomId } from '../shared-provider-api.js';
import { metaError } from './meta-graph.js';
import type { ProviderAnswer } from '../shared-provider-api.js';

/**
 * Messenger webhook payloads as the Messenger Platform documents them:
 * - messages (text, attachments): https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messages
 * - message_deliveries: https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/message-deliveries
 * - message_reads: https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/message-reads
 * Messenger has no "failed" callback: a refused send is refused in the Send API's answer
 * (messengerError below), and Meta sends nothing later.
 */

export interface MessengerParty {
  pageId: string;
  /** The customer's page-scoped id. */
  psid: string;
}

export function messengerMid(): string {
  return randomId('m_', 86, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
}

/** One webhook POST carrying `events` (Meta batches events of a page into entry[].messaging[]). */
export function messengerWebhook(pageId: string, events: Record<string, unknown>[]): Record<string, unknown> {
  return { object: 'page', entry: [{ id: pageId, time: Date.now(), messaging: events }] };
}

export function messengerText(party: MessengerParty & { text: string; mid?: string; timestamp?: number }): Record<string, unknown> {
  return messengerWebhook(party.pageId, [
    {
      sender: { id: party.psid },
      recipient: { id: party.pageId },
      timestamp: party.timestamp ?? Date.now(),
      message: { mid: party.mid ?? messengerMid(), text: party.text },
    },
  ]);
}

/** An attachment: `url` is where Meta serves the bytes (use fake.addMedia for one the fake serves). */
export function messengerAttachment(
  party: MessengerParty & { type: 'image' | 'video' | 'audio' | 'file'; url: string; mid?: string },
): Record<string, unknown> {
  return messengerWebhook(party.pageId, [
    {
      sender: { id: party.psid },
      recipient: { id: party.pageId },
      timestamp: Date.now(),
      message: { mid: party.mid ?? messengerMid(), attachments: [{ type: party.type, payload: { url: party.url } }] },
    },
  ]);
}

/** message_deliveries: every message sent before `watermark` was delivered; `mids` may be absent. */
export function messengerDelivered(party: MessengerParty & { mids?: string[]; watermark?: number }): Record<string, unknown> {
  const delivery: Record<string, unknown> = { watermark: party.watermark ?? Date.now() };
  if (party.mids) delivery.mids = party.mids;
  return messengerWebhook(party.pageId, [{ sender: { id: party.psid }, recipient: { id: party.pageId }, delivery }]);
}

/** message_reads: every message sent before `watermark` was read (Messenger names no mids here). */
export function messengerRead(party: MessengerParty & { watermark?: number }): Record<string, unknown> {
  const watermark = party.watermark ?? Date.now();
  return messengerWebhook(party.pageId, [{ sender: { id: party.psid }, recipient: { id: party.pageId }, timestamp: watermark, read: { watermark } }]);
}

/** Send API errors the relay must explain to the agent. */
export const messengerError = {
  outsideWindow: (): ProviderAnswer => metaError(10, 2018278),
  userUnavailable: (): ProviderAnswer => metaError(551, 1545041),
  noMatchingUser: (): ProviderAnswer => metaError(100, 2018001),
  invalidToken: (): ProviderAnswer => metaError(190),
  temporary: (): ProviderAnswer => metaError(2),
  rateLimited: (): ProviderAnswer => metaError(4),
  of: metaError,
};
