import type { Notice } from '../../src-shared/api/contract.js';
import type { Colleague } from '../../src-shared/domain/model.js';
import { cutAtGrapheme } from '../../src-shared/domain/text.js';
import type { DeskTranslate } from './desk-text.js';

/**
 * What a desktop notification says and offers. The shell turns it into an Electron
 * Notification: `actions` become buttons and `reply` an inline reply where the OS has them
 * (macOS); a click on the notification always does `onClick`.
 */
export interface DeskAlert {
  title: string;
  body: string;
  /** Buttons, in order: accept the ringing call, open the conversation. */
  actions: readonly AlertAction[];
  /** Offers an inline reply (a note back to the colleague who mentioned the agent). */
  reply: string | null;
  /** What a click on the notification itself does. */
  onClick: { open: 'window' } | { open: 'conversation'; conversationId: string };
}

export type AlertAction = 'accept-call' | 'open-conversation';

const ACTION_KEYS: Record<AlertAction, string> = { 'accept-call': 'alert.accept', 'open-conversation': 'alert.open' };

/** A button's label, in the language of the rest of the notification. */
export function alertActionLabel(action: AlertAction, t: DeskTranslate): string {
  return t(ACTION_KEYS[action]);
}

const BODY_MAX = 180;

/**
 * Calls `alert` once for each item not seen before: those already there when the workstation
 * started were told then, or are on the desk for the agent to see.
 */
export function createNewItemFilter<T>(alreadyThere: readonly T[], keyOf: (item: T) => string, alert: (item: T) => void): (shown: readonly T[]) => void {
  const seen = new Set(alreadyThere.map(keyOf));
  return (shown) => {
    for (const item of shown) {
      const key = keyOf(item);
      if (seen.has(key)) continue;
      seen.add(key);
      alert(item);
    }
  };
}

/** Only a colleague's @mention pops up: the other notices are about the agent's own changes, shown in the notices bar. */
export function createMentionAlerts(alreadyKept: readonly Notice[], alert: (notice: Notice) => void): (shown: readonly Notice[]) => void {
  return createNewItemFilter(alreadyKept, (notice) => notice.id, (notice) => {
    if (notice.kind === 'mentioned') alert(notice);
  });
}

/** Who mentioned the agent, about whom, and the start of the note; a reply goes back as a note. */
export function mentionAlert(notice: Notice, t: DeskTranslate): DeskAlert {
  const colleague = notice.otherAgentName ?? null;
  // Unnamed, the colleague is a phrase of its own in each language, not a name put in a sentence.
  const title = colleague === null ? t('alert.mentionUnnamed', { customer: notice.customerName }) : t('alert.mention', { colleague, customer: notice.customerName });
  return {
    title,
    body: cutAtGrapheme(notice.detail, BODY_MAX),
    actions: notice.openable ? ['open-conversation'] : [],
    reply: notice.openable ? (colleague === null ? t('alert.replyToUnnamed') : t('alert.replyTo', { colleague })) : null,
    onClick: notice.openable ? { open: 'conversation', conversationId: notice.conversationId } : { open: 'window' },
  };
}

export interface RingingCall {
  remote: string;
  provider: 'webrtc' | 'twilio' | 'sip';
  /** The colleague who handed the call over, with their note (empty for none). */
  transferredBy: { name: string; note: string } | null;
}

/** A ringing call: Accept answers it in the softphone; a click brings the window, where Accept waits too. */
export function callAlert(call: RingingCall, t: DeskTranslate): DeskAlert {
  const body = call.transferredBy ? transferLine(call.transferredBy, t) : t(call.provider === 'webrtc' ? 'alert.webCall' : 'alert.phoneCall');
  return { title: t('alert.call', { caller: cutAtGrapheme(call.remote, BODY_MAX) }), body: cutAtGrapheme(body, BODY_MAX), actions: ['accept-call'], reply: null, onClick: { open: 'window' } };
}

function transferLine({ name, note }: { name: string; note: string }, t: DeskTranslate): string {
  return note ? t('alert.transferredWithNote', { colleague: name, note }) : t('alert.transferredBy', { colleague: name });
}

export interface OfferedConversation {
  conversationId: string;
  customerName: string;
  preview: string;
}

/** A conversation offered to the agent: open it to accept or decline before the offer lapses. */
export function offerAlert(offer: OfferedConversation, t: DeskTranslate): DeskAlert {
  return {
    title: t('alert.offer', { customer: cutAtGrapheme(offer.customerName, BODY_MAX) }),
    body: cutAtGrapheme(offer.preview, BODY_MAX),
    actions: ['open-conversation'],
    reply: null,
    onClick: { open: 'conversation', conversationId: offer.conversationId },
  };
}

/**
 * The note a reply from the notification becomes: in the conversation of the mention, naming
 * back the colleague who wrote it when the directory knows exactly one colleague of that name.
 * Null for an empty reply or a mention about a conversation this desk does not hold.
 */
export function mentionReplyNote(notice: Notice, reply: string, colleagues: readonly Colleague[]): { conversationId: string; body: string; mentions: string[] } | null {
  const text = reply.trim();
  if (!text || !notice.openable) return null;
  const named = colleagues.filter((colleague) => colleague.name === notice.otherAgentName);
  const colleague = named.length === 1 ? named[0] : undefined;
  if (!colleague) return { conversationId: notice.conversationId, body: text, mentions: [] };
  return { conversationId: notice.conversationId, body: `@${colleague.name} ${text}`, mentions: [colleague.id] };
}
