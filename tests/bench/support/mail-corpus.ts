import { pdfOf, pngOf } from './mail-attachments.js';
import { composeMail, type MailDraft } from './mail-composer.js';
import { LANGUAGES, type MailLanguage } from './mail-languages.js';

/** What the relay must make of one mail of the corpus. */
export type ExpectedOutcome =
  /** Stored in the conversation of `thread` (a label of the corpus's own); `root` opens it. */
  | { outcome: 'stored'; thread: string; root: boolean; kind: 'customer' | 'auto-reply' }
  /** Not stored: a newsletter, or an auto-reply answering no conversation. */
  | { outcome: 'dropped' }
  /** A delivery report naming no mail of ours: nothing stored. */
  | { outcome: 'bounce' }
  /** The same mail again (the same bytes, or with a trace header more): stored once in all. */
  | { outcome: 'duplicate' };

export interface CorpusMail {
  raw: Buffer;
  /** Its Message-ID header; null for a mail without one. */
  messageId: string | null;
  /** For a mail without a Message-ID: its subject, which no other mail of the corpus has. */
  subject: string;
  date: Date;
  expected: ExpectedOutcome;
}

/** One customer conversation as the corpus writes it: who, in what language, and the Message-IDs so far. */
export interface CorpusThread {
  label: string;
  language: MailLanguage;
  charset: MailLanguage['charsets'][number];
  customer: { name: string; address: string };
  subject: string;
  /** Message-IDs of the thread's mails, oldest first (empty when its root had none). */
  chain: string[];
  lastText: string;
}

export const MAILBOX = 'support@acme.test';
const DAY_MS = 24 * 60 * 60 * 1000;

/** Small, seeded, fast: the same corpus on every run (mulberry32). */
export class Seeded {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  bytes(n: number): Buffer {
    const out = Buffer.alloc(n);
    for (let i = 0; i + 4 <= n; i += 4) out.writeUInt32LE((this.next() * 4294967296) >>> 0, i);
    for (let i = n - (n % 4); i < n; i++) out[i] = this.int(256);
    return out;
  }
}

/**
 * `count` mails as a support mailbox of a shop selling worldwide collects them over 13 days, in
 * the order they arrive: customers' first mails in twelve languages and their charsets, their
 * follow-ups (In-Reply-To and References, some from a colleague in Cc), out-of-office replies
 * (answering one of those threads, or nothing the relay knows), newsletters, a few delivery
 * reports for mail that is not ours, mails without a Message-ID, and copies of earlier mails.
 * Every mail carries what the relay must make of it. The customers' threads are put in `threads`
 * as they start, for the follow-ups written later (thread-fallbacks.ts).
 */
export async function* generateCorpus(count: number, seed: number, now: number, threads: CorpusThread[] = []): AsyncGenerator<CorpusMail> {
  const random = new Seeded(seed);
  const recent: CorpusMail[] = [];
  const start = now - 13 * DAY_MS;
  for (let n = 0; n < count; n++) {
    const date = new Date(start + Math.floor((n / count) * 13 * DAY_MS) + random.int(60_000));
    const roll = random.next();
    const open = threads.slice(-400).filter((thread) => thread.chain.length > 0);
    let mail: CorpusMail;
    if (roll < 0.04 && recent.length > 0) mail = copyOf(random.pick(recent), date);
    else if (roll < 0.09) mail = await newsletter(random, n, date);
    else if (roll < 0.11 && open.length > 0) mail = await autoReply(random, n, date, random.next() < 0.5 ? random.pick(open) : null);
    else if (roll < 0.115) mail = await bounce(random, n, date);
    else if (roll < 0.5 && open.length > 0) mail = await followUp(random, n, date, random.pick(open));
    else {
      const thread = newThread(random, n);
      threads.push(thread);
      mail = await firstMail(random, n, date, thread);
    }
    recent.push(mail);
    if (recent.length > 50) recent.shift();
    yield mail;
  }
}

