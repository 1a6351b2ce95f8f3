import { MailParser, type AddressObject, type AttachmentStream, type HeaderValue, type Headers, type MessageText } from 'mailparser';
import { textOfHtml } from './mail-html.js';

/** A mail as the relay reads it: decoded from whatever charset and transfer encoding it came in. */
export interface InboundMail {
  /** With angle brackets; null when the mail has none. */
  messageId: string | null;
  inReplyTo: string | null;
  /** References, oldest first. */
  references: string[];
  from: { address: string; name: string } | null;
  /** The first Reply-To address: where the sender wants answers (a web form's mailer names the customer there). */
  replyTo: { address: string; name: string } | null;
  /** To, Cc, Delivered-To and X-Original-To addresses, lower case: where a reply token may be. */
  recipients: string[];
  subject: string;
  /** The sender's Date, or null when it has none that parses. */
  sentAt: number | null;
  text: string;
  /** As the sender wrote it: never shown before mail-html.ts sanitizes it. */
  html: string | null;
  /** Header names in lower case, values as text (first occurrence). */
  headers: ReadonlyMap<string, string>;
  contentType: { value: string; params: Record<string, string> };
  /** The parts a bounce report carries: message/delivery-status, and the returned message or its headers. */
  reportParts: string[];
  /** Every other attached part: files the customer attached, and images the HTML shows inline (by `cid:`). */
  files: MailFile[];
}

/** A part of the mail that is a file: its bytes decoded from their transfer encoding. */
export interface MailFile {
  /** As the sender named it; a made-up name ("attachment-2.png") when it has none. */
  name: string;
  /** As the sender declared it: the relay checks it against the bytes when it keeps them. */
  mediaType: string;
  content: Buffer;
  /** Its Content-ID without angle brackets: what the HTML's `cid:` addresses name. */
  contentId: string | null;
}

/**
 * Parses raw RFC 5322 bytes with mailparser, which decodes RFC 2047 and RFC 2231 words, quoted-
 * printable and base64, and the charsets customers send (ISO-2022-JP and Shift_JIS through
 * encoding-japanese, GB18030, Big5, EUC-KR, TIS-620 and windows-125x through iconv-lite).
 */
export async function parseMail(raw: Buffer): Promise<InboundMail> {
  const parsed = await readMime(raw);
  const from = parsed.from?.value[0];
  const replyTo = parsed.replyTo?.value[0];
  const headers = new Map<string, string>();
  for (const [name, value] of parsed.headers) if (!headers.has(name)) headers.set(name, headerText(value));
  const delivered = ['delivered-to', 'x-original-to'].flatMap((name) => (headers.get(name) ?? '').split(',')).map((a) => a.trim().replace(/^<|>$/g, ''));
  return {
    messageId: bracketed(parsed.messageId),
    inReplyTo: bracketed(parsed.inReplyTo),
    references: (Array.isArray(parsed.references) ? parsed.references : parsed.references ? parsed.references.split(/\s+/) : []).map(bracketed).filter((id): id is string => id !== null),
    from: from?.address ? { address: from.address.toLowerCase(), name: from.name || from.address } : null,
    replyTo: replyTo?.address ? { address: replyTo.address.toLowerCase(), name: replyTo.name || replyTo.address } : null,
    recipients: [...addressesOf(parsed.to), ...addressesOf(parsed.cc), ...delivered].filter((a) => a.includes('@')).map((a) => a.toLowerCase()),
    subject: parsed.subject ?? '',
    sentAt: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.getTime() : null,
    text: parsed.text || (typeof parsed.html === 'string' ? textOfHtml(parsed.html) : ''),
    html: typeof parsed.html === 'string' ? parsed.html : null,
    headers,
    contentType: contentTypeOf(parsed.headers.get('content-type')),
    reportParts: parsed.reportParts,
    files: parsed.files,
  };
}

/** The parts of a delivery report kept as text: the status, and the returned message or its headers. */
const REPORT_PART = /^(message\/(delivery-status|rfc822|global-headers|global)|text\/rfc822-headers)$/i;

