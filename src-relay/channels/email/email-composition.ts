import type { OutboundText } from '../port/channel-adapter.js';
import type { EmailCredentials } from './email-credentials.js';
import { mailDomainOf } from './email-credentials.js';
import { outboundMessageId, replyAddress, replySubject } from './email-identifiers.js';

/** A reply as nodemailer sends it; `messageId` is chosen by us, never by nodemailer. */
export interface ComposedMail {
  from: { name: string; address: string };
  to: string;
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

/** The agent's reply as one multipart mail: text, and HTML made from the same text, with the mailbox's signature and the files attached. */
export function composeReply(text: OutboundText, credentials: EmailCredentials): ComposedMail {
  const domain = mailDomainOf(credentials);
  const thread = text.thread;
  const body = credentials.signature ? `${text.body}\n\n-- \n${credentials.signature}` : text.body;
  return {
    from: { name: credentials.fromName, address: credentials.address },
    to: text.recipient,
    replyTo: thread ? replyAddress(credentials.address, thread.replyToken) : credentials.address,
    subject: thread ? replySubject(thread.subject, thread.replyToken) : '(no subject)',
    messageId: outboundMessageId(text.messageId, domain),
    ...(thread?.inReplyTo ? { inReplyTo: thread.inReplyTo } : {}),
    ...(thread && thread.references.length > 0 ? { references: thread.references } : {}),
    text: body,
    html: htmlOf(body),
    ...(text.files?.length ? { attachments: text.files.map((file) => ({ filename: file.name, content: file.bytes, contentType: file.mediaType })) } : {}),
    // Our reply is written by a person, but auto-responders should not answer it in a loop either.
    headers: { 'X-Auto-Response-Suppress': 'All' },
  };
}

/** The text as HTML that shows it the same: escaped, line breaks kept, the signature greyed. */
function htmlOf(body: string): string {
  const escaped = body.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const [main, signature] = splitSignature(escaped);
  const lines = (part: string) => part.split('\n').join('<br>\n');
  const signed = signature === null ? '' : `<div style="color:#666">-- <br>\n${lines(signature)}</div>`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div>${lines(main)}</div>${signed}</body></html>`;
}

function splitSignature(body: string): [string, string | null] {
  const at = body.lastIndexOf('\n-- \n');
  return at < 0 ? [body, null] : [body.slice(0, at), body.slice(at + 5)];
}