/**
 * A person's name of the language: one name's given part with another's family part (Chinese
 * names split after the family character), so that thousands of customers share names about as
 * often as real ones do, not six to a language.
 */
function personName(random: Seeded, language: MailLanguage): string {
  const parts = (name: string) => (name.includes(' ') ? name.split(' ') : [name.slice(0, 1), name.slice(1)]);
  const [first] = parts(random.pick(language.names));
  const [, second] = parts(random.pick(language.names));
  const joiner = language.names[0]!.includes(' ') ? ' ' : '';
  return `${first}${joiner}${second}`;
}

function newThread(random: Seeded, n: number): CorpusThread {
  const language = random.pick(LANGUAGES);
  const name = personName(random, language);
  const local = `${['info', 'kontakt', 'c', 'user', 'buyer', 'shop'][random.int(6)]}.${n.toString(36)}`;
  return {
    label: `G${n}`,
    language,
    charset: random.pick(language.charsets),
    customer: { name, address: `${local}@${random.pick(language.domains)}` },
    // A reference in the subject, as customers write one: also what tells apart mails without a Message-ID.
    subject: `${random.pick(language.subjects)} (#${100000 + n})`,
    chain: [],
    lastText: '',
  };
}

export function messageIdOf(random: Seeded, n: number, domain: string): string {
  const styles = [
    () => `<CA${random.bytes(18).toString('base64url')}@mail.gmail.com>`,
    () => `<${random.bytes(16).toString('hex').toUpperCase()}@${domain}>`,
    () => `<${random.bytes(8).toString('hex')}.${n}@${domain}>`,
    () => `<TY${random.bytes(12).toString('hex').toUpperCase()}@TYCPR01MB.jpnprd01.prod.outlook.com>`,
  ];
  return random.pick(styles)();
}

export function bodyOf(random: Seeded, language: MailLanguage, name: string): string {
  const sentences = Array.from({ length: 1 + random.int(4) }, () => random.pick(language.sentences));
  const signature = random.next() < 0.4 ? `\n\n-- \n${name}\n+1 555 01${random.int(100).toString().padStart(2, '0')}` : '';
  return `${language.greeting}\n\n${sentences.join(' ')}\n\n${language.closing}\n${name}${signature}`;
}

export const quoted = (text: string) =>
  text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');

async function draftMail(random: Seeded, draft: Omit<MailDraft, 'html' | 'attachments' | 'headers'> & Partial<MailDraft>): Promise<Buffer> {
  const shape = random.next();
  const html = draft.html ?? (shape < 0.45 ? 'alternative' : shape < 0.55 ? 'only' : undefined);
  const attachments: MailDraft['attachments'] = draft.attachments ?? (random.next() < 0.12 ? [attachmentOf(random, draft.language)] : undefined);
  if (html && random.next() < 0.15) attachments?.push({ ...attachmentOf(random, draft.language, 'image/png', 6_000 + random.int(40_000)), inline: true });
  return composeMail({ ...draft, html, attachments, remoteImage: html && random.next() < 0.3 ? `https://track.example/o.gif?m=${random.int(1e9)}` : undefined });
}

/** Sizes as customers attach them: mostly tens of KB, some hundreds (a scanned invoice, a phone photo). */
function attachmentOf(random: Seeded, language: MailLanguage, type = random.next() < 0.5 ? 'application/pdf' : 'image/png', size = attachmentSize(random)) {
  const localized: Record<string, string> = { ja: '請求書', 'zh-CN': '发票', 'zh-TW': '發票', ko: '영수증', th: 'ใบเสร็จ', ru: 'квитанция', ar: 'فاتورة', de: 'Rechnung_März' };
  const stem = random.next() < 0.5 ? (localized[language.code] ?? 'invoice') : `scan_${random.int(100000)}`;
  const fill = (bytes: number) => random.bytes(bytes);
  return type === 'application/pdf'
    ? { filename: `${stem}.pdf`, contentType: type, content: pdfOf(size, fill, stem) }
    : { filename: `${stem}.png`, contentType: type, content: pngOf(size, fill) };
}

