import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImapFlow } from 'imapflow';
import { outboundMessageId, subjectTag } from '../../../src-relay/channels/email/email-identifiers.js';
import { parseMail } from '../../../src-relay/email/parse-mail.js';
import type { AgentDesk } from './agent-desk.js';
import { readDatabase, storedMails, type StoredMail } from './mail-outcomes.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../email/fixtures');

/** A step of tests/email/fixtures/expected.json, as far as the bench checks it. */
interface FixtureStep {
  mail?: string;
  outcome?: string;
  thread?: string;
  threadedBy?: string;
  reply?: string;
  resolve?: string;
  received?: string;
}

export interface FixtureReplay {
  /** Mail steps whose outcome (stored, duplicate, dropped, bounce) was the expected one. */
  outcomesRight: number;
  mailSteps: number;
  /** Stored mails that joined the expected conversation (or opened a new one when expected). */
  threadsRight: number;
  threadSteps: number;
  /** The same, over the mails that carry In-Reply-To or References. */
  withHeadersRight: number;
  withHeaders: number;
  failures: string[];
}

/**
 * The fixtures through the running relay, as its IMAP intake reads them: each mail appended to
 * the INBOX in the order of expected.json and waited for (until the watcher's stored UID passes
 * it), the agent's replies and resolutions pushed through `desk` between them. Checks the
 * outcome of each and the conversation each stored mail joined, against expected.json.
 */
export async function replayFixtures(options: { dbPath: string; writer: ImapFlow; desk: AgentDesk; waitForUid: (uid: number) => Promise<void> }): Promise<FixtureReplay> {
  const { steps } = JSON.parse(readFileSync(path.join(fixtures, 'expected.json'), 'utf8')) as { steps: FixtureStep[] };
  const threads = new Map<string, string>();
  const replies = new Map<string, string>();
  const result: FixtureReplay = { outcomesRight: 0, mailSteps: 0, threadsRight: 0, threadSteps: 0, withHeadersRight: 0, withHeaders: 0, failures: [] };
  const fail = (what: string) => result.failures.push(what);

  for (const step of steps) {
    if (step.reply) {
      const messageId = randomUUID();
      await options.desk.push({ kind: 'reply.send', conversationId: threads.get(step.reply) ?? '', messageId, body: 'Reply from the bench agent.' });
      if (!replies.has(step.reply)) replies.set(step.reply, messageId);
      continue;
    }
    if (step.resolve) {
      await options.desk.push({ kind: 'conversation.setStatus', conversationId: threads.get(step.resolve) ?? '', status: 'resolved' });
      continue;
    }
    const bytes = filledFixture(step.mail ?? '', options.dbPath, threads, replies);
    const raw = step.received ? Buffer.concat([Buffer.from(`${step.received}\r\n`), bytes]) : bytes;
    const mail = await parseMail(raw);
    const before = matching(storedMails(options.dbPath), mail.messageId, mail.subject).length;
    const appended = await options.writer.append('INBOX', raw, [], new Date());
    if (!appended || !appended.uid) throw new Error(`Dovecot refused ${step.mail}`);
    await options.waitForUid(appended.uid);
    const rows = matching(storedMails(options.dbPath), mail.messageId, mail.subject);
    result.mailSteps++;
    const added = rows.slice(before);
    const outcomeRight = step.outcome === 'stored' ? added.length === 1 : added.length === 0 && (step.outcome !== 'duplicate' || rows.length === 1);
    if (outcomeRight) result.outcomesRight++;
    else fail(`${step.mail}: expected ${step.outcome}, ${added.length} stored now, ${rows.length} in all`);
    if (step.outcome !== 'stored') continue;
    const conversationId = added[0]?.conversationId ?? null;
    const expectedNew = step.threadedBy === 'new';
    const right = conversationId !== null && (expectedNew ? ![...threads.values()].includes(conversationId) : threads.get(step.thread ?? '') === conversationId);
    if (expectedNew && conversationId) threads.set(step.thread ?? '', conversationId);
    const carriesHeaders = mail.inReplyTo !== null || mail.references.length > 0;
    result.threadSteps++;
    if (carriesHeaders) result.withHeaders++;
    if (right) {
      result.threadsRight++;
      if (carriesHeaders) result.withHeadersRight++;
    } else fail(`${step.mail}: expected thread ${step.thread} (${step.threadedBy}), joined ${conversationId ?? 'nothing'}`);
  }
  return result;
}

/** The fixture's bytes with its placeholders filled in, as fixtures.test.ts fills them. */
function filledFixture(name: string, dbPath: string, threads: ReadonlyMap<string, string>, replies: ReadonlyMap<string, string>): Buffer {
  let text = readFileSync(path.join(fixtures, name)).toString('latin1');
  text = text.replace(/\{\{sent:(T\d+)\}\}/g, (_, label: string) => outboundMessageId(replies.get(label) ?? randomUUID(), 'acme.test'));
  const tokens = readDatabase(dbPath, (db) => db.prepare('SELECT conversation_id AS id, reply_token AS token FROM email_threads').all() as { id: string; token: string }[]);
  for (const [label, conversationId] of threads) {
    const token = tokens.find((row) => row.id === conversationId)?.token;
    if (token) text = text.replaceAll(`support+{{token:${label}}}`, `support+${token}`).replaceAll(`[#{{tag:${label}}}]`, subjectTag(token));
  }
  return Buffer.from(text, 'latin1');
}

/** The stored rows of one mail: by Message-ID, or (without one) by subject among the mails without. */
function matching(stored: readonly StoredMail[], messageId: string | null, subject: string): StoredMail[] {
  return stored.filter((row) => (messageId ? row.headerMessageId === messageId : row.headerMessageId === null && row.subject === subject.slice(0, 1000)));
}
