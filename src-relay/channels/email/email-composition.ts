import { forwardSubjectLine } from '../../../src-shared/domain/email-reply.js';
import type { OutboundText, OutboundThread, QuotedMail } from '../port/channel-adapter.js';
import type { EmailCredentials } from './email-credentials.js';
import { mailDomainOf } from './email-credentials.js';
import { outboundMessageId, replyAddress, replySubject, taggedSubject } from './email-identifiers.js';
import { signatureFor } from './email-signatures.js';

/** A reply as nodemailer sends it; `messageId` is chosen by us, never by nodemailer. */
export interface ComposedMail {
  from: { name: string; address: string };
  to: string;
  /** Copies the agent added; BCC goes in the envelope only (nodemailer leaves the header out). */
  cc?: string[];
  bcc?: string[];
  replyTo: string;
  subject: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  text: string;
  html: string;
  /** The files the agent attached, as nodemailer attaches them (base64 MIME parts). */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
  headers: Record<string, string>;
}

/**
 * The agent's reply as one multipart mail: text, and HTML made from the same text, signed in the
 * customer's language, the customer's last mail quoted under it when the agent left it on, the
 * files attached. A forward starts a new thread for its recipient: no In-Reply-To, the mailbox's
 * plain address to answer, and the forwarded mail under the agent's words.
 */
export function composeReply(text: OutboundText, credentials: EmailCredentials): ComposedMail {
  const thread = text.thread;
  const signature = signatureFor(credentials, thread?.language ?? 'en');
  const signed = signature ? `${text.body}\n\n-- \n${signature}` : text.body;
  const attached = thread?.forwarded ? forwardedText(thread.forwarded) : thread?.quoted ? quotedText(thread.quoted) : null;
  const fields = thread?.fields;
  return {
    from: { name: credentials.fromName, address: credentials.address },
    to: text.recipient,
    ...(fields?.cc?.length ? { cc: fields.cc } : {}),
    ...(fields?.bcc?.length ? { bcc: fields.bcc } : {}),
    replyTo: thread && !thread.forwarded ? replyAddress(credentials.address, thread.replyToken) : credentials.address,
    subject: subjectOf(thread),
    messageId: outboundMessageId(text.messageId, mailDomainOf(credentials)),
    ...(thread?.inReplyTo && !thread.forwarded ? { inReplyTo: thread.inReplyTo } : {}),
    ...(thread && !thread.forwarded && thread.references.length > 0 ? { references: thread.references } : {}),
    text: attached ? `${signed}\n\n${attached.text}` : signed,
    html: htmlOf(signed, attached?.html ?? ''),
    ...(text.files?.length ? { attachments: text.files.map((file) => ({ filename: file.name, content: file.bytes, contentType: file.mediaType })) } : {}),
    // Our reply is written by a person, but auto-responders should not answer it in a loop either.
    headers: { 'X-Auto-Response-Suppress': 'All' },
  };
}

/**
 * The agent's subject line keeps the conversation's tag, the last way a customer's answer finds its
 * conversation; a forward's goes to someone outside the thread and carries none.
 */
function subjectOf(thread: OutboundThread | undefined): string {
  if (!thread) return '(no subject)';
  const line = thread.fields?.subject;
  if (thread.forwarded) return line ?? forwardSubjectLine(thread.forwarded.subject);
  return line ? taggedSubject(line, thread.replyToken) : replySubject(thread.subject, thread.replyToken);
}

/** "On <date>, <name> wrote:" and the mail's lines after "> ", as mail clients quote. */
function quotedText(mail: QuotedMail): { text: string; html: string } {
  const attribution = `On ${dateOf(mail.at)}, ${mail.from} wrote:`;
  const quoted = mail.text.replace(/\r\n/g, '\n').trimEnd().split('\n').map((line) => (line.startsWith('>') ? `>${line}` : `> ${line}`)).join('\n');
  const html = `<div>${escape(attribution)}</div><blockquote type="cite" style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">${lines(escape(mail.text.trimEnd()))}</blockquote>`;
  return { text: `${attribution}\n${quoted}`, html };
}

/** The forwarded mail under a heading, as mail clients forward inline. */
function forwardedText(mail: QuotedMail): { text: string; html: string } {
  const heading = ['---------- Forwarded message ---------', `From: ${mail.from}`, `Date: ${dateOf(mail.at)}`, `Subject: ${mail.subject}`].join('\n');
  const body = mail.text.replace(/\r\n/g, '\n').trimEnd();
  return { text: `${heading}\n\n${body}`, html: `<div>${lines(escape(heading))}</div><br>\n<div>${lines(escape(body))}</div>` };
}

function dateOf(at: number): string {
  return new Date(at).toUTCString();
}

/** The text as HTML that shows it the same: escaped, line breaks kept, the signature greyed, then the quote or forwarded mail. */
function htmlOf(body: string, after: string): string {
  const [main, signature] = splitSignature(escape(body));
  const signed = signature === null ? '' : `<div style="color:#666">-- <br>\n${lines(signature)}</div>`;
  const attached = after ? `<br>\n${after}` : '';
  return `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div>${lines(main)}</div>${signed}${attached}</body></html>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function lines(part: string): string {
  return part.split('\n').join('<br>\n');
}

function splitSignature(body: string): [string, string | null] {
  const at = body.lastIndexOf('\n-- \n');
  return at < 0 ? [body, null] : [body.slice(0, at), body.slice(at + 5)];
}
