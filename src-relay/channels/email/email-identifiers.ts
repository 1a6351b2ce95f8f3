import { replySubjectLine, withoutSubjectTag } from '../../../src-shared/domain/email-reply.js';

/**
 * The names the relay gives its mail, derived from our own ids so that the same reply always
 * carries the same Message-ID (a retried send is the same mail, and its copy is recognised as a
 * loop when it comes back), and the reply address that leads a customer's answer back to its
 * conversation when a mail client drops In-Reply-To and References.
 */

/** `<message-id@domain>` for our reply `messageId`. */
export function outboundMessageId(messageId: string, domain: string): string {
  return `<${messageId}@${domain}>`;
}

const UUID = /^<([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@([^>\s]+)>$/i;

/** Our message id inside a Message-ID of the form outboundMessageId makes; null for any other. */
export function ourMessageIdIn(header: string): string | null {
  const match = UUID.exec(header.trim());
  return match ? match[1]!.toLowerCase() : null;
}

/** `support+<token>@example.com` for the mailbox `support@example.com`. */
export function replyAddress(address: string, token: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, at)}+${token}${address.slice(at)}`;
}

/** The token of a reply address of this mailbox among `recipients`; null when none carries one. */
export function replyTokenIn(address: string, recipients: readonly string[]): string | null {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at).toLowerCase();
  const domain = address.slice(at + 1).toLowerCase();
  for (const recipient of recipients) {
    const match = /^([^@+]+)\+([A-Za-z0-9]{6,40})@(.+)$/.exec(recipient.trim().toLowerCase());
    if (match && match[1] === local && match[3] === domain) return match[2]!;
  }
  return null;
}

/** The tag put in a subject, "[#K7Q2MX]": the last fallback, for a reply that lost both headers and reply address. */
export function subjectTag(token: string): string {
  return `[#${token.slice(0, 8).toUpperCase()}]`;
}

/** The tag's token prefix in a subject (upper case), or null. Only our own tag shape counts: a subject alone never threads. */
export function subjectTagIn(subject: string): string | null {
  const match = /\[#([A-Z0-9]{8})\]/i.exec(subject);
  return match ? match[1]!.toUpperCase() : null;
}

/** "Re: <subject> [#TAG]", without piling up "Re: Re:" or a second tag. */
export function replySubject(subject: string, token: string): string {
  return taggedSubject(replySubjectLine(subject), token);
}

/** The subject line the agent left (or "Re: …", "Fwd: …"), with the conversation's tag once at its end. */
export function taggedSubject(line: string, token: string): string {
  return `${withoutSubjectTag(line) || '(no subject)'} ${subjectTag(token)}`;
}
