import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMail } from '../../src-relay/email/parse-mail.js';
import { heapGrowthPercentFromEnv } from '../../src-relay/ops/heap-growth.js';
import { seedDatabase, testCore } from '../../src-relay/testing/test-relay.js';
import { CaptureSmtp } from '../email/capture-smtp.js';
import { connectMailbox, mailboxCredentials } from '../email/email-test-relay.js';
import { dovecotAvailable, startDovecot } from '../email/support/dovecot.js';
import { openMailbox } from '../email/support/mail-writer.js';
import { AgentDesk } from './support/agent-desk.js';
import { stopChild } from './support/children.js';
import { replayFixtures } from './support/fixture-replay.js';
import { generateCorpus, type CorpusThread } from './support/mail-corpus.js';
import { checkCorpus, folderProgress, replyTokens, storedMails, StoredIndex, type AppendedMail } from './support/mail-outcomes.js';
import { PeakMemory } from './support/peak-memory.js';
import { ensureRelayBuilt, spawnRelayScript } from './support/relay-child.js';
import { cpuSecondsOf, onCleanup, runBench } from './support/run-guard.js';
import { writeFallbackAnswers } from './support/thread-fallbacks.js';

/**
 * `npm run bench -- email`: a mailbox's first IMAP import, end to end. A throwaway Dovecot's
 * INBOX is filled (IMAP APPEND, before the relay starts) with BENCH_MAILS generated mails
 * (support/mail-corpus.ts: twelve languages in their charsets, QP and base64, RFC 2047/2231
 * headers, attachments up to ~900 KB, threads, auto-replies, newsletters, bounces, copies), all
 * within the first connection's import window. One relay (its own child process, a fresh SQLite
 * file) with that mailbox connected imports them; the import is timed from the relay's start to
 * the last mail stored. Then, with the relay watching (IDLE): answers that only the relay's own
 * names thread (our Message-ID after an agent's reply, the reply address, the subject tag), and
 * the fixtures of tests/email/fixtures in the order of their expected.json. Last, with the relay
 * stopped, every mail is checked against the database (lost, duplicated, the conversation each
 * joined), and parseMail is timed over the same raw mails in this process. Last line: one JSON object.
 *
 * The relay runs compiled, in plain node, as deployed (BENCH_RELAY_RUNNER=tsx runs it from source
 * under tsx, as the other benches do: some 60 MB more of resident memory, tsx's own).
 * BENCH_MAILS and BENCH_FALLBACKS (answers of each fallback kind) change the size (for
 * development); BENCH_DB_DIR puts the database elsewhere (e.g. on a tmpfs, to see the disk's share).
 */

const envInt = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
};
const MAILS = envInt('BENCH_MAILS', 10_000);
/** `built` (the default): the relay compiled and run by plain node, as deployed; `tsx`: from source, as the other benches run it. */
const RUNNER = process.env.BENCH_RELAY_RUNNER ?? 'built';
if (RUNNER !== 'built' && RUNNER !== 'tsx') throw new Error('BENCH_RELAY_RUNNER is built or tsx');
const FALLBACKS = envInt('BENCH_FALLBACKS', 100);
const SEED = 20261206;
const WATCHDOG_MS = 30 * 60_000;
const IMPORT_TIMEOUT_MS = 15 * 60_000;

