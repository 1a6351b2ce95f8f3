import { ImapFlow } from 'imapflow';
import type { DovecotUser } from './dovecot.js';

/** A client of the test's own, putting mail in and changing folders as the mail server's other users would. */
export async function openMailbox(server: DovecotUser): Promise<ImapFlow> {
  const client = new ImapFlow({ host: server.host, port: server.port, secure: false, auth: { user: server.user, pass: server.password }, logger: false });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** A small mail with its own Message-ID, received at `date` (the IMAP internal date SEARCH SINCE reads). */
export function mailOf(n: number, date = new Date()): { raw: string; messageId: string; date: Date } {
  const messageId = `<mail-${n}@customer.example>`;
  const raw = [
    'From: Kim <kim@customer.example>',
    'To: support@acme.example',
    `Subject: Question ${n}`,
    `Message-ID: ${messageId}`,
    `Date: ${date.toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Question number ${n}.`,
    '',
  ].join('\r\n');
  return { raw, messageId, date };
}

/** Appends mails to a folder, as a mail server's delivery would; answers each one's Message-ID. */
export async function appendMails(client: ImapFlow, folder: string, numbers: readonly number[], date?: Date): Promise<string[]> {
  const ids: string[] = [];
  for (const n of numbers) {
    const mail = mailOf(n, date);
    const appended = await client.append(folder, mail.raw, [], mail.date);
    if (!appended) throw new Error(`Dovecot refused to append mail ${n} to ${folder}`);
    ids.push(mail.messageId);
  }
  return ids;
}

/**
 * Deletes and recreates a folder: Dovecot gives the new one another UIDVALIDITY, as a server
 * does after a restore or a migration, and every UID starts again from 1.
 */
export async function recreateFolder(client: ImapFlow, folder: string): Promise<void> {
  await client.mailboxDelete(folder);
  await client.mailboxCreate(folder);
}

/** The folder's UIDVALIDITY as the server reports it now. */
export async function uidValidityOf(client: ImapFlow, folder: string): Promise<number> {
  const status = await client.status(folder, { uidValidity: true });
  if (!status || status.uidValidity === undefined) throw new Error(`No status for ${folder}`);
  return Number(status.uidValidity);
}

/** How many messages the folder holds now. */
export async function messageCount(client: ImapFlow, folder: string): Promise<number> {
  const status = await client.status(folder, { messages: true });
  if (!status || status.messages === undefined) throw new Error(`No status for ${folder}`);
  return status.messages;
}