function attachmentSize(random: Seeded): number {
  const bucket = random.next();
  if (bucket < 0.6) return 5_000 + random.int(55_000);
  if (bucket < 0.9) return 60_000 + random.int(190_000);
  return 250_000 + random.int(650_000);
}

async function firstMail(random: Seeded, n: number, date: Date, thread: CorpusThread): Promise<CorpusMail> {
  const [, domain] = thread.customer.address.split('@');
  // About one first mail in 70 comes without a Message-ID (contact-form scripts, old programs).
  const messageId = random.next() < 0.015 ? null : messageIdOf(random, n, domain!);
  const text = bodyOf(random, thread.language, thread.customer.name);
  const raw = await draftMail(random, { language: thread.language, charset: thread.charset, from: thread.customer, to: `Support <${MAILBOX}>`, subject: thread.subject, date, messageId, text });
  if (messageId) thread.chain.push(messageId);
  thread.lastText = text;
  return { raw, messageId, subject: thread.subject, date, expected: { outcome: 'stored', thread: thread.label, root: true, kind: 'customer' } };
}

/** The customer writing again in their thread, or a colleague answering all: In-Reply-To and References, the last mail quoted. */
async function followUp(random: Seeded, n: number, date: Date, thread: CorpusThread): Promise<CorpusMail> {
  const colleague = random.next() < 0.15;
  const from = colleague ? { name: personName(random, thread.language), address: `colleague.${n.toString(36)}@${thread.customer.address.split('@')[1]}` } : thread.customer;
  const messageId = messageIdOf(random, n, from.address.split('@')[1]!);
  const text = `${bodyOf(random, thread.language, from.name)}\n\n${thread.language.wrote(thread.customer.name)}\n${quoted(thread.lastText)}`;
  const subject = `${thread.language.replyPrefix} ${thread.subject}`;
  const raw = await draftMail(random, {
    language: thread.language,
    charset: thread.charset,
    from,
    to: `Support <${MAILBOX}>`,
    cc: colleague ? thread.customer.address : undefined,
    subject,
    date,
    messageId,
    inReplyTo: thread.chain.at(-1),
    references: thread.chain.slice(-10),
    text,
  });
  thread.chain.push(messageId);
  thread.lastText = text;
  return { raw, messageId, subject, date, expected: { outcome: 'stored', thread: thread.label, root: false, kind: 'customer' } };
}

/** An out-of-office answering a mail of a thread (recorded in it), or one the relay never saw (dropped). */
async function autoReply(random: Seeded, n: number, date: Date, thread: CorpusThread | null): Promise<CorpusMail> {
  const language = thread?.language ?? random.pick(LANGUAGES);
  const name = personName(random, language);
  const domain = random.pick(language.domains);
  const messageId = messageIdOf(random, n, domain);
  const prefix: Record<string, string> = { ja: '自動返信', 'zh-CN': '自动回复', 'zh-TW': '自動回覆', ko: '자동 응답', th: 'ตอบกลับอัตโนมัติ', de: 'Abwesenheitsnotiz', fr: 'Réponse automatique', es: 'Respuesta automática' };
  const subject = `${prefix[language.code] ?? 'Automatic reply'}: ${thread?.subject ?? random.pick(language.subjects)}`;
  const answered = thread?.chain.at(-1) ?? `<${random.bytes(10).toString('hex')}@elsewhere.example>`;
  const raw = await draftMail(random, {
    language,
    charset: random.pick(language.charsets),
    from: { name, address: `${name.length}.${n}@${domain}` },
    to: `Support <${MAILBOX}>`,
    subject,
    date,
    messageId,
    inReplyTo: answered,
    references: [answered],
    text: `${language.greeting}\n\n${random.pick(language.sentences)}\n\n${language.closing}`,
    html: undefined,
    attachments: [],
    headers: random.next() < 0.7 ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' } : { 'X-Autoreply': 'yes', Precedence: 'auto_reply' },
  });
  if (thread) thread.chain.push(messageId);
  return { raw, messageId, subject, date, expected: thread ? { outcome: 'stored', thread: thread.label, root: false, kind: 'auto-reply' } : { outcome: 'dropped' } };
}