interface ReadMime {
  headers: Headers;
  from?: AddressObject;
  replyTo?: AddressObject;
  to?: AddressObject | AddressObject[];
  cc?: AddressObject | AddressObject[];
  subject?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string | string[];
  date?: Date;
  text?: string;
  html?: string | false;
  reportParts: string[];
  files: MailFile[];
}

/**
 * The mail read with mailparser's streaming parser, as its simpleParser would: the parts of a
 * delivery report as text, every other part as a file (mail-files.ts keeps them, checked). No
 * html-to-text: for an HTML-only mail the text is made from the sanitized HTML (mail-html.ts), so
 * no tracking address shows up in it.
 */
function readMime(raw: Buffer): Promise<ReadMime> {
  return new Promise((resolve, reject) => {
    const parser = new MailParser({ skipHtmlToText: true, skipImageLinks: true, skipTextLinks: true, skipTextToHtml: true });
    let headers: Headers = new Map();
    const body: Pick<ReadMime, 'text' | 'html'> = {};
    const reportParts: string[] = [];
    const files: MailFile[] = [];
    let settled = false;
    const fail = (error: unknown) => {
      if (!settled) reject(error instanceof Error ? error : new Error(String(error)));
      settled = true;
    };
    parser.on('error', fail);
    parser.on('headers', (parsed: Headers) => {
      headers = parsed;
    });
    parser.on('data', (data: AttachmentStream | MessageText) => {
      if (data.type === 'text') {
        body.text = data.text;
        body.html = data.html;
        return;
      }
      const report = REPORT_PART.test(data.contentType);
      const chunks: Buffer[] = [];
      data.content.on('data', (chunk: Buffer) => chunks.push(chunk));
      data.content.on('end', () => {
        const content = Buffer.concat(chunks);
        if (report) reportParts.push(content.toString('utf8'));
        else files.push(fileOf(data, content, files.length));
        data.release?.();
      });
    });
    parser.on('end', () => {
      if (settled) return;
      settled = true;
      const header = <T>(name: string) => headers.get(name) as T | undefined;
      resolve({
        headers,
        from: header('from'),
        replyTo: header('reply-to'),
        to: header('to'),
        cc: header('cc'),
        subject: header('subject'),
        messageId: header('message-id'),
        inReplyTo: header('in-reply-to'),
        references: header('references'),
        date: header('date'),
        ...body,
        reportParts,
        files,
      });
    });
    parser.end(raw);
  });
}

function fileOf(part: AttachmentStream, content: Buffer, index: number): MailFile {
  const extension = part.contentType.split('/')[1]?.replace(/[^a-z0-9]/gi, '') || 'bin';
  return {
    name: part.filename?.trim() || `attachment-${index + 1}.${extension}`,
    mediaType: part.contentType,
    content,
    contentId: (part.cid ?? part.contentId)?.trim().replace(/^<|>$/g, '') || null,
  };
}

function bracketed(id: string | undefined): string | null {
  const bare = id?.trim().replace(/^<|>$/g, '');
  return bare ? `<${bare}>` : null;
}

function addressesOf(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = Array.isArray(field) ? field : field ? [field] : [];
  return objects.flatMap((object) => object.value.flatMap((address) => [address.address ?? '', ...(address.group ?? []).map((member) => member.address ?? '')]));
}

function headerText(value: HeaderValue): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.join(' ');
  if (value && typeof value === 'object' && 'value' in value) return String((value as { value: unknown }).value);
  if (value && typeof value === 'object' && 'text' in value) return String((value as { text: unknown }).text);
  return String(value);
}

function contentTypeOf(value: HeaderValue | undefined): InboundMail['contentType'] {
  if (value && typeof value === 'object' && 'value' in value && 'params' in value) {
    return { value: String(value.value).toLowerCase(), params: value.params as Record<string, string> };
  }
  return { value: 'text/plain', params: {} };
}
