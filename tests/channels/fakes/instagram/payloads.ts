import { metaError } from '../messenger/meta-graph.js';
import { messengerMid } from '../messenger/payloads.js';
import type { ProviderAnswer } from '../shared-provider-api.js';

/**
 * Instagram messaging webhook payloads (Messenger API for Instagram):
 * https://developers.facebook.com/docs/messenger-platform/instagram/features/webhook
 * Instagram has no delivery receipts: the only status callback is a read (messaging_seen) naming
 * the message read. A refused send is refused in the Send API's answer (instagramError).
 */

export interface InstagramParty {
  /** The Instagram professional account's id (entry[].id, recipient.id). */
  igId: string;
  /** The customer's Instagram-scoped id. */
  igsid: string;
}

export function instagramWebhook(igId: string, events: Record<string, unknown>[]): Record<string, unknown> {
  return { object: 'instagram', entry: [{ id: igId, time: Date.now(), messaging: events }] };
}

export function instagramText(party: InstagramParty & { text: string; mid?: string }): Record<string, unknown> {
  return instagramWebhook(party.igId, [
    { sender: { id: party.igsid }, recipient: { id: party.igId }, timestamp: Date.now(), message: { mid: party.mid ?? instagramMid(), text: party.text } },
  ]);
}

/** An attachment: `url` is where Meta's CDN serves it (use fake.addMedia for one the fake serves). */
export function instagramAttachment(
  party: InstagramParty & { type: 'image' | 'video' | 'audio' | 'file'; url: string; mid?: string },
): Record<string, unknown> {
  return instagramWebhook(party.igId, [
    {
      sender: { id: party.igsid },
      recipient: { id: party.igId },
      timestamp: Date.now(),
      message: { mid: party.mid ?? instagramMid(), attachments: [{ type: party.type, payload: { url: party.url } }] },
    },
  ]);
}

/** messaging_seen: the customer read the message `mid` (and, in Instagram's model, those before it). */
export function instagramRead(party: InstagramParty & { mid: string }): Record<string, unknown> {
  return instagramWebhook(party.igId, [{ sender: { id: party.igsid }, recipient: { id: party.igId }, timestamp: Date.now(), read: { mid: party.mid } }]);
}

export function instagramMid(): string {
  return 'aWdfZAG1' + messengerMid().slice(2, 60);
}

export const instagramError = {
  outsideWindow: (): ProviderAnswer => metaError(10, 2534022),
  userUnavailable: (): ProviderAnswer => metaError(551, 1545041),
  invalidToken: (): ProviderAnswer => metaError(190),
  temporary: (): ProviderAnswer => metaError(2),
  of: metaError,
};
