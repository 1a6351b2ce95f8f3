import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { MailParserPool, MailParserPoolClosed, UnreadableMail } from './mail-parser-pool.js';

const pools: MailParserPool[] = [];
const poolOf = (options: ConstructorParameters<typeof MailParserPool>[0]) => {
  const pool = new MailParserPool(options);
  pools.push(pool);
  return pool;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

const plain = (n: number) => Buffer.from([`From: Kim <kim@example.com>`, `Subject: question ${n}`, `Message-ID: <q-${n}@example.com>`, 'Content-Type: text/plain; charset=utf-8', '', `Question number ${n}.`, ''].join('\r\n'));

/** One HTML part of some 6 MB: reading it takes far more than 16 MB of heap (its text, decoded and sanitized). */
const heavy = Buffer.from(['From: a@example.com', 'Subject: heavy', 'Content-Type: text/html; charset=utf-8', '', `<p>${'words and more words '.repeat(300_000)}</p>`, ''].join('\r\n'));

describe('MailParserPool', () => {
  it('reads a mail on a thread as parseMail does: its charset, and its file bytes handed back whole', async () => {
    const pool = poolOf({ threads: 1 });
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(70_000, 0x41)]);
    const subject = iconv.encode('請求書について', 'Shift_JIS').toString('base64');
    const raw = Buffer.from(
      [
        'From: =?UTF-8?B?5bGx55Sw?= <yamada@example.jp>',
        `Subject: =?Shift_JIS?B?${subject}?=`,
        'Message-ID: <invoice@example.jp>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain; charset=utf-8',
        '',
        '添付をご確認ください。',
        '--b',
        'Content-Type: application/pdf; name="invoice.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        pdf.toString('base64'),
        '--b',
        'Content-Type: image/gif; name="dot.gif"',
        'Content-Transfer-Encoding: base64',
        '',
        'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7',
        '--b--',
        '',
      ].join('\r\n'),
    );
    const mail = await pool.parse(raw);
    expect(mail).toMatchObject({ messageId: '<invoice@example.jp>', subject: '請求書について', from: { address: 'yamada@example.jp', name: '山田' } });
    expect(mail.text.trim()).toBe('添付をご確認ください。');
    expect(mail.files.map((file) => file.name)).toEqual(['invoice.pdf', 'dot.gif']);
    expect(Buffer.isBuffer(mail.files[0]!.content) && mail.files[0]!.content.equals(pdf)).toBe(true);
    // A file small enough to sit in Node's shared buffer pool in the thread arrives as its own bytes.
    expect(mail.files[1]!.content.toString('base64')).toBe('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7');
    expect(mail.headers.get('message-id')).toBe('<invoice@example.jp>');
  });

  it('reads mails in the order asked, on as many threads as it may start', async () => {
    const pool = poolOf({ threads: 2 });
    const mails = await Promise.all([1, 2, 3, 4, 5].map((n) => pool.parse(plain(n))));
    expect(mails.map((mail) => mail.subject)).toEqual(['question 1', 'question 2', 'question 3', 'question 4', 'question 5']);
    expect(pool.threadCount).toBe(2);
  });

  it('makes a mail that runs its thread out of memory unreadable, with why, after a second thread; the mails around it are read', async () => {
    const pool = poolOf({ threads: 1, heapMb: 16 });
    const outcomes = await Promise.allSettled([pool.parse(plain(1)), pool.parse(heavy), pool.parse(plain(2))]);
    expect(outcomes[0]).toMatchObject({ status: 'fulfilled', value: { subject: 'question 1' } });
    expect(outcomes[2]).toMatchObject({ status: 'fulfilled', value: { subject: 'question 2' } });
    const failed = outcomes[1];
    if (failed?.status !== 'rejected') throw new Error('the heavy mail was read');
    expect(failed.reason).toBeInstanceOf(UnreadableMail);
    expect((failed.reason as Error).message).toBe("The mail could not be read: reading it needs more than the parser's 16 MB of memory.");
  });

  it('makes a mail that takes longer than its time unreadable', async () => {
    const pool = poolOf({ threads: 1, timeoutMs: 1 });
    await expect(pool.parse(plain(1))).rejects.toThrow(new UnreadableMail('The mail could not be read: reading it took longer than 0 s.'));
  });

  it('answers a mail under way or queued when it closes as not read (the relay stopping), never as unreadable', async () => {
    const pool = poolOf({ threads: 1 });
    const asked = Promise.allSettled([pool.parse(heavy), pool.parse(plain(1))]);
    await pool.close();
    for (const outcome of await asked) expect(outcome).toMatchObject({ status: 'rejected', reason: expect.any(MailParserPoolClosed) });
    await expect(pool.parse(plain(2))).rejects.toBeInstanceOf(MailParserPoolClosed);
    expect(pool.threadCount).toBe(0);
  });

  it('moves handed-over bytes to the thread (the Buffer given is left empty), and copies a slice of a shared buffer', async () => {
    const pool = poolOf({ threads: 1 });
    const own = Buffer.concat([plain(7), Buffer.alloc(8192, 0x20)]);
    const shared = plain(8);
    const before = Buffer.from(shared);
    const mails = await Promise.all([pool.parse(own, { handOver: true }), pool.parse(shared, { handOver: true })]);
    expect(mails.map((mail) => mail.subject)).toEqual(['question 7', 'question 8']);
    expect(own.byteLength).toBe(0);
    expect(shared.equals(before)).toBe(true);
  });

  it('lets an idle thread stop, and starts another for the next mail', async () => {
    const pool = poolOf({ threads: 1, idleMs: 50 });
    expect((await pool.parse(plain(1))).subject).toBe('question 1');
    await expect.poll(() => pool.threadCount, { timeout: 5000 }).toBe(0);
    expect((await pool.parse(plain(2))).subject).toBe('question 2');
  });
});
