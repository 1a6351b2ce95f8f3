import { PassThrough, type Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { ZipFile } from 'yazl';
import type { FileStore } from '../files/file-store.js';
import { spreadsheetSafe } from '../../src-shared/domain/spreadsheet-cells.js';
import type { CustomerRecord } from './customer-record.js';

/**
 * One customer's bundle (docs/privacy.md, "Export"): a zip with a README, each part as JSON
 * (complete, for machines) and CSV (flat, for people and spreadsheets), and the attachments'
 * bytes. Written with yazl, which streams: the attachments go from the file store into the zip
 * without being held in memory.
 */
export function bundleOf(record: CustomerRecord, files: FileStore, madeAt: number, reportError: (where: string, error: unknown) => void): Readable {
  const zip = new ZipFile();
  const mtime = new Date(madeAt);
  const text = (name: string, content: string) => zip.addBuffer(Buffer.from(content, 'utf8'), name, { mtime });
  const part = (name: string, json: unknown, header: string[], rows: unknown[][]) => {
    text(`${name}.json`, `${JSON.stringify(json, null, 2)}\n`);
    text(`${name}.csv`, stringify([header, ...rows.map((row) => row.map(spreadsheetSafe))]));
  };
  text('README.txt', readme(record, madeAt));
  part('profile', { customers: record.customers, identities: record.identities }, ['customer_id', 'name', 'language', 'market', 'created_at', 'identity_kind', 'identity_value', 'verified'], profileRows(record));
  part('conversations', record.conversations, ['id', 'channel', 'status', 'language', 'market', 'created_at', 'last_message_at'], record.conversations.map((c) => [c.id, c.channel, c.status, c.language, c.market ?? '', iso(c.createdAt), iso(c.lastMessageAt)]));
  part(
    'messages',
    record.messages,
    ['id', 'conversation_id', 'created_at', 'author', 'author_name', 'text_as_sent', 'original_text', 'original_language', 'attachments'],
    record.messages.map((m) => [m.id, m.conversationId, iso(m.createdAt), m.author, m.authorName, m.body, m.original?.body ?? '', m.original?.language ?? '', (m.attachments ?? []).map((a) => a.name).join('; ')]),
  );
  part(
    'call_logs',
    record.calls.map((m) => ({ id: m.id, conversationId: m.conversationId, ...m.call })),
    ['id', 'conversation_id', 'provider', 'direction', 'remote', 'started_at', 'answered_at', 'ended_at', 'end', 'wrap_up_code'],
    record.calls.flatMap((m) => (m.call ? [[m.id, m.conversationId, m.call.provider, m.call.direction, m.call.remote, iso(m.call.startedAt), m.call.answeredAt === null ? '' : iso(m.call.answeredAt), iso(m.call.endedAt), m.call.end, m.call.wrapUpCode ?? '']] : [])),
  );
  part('ratings', record.ratings, ['conversation_id', 'score', 'comment', 'rated_at', 'channel'], record.ratings.map((r) => [r.conversationId, r.score, r.comment ?? '', iso(r.ratedAt), r.channel]));
  part('audit', record.audit, ['seq', 'at', 'actor_id', 'action', 'target_type', 'target_id', 'hash'], record.audit.map((e) => [e.seq, iso(e.at), e.actorId ?? '', e.action, e.target?.type ?? '', e.target?.id ?? '', e.hash]));
  part('attachments', record.attachments.map((a) => ({ ...a, path: attachmentPath(a) })), ['file_id', 'name', 'media_type', 'size', 'path'], record.attachments.map((a) => [a.fileId, a.name, a.mediaType, a.size, attachmentPath(a)]));
  const out = new PassThrough();
  zip.outputStream.pipe(out);
  void addAttachments(zip, record, files, mtime)
    .catch((error: unknown) => {
      reportError('privacy export', error);
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    })
    .finally(() => zip.end());
  return out;
}

/** One after another, so that one file is open at a time; a file the store lost is named in its place. */
async function addAttachments(zip: ZipFile, record: CustomerRecord, files: FileStore, mtime: Date): Promise<void> {
  for (const attachment of record.attachments) {
    const content = await files.get(attachment.fileId);
    if (!content) {
      zip.addBuffer(Buffer.from(`The relay no longer holds this file (${attachment.name}).\n`), `${attachmentPath(attachment)}.missing.txt`, { mtime });
      continue;
    }
    zip.addReadStream(content.body, attachmentPath(attachment), { mtime, size: content.size });
    await new Promise<void>((resolve, reject) => {
      content.body.once('end', resolve).once('close', resolve).once('error', reject);
    });
  }
}

/** Inside `attachments/`, by the first letters of its hash (unique) and its name, with nothing that could climb out of the folder. */
export function attachmentPath(attachment: { fileId: string; name: string }): string {
  const name = [...attachment.name].map((c) => (c.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('').replace(/^\.+/, '_').slice(0, 120);
  return `attachments/${attachment.fileId.slice(0, 16)}-${name}`;
}

function profileRows(record: CustomerRecord): unknown[][] {
  return record.customers.flatMap((c) => {
    const base = [c.id, c.name, c.language, c.market ?? '', iso(c.createdAt)];
    const held = record.identities.filter((i) => i.customerId === c.id);
    return held.length === 0 ? [[...base, '', '', '']] : held.map(({ identity }) => [...base, identity.kind, identity.value, identity.verified]);
  });
}

function readme(record: CustomerRecord, madeAt: number): string {
  const name = record.customers[0]?.name ?? '';
  return [
    `Personal data held about ${name}`,
    `Made ${iso(madeAt)} by the support desk's relay, for an access or portability request.`,
    '',
    'Each part comes twice: as JSON (complete, for other systems) and as CSV (for a spreadsheet). Times are UTC (ISO 8601).',
    '',
    `profile        the customer record and the identities (phones, emails, messaging accounts) known for it: ${record.customers.length} record(s), ${record.identities.length} identities`,
    `conversations  every conversation: ${record.conversations.length}`,
    `messages       what was written, as sent, with the original text and its language where a reply was translated: ${record.messages.length}`,
    `call_logs      calls: ${record.calls.length}`,
    `ratings        satisfaction ratings given: ${record.ratings.length}`,
    `audit          entries of the company's audit log about this customer, their conversations and their privacy requests: ${record.audit.length}`,
    `attachments    files shared in the conversations (listed in attachments.csv, bytes in the attachments folder): ${record.attachments.length}`,
    '',
    "Not included: agents' internal notes, which are the company's working notes and may name other people; the company's privacy team decides whether they are due.",
    '',
  ].join('\n');
}

function iso(at: number): string {
  return new Date(at).toISOString();
}
