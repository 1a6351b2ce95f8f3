import MimeNode from 'nodemailer/lib/mime-node';
import { encodedWords, encodes, encodeText, mailbox } from './mail-encoding.js';
import type { MailCharset, MailLanguage } from './mail-languages.js';

/** One mail as a person's mail program writes it, before it is put together as MIME. */
export interface MailDraft {
  language: MailLanguage;
  /** The charset the program prefers; another of the language's (or UTF-8) when the text does not fit in it. */
  charset: MailCharset;
  from: { name: string; address: string };
  to: string;
  cc?: string;
  subject: string;
  date: Date;
  /** Null: the mail has no Message-ID at all (some scripts and old programs send none). */
  messageId: string | null;
  inReplyTo?: string;
  references?: string[];
  text: string;
  /** Also an HTML version (multipart/alternative), or only HTML. */
  html?: 'alternative' | 'only';
  /** A remote image in the HTML (a tracking pixel or a logo). */
  remoteImage?: string;
  attachments?: { filename: string; contentType: string; content: Buffer; inline?: boolean }[];
  /** Extra header lines, already encoded (Auto-Submitted, List-Unsubscribe, X-Mailer…). */
  headers?: Record<string, string>;
}

const UTF8: MailCharset = { label: 'UTF-8', codec: 'utf-8', body: 'base64', header: 'B' };

/** The raw RFC 5322 bytes of the draft, built with nodemailer's MIME tree. */
export async function composeMail(draft: MailDraft): Promise<Buffer> {
  const charset = charsetFor(draft);
  const root = new MimeNode(rootType(draft), { baseBoundary: boundaryOf(draft) });
  // nodemailer re-formats its address, Date and References headers (names in UTF-8); these are
  // written ahead of its headers, as the mail's program writes them, names in the mail's charset.
  const written = [
    `From: ${mailbox(draft.from.name, draft.from.address, charset)}`,
    `To: ${draft.to}`,
    ...(draft.cc ? [`Cc: ${draft.cc}`] : []),
    `Date: ${draft.date.toUTCString().replace(/GMT$/, '+0000')}`,
    ...(draft.references?.length ? [`References: ${draft.references.join('\r\n ')}`] : []),
  ];
  const header = (key: string, value: string) => root.setHeader(key, prepared(value));
  header('Subject', encodedWords(draft.subject, charset));
  header('Message-ID', draft.messageId ?? '<dropped-below@localhost>');
  if (draft.inReplyTo) header('In-Reply-To', draft.inReplyTo);
  for (const [key, value] of Object.entries(draft.headers ?? {})) header(key, value);

  const body = draft.attachments?.length ? (draft.attachments.some((a) => a.inline) && draft.html ? root.createChild('multipart/related') : root) : root;
  const textual = draft.attachments?.length ? body.createChild(draft.html === 'alternative' ? 'multipart/alternative' : draft.html === 'only' ? 'text/html' : 'text/plain') : root;
  if (draft.html === 'alternative') {
    textPart(textual.createChild('text/plain'), draft.text, 'text/plain', charset);
    textPart(textual.createChild('text/html'), htmlOf(draft), 'text/html', charset);
  } else if (draft.html === 'only') textPart(textual, htmlOf(draft), 'text/html', charset);
  else textPart(textual, draft.text, 'text/plain', charset);
  for (const file of draft.attachments ?? []) {
    const part = (file.inline ? body : root).createChild(file.contentType, { filename: file.filename });
    part.setContent(file.content);
    if (file.inline) {
      part.setHeader('Content-ID', `<${cidOf(file.filename)}>`);
      part.setHeader('Content-Disposition', 'inline');
    }
  }
  root.setHeader('Date', 'set-below');
  const built = (await root.build()).toString('latin1').replace(/^Date: set-below\r\n/m, '');
  // nodemailer always gives the root a Message-ID; a mail without one is made by taking it out.
  const raw = draft.messageId ? built : built.replace(/^Message-ID: <dropped-below@localhost>\r\n/m, '');
  return Buffer.from(`${written.join('\r\n')}\r\n${raw}`, 'latin1');
}

/** The preferred charset if it holds every character, else the language's first that does, else UTF-8: what mail programs do. */
function charsetFor(draft: MailDraft): MailCharset {
  const all = [draft.subject, draft.from.name, draft.text].join('\n');
  return [draft.charset, ...draft.language.charsets].find((charset) => encodes(all, charset)) ?? UTF8;
}

function rootType(draft: MailDraft): string {
  if (draft.attachments?.length) return 'multipart/mixed';
  if (draft.html === 'alternative') return 'multipart/alternative';
  return draft.html === 'only' ? 'text/html' : 'text/plain';
}

function textPart(node: MimeNode, text: string, type: string, charset: MailCharset): void {
  node.setHeader('Content-Type', `${type}; charset=${charset.label}`);
  node.setHeader('Content-Transfer-Encoding', charset.body);
  node.setContent(encodeText(text.replace(/\r?\n/g, '\r\n'), charset));
}

function htmlOf(draft: MailDraft): string {
  const paragraphs = draft.text.split(/\n{2,}/).map((paragraph) => {
    const escaped = paragraph.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return paragraph.startsWith('>') ? `<blockquote type="cite">${escaped.replace(/\n/g, '<br>')}</blockquote>` : `<p>${escaped.replace(/\n/g, '<br>')}</p>`;
  });
  const inline = (draft.attachments ?? []).filter((file) => file.inline).map((file) => `<img src="cid:${cidOf(file.filename)}" alt="">`);
  const remote = draft.remoteImage ? [`<img src="${draft.remoteImage}" width="1" height="1" alt="">`] : [];
  return `<html><head><meta http-equiv="Content-Type" content="text/html; charset=${draft.charset.label}"></head><body dir="auto">${[...paragraphs, ...inline, ...remote].join('\n')}</body></html>`;
}

const cidOf = (filename: string) => `${encodeURIComponent(filename).replace(/%/g, '')}@mail.example`;

/** nodemailer writes a header given as `{prepared, value}` as it is: the value is encoded here, in the mail's charset. */
function prepared(value: string): string {
  return { prepared: true, foldLines: true, value } as unknown as string;
}

/** A boundary of the draft's own, so that a corpus is the same bytes on every run. */
function boundaryOf(draft: MailDraft): string {
  return `${draft.date.getTime().toString(36)}_${(draft.messageId ?? draft.subject).length.toString(36)}`;
}
