import type { Conversation, Message } from '../../src-shared/domain/model.js';
import { findPersonalData, type PersonalDataSpan } from '../../src-shared/privacy/find-personal-data.js';
import { maskedForm, maskPersonalData } from '../../src-shared/privacy/mask-personal-data.js';
import { maskPreview } from '../../src-shared/privacy/mask-preview.js';
import { mayHoldAny } from '../../src-shared/privacy/worth-masking.js';
import type { PersonalDataKind } from '../../src-shared/privacy/personal-data-kinds.js';
import type { EmailOriginalView } from '../../src-shared/protocol/email.js';
import type { EventData } from '../../src-shared/protocol/sync.js';

/**
 * What one desk receives masked: the kinds its role's policy masks. Every path to a desk (pull,
 * live events, snapshot, an email's original) masks with these functions, so the desk stores the
 * same text whichever way it came, and never a clear card number. No customer market is used:
 * a live event does not carry one, and the paths must agree (phones are found when written
 * with "+" or "00").
 */
export interface DeskMasking {
  /** The same for the same kinds, so an event masked for one desk serves every desk of that role. */
  key: string;
  kinds: ReadonlySet<PersonalDataKind>;
}

export function deskMasking(kinds: ReadonlySet<PersonalDataKind>): DeskMasking {
  return { key: [...kinds].sort().join(','), kinds };
}

export function maskText(text: string, masking: DeskMasking): string {
  return mayHoldAny(text, masking.kinds) ? maskPersonalData(text, masking.kinds).text : text;
}

export function maskMessage(message: Message, masking: DeskMasking): Message {
  const body = maskText(message.body, masking);
  const original = message.original ? { ...message.original, body: maskText(message.original.body, masking) } : message.original;
  return body === message.body && original?.body === message.original?.body ? message : { ...message, body, original };
}

export function maskConversation(conversation: Conversation, masking: DeskMasking): Conversation {
  if (masking.kinds.size === 0) return conversation;
  const preview = maskPreview(conversation.lastMessagePreview, masking.kinds);
  return preview === conversation.lastMessagePreview ? conversation : { ...conversation, lastMessagePreview: preview };
}

/** An event's data as this desk receives it: the text of messages and previews masked. */
export function maskEventData(data: EventData, masking: DeskMasking): EventData {
  switch (data.type) {
    case 'message.created':
    case 'note.mentioned':
      return { ...data, message: maskMessage(data.message, masking) };
    case 'conversation.upserted':
      return { ...data, conversation: maskConversation(data.conversation, masking) };
    default:
      return data;
  }
}

/** An email's original as this desk sees it: subject, text and HTML masked (a masked value is plain text, safe in HTML). */
export function maskEmailOriginal(view: EmailOriginalView, masking: DeskMasking): EmailOriginalView {
  return {
    ...view,
    subject: maskText(view.subject, masking),
    text: maskText(view.text, masking),
    html: view.html === null ? null : maskText(view.html, masking),
  };
}

/**
 * The value masked at `at` (an offset in the text as the desk received it, masked with `masking`),
 * or null when no masked value starts there.
 */
export function maskedValueAt(text: string, masking: DeskMasking, at: number): PersonalDataSpan | null {
  let shift = 0;
  for (const span of findPersonalData(text).filter((found) => masking.kinds.has(found.kind))) {
    if (span.start + shift === at) return span;
    shift += maskedForm(span).length - (span.end - span.start);
  }
  return null;
}
