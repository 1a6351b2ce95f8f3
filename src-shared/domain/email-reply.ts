import { z } from 'zod';
import { Id } from './model.js';

/**
 * What an email reply carries besides its text, from the desk's composer through the outbox to
 * the relay's mail: its subject line, CC and BCC, whether the customer's last mail is quoted under
 * it, or the message it forwards and to whom. One schema for the desk's form, the mutation and the
 * relay's check.
 */

/** At most this many addresses in each of CC and BCC: a reply, not a mailing. */
export const EMAIL_COPIES_MAX = 20;
export const EMAIL_SUBJECT_MAX = 250;

/** One address as the agent types it: "kim@example.com", lower-cased (domains and, in practice, mailboxes ignore case). */
export const EmailAddress = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ error: 'is not an email address' }))
  .transform((value) => value.toLowerCase());

export const EmailAddressList = z.array(EmailAddress).max(EMAIL_COPIES_MAX, { error: `at most ${EMAIL_COPIES_MAX} addresses` });

/** A message of the conversation sent on to someone outside it: the mail as the customer sent it, with its files. */
export const EmailForward = z.object({
  messageId: Id,
  to: EmailAddress,
});

export const EmailReply = z
  .object({
    /** The subject line as the agent left it; absent: "Re: <the thread's subject>". */
    subject: z.string().trim().min(1, { error: 'A subject is required.' }).max(EMAIL_SUBJECT_MAX).optional(),
    cc: EmailAddressList.optional(),
    bcc: EmailAddressList.optional(),
    /** The customer's last mail quoted under the reply ("On <date>, <name> wrote:"). */
    quote: z.boolean().optional(),
    forward: EmailForward.optional(),
  })
  .strict()
  .refine((reply) => !(reply.forward && reply.quote), { error: 'A forward carries the forwarded mail, not a quote.', path: ['quote'] });
export type EmailReply = z.infer<typeof EmailReply>;

/**
 * An address field as typed or pasted, split on commas, semicolons and line breaks (outside quotes), with
 * "Name <address>" taken as its address and spaces separating bare addresses: its addresses, or
 * the parts that are not addresses.
 */
export type AddressField = { ok: true; addresses: string[] } | { ok: false; invalid: string[] };

export function parseAddressField(text: string): AddressField {
  // A comma inside a quoted name ("Lee, Chan" <lee@example.org>) does not split.
  const parts = text.split(/[,;\n](?=(?:[^"]*"[^"]*")*[^"]*$)/).flatMap((entry) => {
    const named = /<([^<>]*)>\s*$/.exec(entry);
    return named ? [named[1]!.trim()] : entry.split(/\s+/);
  }).filter((part) => part !== '');
  const addresses: string[] = [];
  const invalid: string[] = [];
  for (const part of parts) {
    const parsed = EmailAddress.safeParse(part);
    if (parsed.success) {
      if (!addresses.includes(parsed.data)) addresses.push(parsed.data);
    } else invalid.push(part);
  }
  if (invalid.length > 0) return { ok: false, invalid };
  if (addresses.length > EMAIL_COPIES_MAX) return { ok: false, invalid: addresses.slice(EMAIL_COPIES_MAX) };
  return { ok: true, addresses };
}

/** "Re: <subject>" once, whatever "Re:", "AW:", "回复：" the customer's client put before it, and without our "[#TAG]". */
export function replySubjectLine(subject: string): string {
  return `Re: ${bareSubject(subject) || '(no subject)'}`;
}

/** "Fwd: <subject>" for a forwarded mail. */
export function forwardSubjectLine(subject: string): string {
  return `Fwd: ${bareSubject(subject) || '(no subject)'}`;
}

/** The subject without reply and forward prefixes in many languages, and without our subject tag "[#K7Q2MXAB]". */
export function bareSubject(subject: string): string {
  return withoutSubjectTag(withoutReplyPrefixes(subject));
}

export function withoutSubjectTag(subject: string): string {
  return subject.replace(/\s*\[#[A-Z0-9]{8}\]/gi, '').trim();
}

/** The subject without its "Re:", "AW:", "RE :", "答复:", "回复：" prefixes, as clients in many languages add them. */
export function withoutReplyPrefixes(subject: string): string {
  return subject.replace(/^(\s*(re|aw|sv|vs|antw|r|ref|tr|fwd?|wg|答复|回复|回覆|返信)\s*(\[\d+\])?\s*[:：]\s*)+/i, '').trim();
}
