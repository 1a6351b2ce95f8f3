import type { z } from 'zod';
import type { MessagingMessage } from '../../../src-shared/protocol/channels/messenger.js';
import type { ChannelInbound, ChannelWebhook } from '../../conversations/channel-messages.js';
import { graphMediaOf } from './graph-media.js';

/** What Messenger and Instagram webhooks share: entries per account, each with its messaging[] events. */
export type MessagingParse = { ok: true; webhook: ChannelWebhook } | { ok: false; error: string };

interface Entry {
  id: string;
  messaging?: unknown[] | undefined;
}

/**
 * The events of this account's entries, each checked by `schema`. One app's webhook serves all of
 * its Pages (or Instagram accounts): the entries of another are not this account's and are left out.
 */
export function eventsOf<Event>(entries: readonly Entry[], accountId: string, schema: z.ZodType<Event>): { ok: true; events: Event[] } | { ok: false; error: string } {
  const events: Event[] = [];
  for (const entry of entries) {
    if (entry.id !== accountId) continue;
    for (const raw of entry.messaging ?? []) {
      const event = schema.safeParse(raw);
      if (!event.success) return { ok: false, error: `a messaging event that is not Meta's: ${event.error.issues[0]?.message ?? ''}` };
      events.push(event.data);
    }
  }
  return { ok: true, events };
}

/**
 * A customer's message, or null for what is not one: the account's own sends echoed back
 * (`is_echo`, replies included), and Instagram's notice that a message was removed. Its `mid` is
 * unique, so a redelivery is stored once.
 */
export function inboundOf(
  event: { sender: { id: string }; timestamp?: number | undefined; message?: MessagingMessage | undefined },
  provider: string,
): ChannelInbound | null | { error: string } {
  const message = event.message;
  if (!message || message.is_echo || message.is_deleted) return null;
  if (event.timestamp === undefined) return { error: 'a message without its timestamp' };
  const media = graphMediaOf(message);
  return {
    providerMessageId: message.mid,
    externalUserId: event.sender.id,
    // The webhook names nobody; the user's profile needs another call and a permission.
    displayName: `${provider} user …${event.sender.id.slice(-4)}`,
    language: null,
    body: media.length ? message.text?.trim() || media.map((file) => file.name).join(', ') : bodyOf(message),
    sentAt: event.timestamp,
    ...(media.length ? { media } : {}),
  };
}

/** Text as written; attachments without a file (stickers, shares) are named so the agent knows something came. */
function bodyOf(message: MessagingMessage): string {
  const kinds = [...new Set((message.attachments ?? []).map((attachment) => attachment.type))];
  const named = kinds.length > 0 ? `[${kinds.join(', ')}]` : message.is_unsupported ? '[unsupported message]' : '';
  const text = message.text?.trim() ? message.text : '';
  return [named, text].filter(Boolean).join(' ') || '[message]';
}