const benchStart = performance.now();
const log = (line: string): void => console.log(`[bench +${Math.round((performance.now() - benchStart) / 1000)} s] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;

async function main(): Promise<Record<string, unknown>> {
  if (!dovecotAvailable()) throw new Error('the email benchmark needs Dovecot (apt-get install dovecot-imapd)');
  const dir = mkdtempSync(path.join(process.env.BENCH_DB_DIR ?? tmpdir(), 'bench-email-'));
  const removeDir = onCleanup(async () => rmSync(dir, { recursive: true, force: true }));
  const corpusDir = path.join(dir, 'corpus');
  mkdirSync(corpusDir);
  const dbPath = path.join(dir, 'email.db');
  const dovecot = await startDovecot();
  const stopDovecot = onCleanup(() => dovecot.stop());
  const capture = await CaptureSmtp.start();
  let writer = await openMailbox(dovecot);
  let relay: Awaited<ReturnType<typeof spawnRelayScript>> | null = null;
  let desk: AgentDesk | null = null;
  try {
    // 1. The mailbox, as it stands when the company connects it.
    const threads: CorpusThread[] = [];
    const appended: (AppendedMail & { file: string })[] = [];
    let bytes = 0;
    let lastUid = 0;
    const appendStart = performance.now();
    for await (const mail of generateCorpus(MAILS, SEED, Date.now(), threads)) {
      const file = path.join(corpusDir, `${appended.length}.eml`);
      writeFileSync(file, mail.raw);
      const done = await writer.append('INBOX', mail.raw, [], mail.date);
      if (!done || !done.uid) throw new Error(`Dovecot refused mail ${appended.length}`);
      lastUid = done.uid;
      bytes += mail.raw.length;
      appended.push({ messageId: mail.messageId, subject: mail.subject, expected: mail.expected, file });
      if (appended.length % 2000 === 0) log(`${appended.length} mails written and appended`);
    }
    const outcomes = countBy(appended.map((mail) => mail.expected.outcome));
    log(`${appended.length} mails (${round(bytes / 1e6)} MB; ${JSON.stringify(outcomes)}) appended in ${round((performance.now() - appendStart) / 1000)} s`);

    // 2. The relay's database: Acme, its mailbox connected with that INBOX as IMAP.
    await seedDatabase(dbPath);
    const core = testCore(dbPath);
    const imap = { imapHost: dovecot.host, imapPort: String(dovecot.port), imapSecurity: 'none', imapUser: dovecot.user, imapPassword: dovecot.password, directDelivery: 'off' };
    const secretsKey = randomBytes(32);
    await connectMailbox(core, mailboxCredentials(capture.port, imap), secretsKey);
    await core.store.close();

    // 3. The import.
    let startedAt = 0;
    if (RUNNER === 'built') ensureRelayBuilt();
    const script = path.join(path.dirname(fileURLToPath(import.meta.url)), `support/email-relay-process.${RUNNER === 'built' ? 'mjs' : 'ts'}`);
    relay = await spawnRelayScript(script, [dbPath, secretsKey.toString('hex')], (line) => {
      const match = /^STARTING (\d+)/.exec(line);
      if (match) startedAt = Number(match[1]);
    });
    const pid = relay.child.pid!;
    const memory = new PeakMemory(pid);
    const cpuAtStart = cpuSecondsOf([pid]);
    log(`relay at ${relay.url} (pid ${pid}) importing ${lastUid} UIDs from Dovecot on port ${dovecot.port}`);
    const waitForUid = (uid: number, timeoutMs = 60_000) => waitUntil(() => (folderProgress(dbPath)?.lastUid ?? 0) >= uid && folderProgress(dbPath)?.importing === false, timeoutMs, `the watcher to pass UID ${uid}`);
    await waitForUid(lastUid, IMPORT_TIMEOUT_MS);
    const importCpu = (cpuSecondsOf([pid]) ?? 0) - (cpuAtStart ?? 0);
    const importRssMb = memory.peakMb();
    const bulk = checkCorpus(appended, new StoredIndex(storedMails(dbPath)));
    const importSeconds = ((bulk.lastStoredAt ?? startedAt) - startedAt) / 1000;
    log(
      `import: ${bulk.stored} of ${bulk.expectedStored} expected stored in ${round(importSeconds, 1)} s (${round(bulk.stored / importSeconds)}/s; ` +
        `${round(appended.length / importSeconds)} mails read/s), relay peak RSS ${importRssMb} MB, relay CPU ${round(importCpu, 1)} s`,
    );

    // 4. Answers threaded by our own names, then the fixtures, with the relay watching.
    // A fresh connection: the first sat idle through the import, and imapflow closes a connection
    // quiet for 5 minutes, which an import on a busy machine outlasts.
    await writer.logout().catch(() => undefined);
    writer = await openMailbox(dovecot);
    desk = await AgentDesk.signIn(relay.url, 'ann@acme.test');
    const fallbacks = await writeFallbackAnswers({ threads, stored: new StoredIndex(storedMails(dbPath)), tokens: replyTokens(dbPath), desk, perKind: FALLBACKS, seed: SEED + 1, now: Date.now() });
    for (const mail of fallbacks) {
      const done = await writer.append('INBOX', mail.raw, [], mail.date);
      lastUid = done && done.uid ? done.uid : lastUid;
    }
    await waitForUid(lastUid);
    log(`${fallbacks.length} answers by our Message-ID, reply address and subject tag read`);
    const fixtures = await replayFixtures({ dbPath, writer, desk, waitForUid: (uid) => waitForUid(uid) });
    log(`fixtures: ${fixtures.outcomesRight}/${fixtures.mailSteps} outcomes right, ${fixtures.threadsRight}/${fixtures.threadSteps} threads right ${fixtures.failures.join(' | ')}`);
    desk.close();
    desk = null;
    await stopChild(relay.child);
    const peakRssMb = memory.peakMb();
    memory.stop();

    // 5. Everything against the database, and the parse time of each raw mail.
    const stored = new StoredIndex(storedMails(dbPath));
    const all = checkCorpus([...appended, ...fallbacks], stored);
    const answers = checkCorpus([...appended.filter((mail) => mail.expected.outcome === 'stored' && mail.expected.root), ...fallbacks], stored);
    log(`all generated mails: ${all.lost} lost, ${all.duplicates} duplicated, ${all.storedWrongly} stored though they should not be, ${all.wrongKind} of the wrong kind; ${all.misthreaded.join(' | ')}`);
    const parse = await timeParsing(appended.map((mail) => mail.file));
    log(`parseMail over the same ${appended.length} raw mails, in this process: p50 ${parse.percentile(50)} ms, p99 ${parse.percentile(99)} ms, max ${parse.max()} ms`);

    return {
      mails_appended: appended.length,
      mailbox_mb: round(bytes / 1e6),
      expected_stored: bulk.expectedStored,
      stored: bulk.stored,
      imap_import_per_s: round(bulk.stored / importSeconds),
      imap_mails_read_per_s: round(appended.length / importSeconds),
      import_seconds: round(importSeconds, 1),
      parse_p50_ms: parse.percentile(50),
      parse_p99_ms: parse.percentile(99),
      parse_max_ms: parse.max(),
      parse_measured: 'parseMail in the bench process, over the same raw mails, after the import',
      threading_accuracy: fixtures.threadSteps === 0 ? null : round(fixtures.threadsRight / fixtures.threadSteps, 4),
      threading_accuracy_fixtures_with_headers: fixtures.withHeaders === 0 ? null : round(fixtures.withHeadersRight / fixtures.withHeaders, 4),
      fixture_thread_steps: fixtures.threadSteps,
      fixture_with_headers: fixtures.withHeaders,
      fixture_outcomes_right: `${fixtures.outcomesRight}/${fixtures.mailSteps}`,
      threading_accuracy_generated: all.threadingAccuracy,
      threading_accuracy_generated_import: bulk.threadingAccuracy,
      threading_accuracy_generated_fallbacks: answers.threadingAccuracy,
      generated_threaded_mails: all.threadedMails,
      lost: all.lost,
      duplicates: all.duplicates,
      stored_wrongly: all.storedWrongly,
      wrong_kind: all.wrongKind,
      relay_peak_rss_mb: peakRssMb,
      relay_import_peak_rss_mb: importRssMb,
      relay_import_cpu_s: round(importCpu, 1),
      relay_cpu_ms_per_mail: round((importCpu * 1000) / appended.length, 2),
      relay_runner: RUNNER,
      relay_heap_growth_percent: heapGrowthPercentFromEnv(process.env),
      relay_node_flags: process.env.BENCH_RELAY_NODE_FLAGS ?? '',
      cores: availableParallelism(),
      load_average_1m: round(loadavg()[0]!, 2),
    };
  } finally {
    desk?.close();
    await stopChild(relay?.child ?? null);
    await writer.logout().catch(() => undefined);
    await capture.close();
    await stopDovecot();
    await removeDir();
  }
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

async function waitUntil(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** parseMail over each file, one at a time, each timed (to 0.1 ms); a first pass of 50 warms the parser's code. */
async function timeParsing(files: readonly string[]): Promise<{ percentile(p: number): number; max(): number }> {
  for (const file of files.slice(0, 50)) await parseMail(readFileSync(file));
  const times: number[] = [];
  for (const file of files) {
    const raw = readFileSync(file);
    const start = performance.now();
    await parseMail(raw);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    percentile: (p) => round(times[Math.max(0, Math.ceil((p / 100) * times.length) - 1)] ?? 0, 1),
    max: () => round(times.at(-1) ?? 0, 1),
  };
}

await runBench(main, WATCHDOG_MS, benchStart);
