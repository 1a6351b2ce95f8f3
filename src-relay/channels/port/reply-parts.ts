import type { OutboundText, SendOutcome } from './channel-adapter.js';

/** One provider message of a reply (its words, one of its files), sent when called with its place. */
export type ReplyPart = (part: number) => Promise<SendOutcome>;

/**
 * Sends a reply that goes out as several provider messages, in order. A part the provider took on
 * an earlier attempt (`text.sentParts`) is not sent again; each part taken is recorded
 * (`text.partSent`) before the next goes, so a retry after a later part failed, or after the relay
 * stopped, sends only what is left. The parts must come out the same on every attempt (built from
 * the reply alone). The outcome is the first part that did not pass, else the last part's.
 */
export async function sendInParts(text: OutboundText, parts: readonly ReplyPart[]): Promise<SendOutcome> {
  let last: SendOutcome = { kind: 'failed', failure: 'rejected', detail: 'a reply with nothing to send' };
  for (const [part, send] of parts.entries()) {
    const taken = text.sentParts?.[part];
    if (taken) {
      last = { kind: 'sent', providerMessageId: taken };
      continue;
    }
    last = await send(part);
    if (last.kind !== 'sent') return last;
    await text.partSent?.(part, last.providerMessageId);
  }
  return last;
}