async function newsletter(random: Seeded, n: number, date: Date): Promise<CorpusMail> {
  const language = random.pick(LANGUAGES);
  const subject = `${random.pick(['Weekly deals', 'Ihre Vorteile diese Woche', '今週のおすすめ', '本周精选', 'Nouveautés de la saison'])} #${n}`;
  const messageId = `<news.${n}.${random.int(1e9)}@mailer.shop.example>`;
  const raw = await draftMail(random, {
    language,
    charset: random.pick(language.charsets),
    from: { name: 'Shop News', address: 'news@mailer.shop.example' },
    to: MAILBOX,
    subject,
    date,
    messageId,
    text: Array.from({ length: 6 }, () => random.pick(language.sentences)).join('\n\n'),
    html: 'alternative',
    attachments: [],
    headers: { 'List-Unsubscribe': `<https://mailer.shop.example/u/${n}>, <mailto:unsubscribe-${n}@mailer.shop.example>`, 'List-Id': 'Shop News <news.shop.example>', Precedence: 'bulk' },
  });
  return { raw, messageId, subject, date, expected: { outcome: 'dropped' } };
}

/** A delivery report about a mail the mailbox never sent (spam with a forged sender): nothing to mark. */
async function bounce(random: Seeded, n: number, date: Date): Promise<CorpusMail> {
  const messageId = `<dsn.${n}.${random.int(1e9)}@mx.elsewhere.example>`;
  const original = `<${random.bytes(8).toString('hex')}@forged.example>`;
  const report = [`Reporting-MTA: dns; mx.elsewhere.example`, '', `Final-Recipient: rfc822; nobody${n}@elsewhere.example`, 'Action: failed', 'Status: 5.1.1', 'Diagnostic-Code: smtp; 550 5.1.1 User unknown', ''].join('\r\n');
  const headers = [`From: ${MAILBOX}`, `To: nobody${n}@elsewhere.example`, `Message-ID: ${original}`, 'Subject: Cheap offer', ''].join('\r\n');
  const boundary = `dsn_${n}`;
  const raw = Buffer.from(
    [
      'From: Mail Delivery System <MAILER-DAEMON@mx.elsewhere.example>',
      `To: ${MAILBOX}`,
      'Subject: Undelivered Mail Returned to Sender',
      `Date: ${date.toUTCString().replace(/GMT$/, '+0000')}`,
      `Message-ID: ${messageId}`,
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'This is the mail system at host mx.elsewhere.example. Your message could not be delivered.',
      `--${boundary}`,
      'Content-Type: message/delivery-status',
      '',
      report,
      `--${boundary}`,
      'Content-Type: text/rfc822-headers',
      '',
      headers,
      `--${boundary}--`,
      '',
    ].join('\r\n'),
  );
  return { raw, messageId, subject: 'Undelivered Mail Returned to Sender', date, expected: { outcome: 'bounce' } };
}

/** A mail again: the same bytes (a client's resend), or with a Received line more (one more server on the way). */
function copyOf(mail: CorpusMail, date: Date): CorpusMail {
  const trace = Buffer.from(`Received: from mx2.acme.test by imap.acme.test; ${date.toUTCString().replace(/GMT$/, '+0000')}\r\n`);
  const raw = mail.messageId && mail.raw.length % 2 === 0 ? mail.raw : Buffer.concat([trace, mail.raw]);
  return { raw, messageId: mail.messageId, subject: mail.subject, date, expected: { outcome: 'duplicate' } };
}
