import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** A process of the app that ended abnormally: the inference process, the GPU process, a renderer... */
export const CrashEntry = z.object({
  at: z.number().int().nonnegative(),
  /** 'inference', 'renderer', 'GPU', 'Utility'... as Electron names the process. */
  process: z.string().max(100),
  /** Electron's reason ('crashed', 'oom', 'killed', 'launch-failed'...) or the exit code. */
  reason: z.string().max(200),
  exitCode: z.number().int().nullable(),
});
export type CrashEntry = z.infer<typeof CrashEntry>;

export const CRASH_LOG_FILE = 'crashes.log';

/** One JSON line per crash, appended: a crash while writing costs at most its own line. */
export function recordCrash(folder: string, entry: CrashEntry): void {
  mkdirSync(folder, { recursive: true });
  appendFileSync(path.join(folder, CRASH_LOG_FILE), `${JSON.stringify(CrashEntry.parse(entry))}\n`);
}

/** The newest crashes first; a line that cannot be read (cut by a crash, edited) is skipped. */
export function readCrashes(folder: string, limit = 50): CrashEntry[] {
  let text: string;
  try {
    text = readFileSync(path.join(folder, CRASH_LOG_FILE), 'utf8');
  } catch {
    return [];
  }
  const entries: CrashEntry[] = [];
  for (const line of text.split('\n').reverse()) {
    if (entries.length >= limit) break;
    const parsed = CrashEntry.safeParse(safeJson(line));
    if (parsed.success) entries.push(parsed.data);
  }
  return entries;
}

export interface CrashReportContext {
  appVersion: string;
  platform: string;
  /** Where Crashpad keeps the minidumps, for the user to attach. */
  dumpsFolder: string;
  /** The company's support address (WORKSTATION_SUPPORT_EMAIL); empty leaves "To" for the user. */
  to: string;
}

/** mailto: links longer than this are cut by some mail apps. */
const MAILTO_MAX = 1800;
const LISTED = 10;

/**
 * "Send report": a draft in the user's own mail app, which they read, attach the dumps to (or
 * not) and send themselves. Nothing leaves the computer without them.
 */
export function crashReportMail(crashes: readonly CrashEntry[], context: CrashReportContext): string {
  const lines = crashes.slice(0, LISTED).map((c) => `- ${new Date(c.at).toISOString()} ${c.process}: ${c.reason}${c.exitCode === null ? '' : ` (exit code ${c.exitCode})`}`);
  const body = [
    `Global Service Workstation ${context.appVersion} on ${context.platform}`,
    '',
    crashes.length ? 'Recent crashes:' : 'No crash was recorded.',
    ...lines,
    '',
    `Crash dumps, to attach if you want to: ${context.dumpsFolder}`,
    '',
    'What were you doing when it happened?',
  ].join('\n');
  const to = /^[^\s@<>()"',;:]+@[^\s@<>()"',;:]+$/.test(context.to) ? encodeURIComponent(context.to) : '';
  const subject = encodeURIComponent('Workstation crash report');
  let url = `mailto:${to}?subject=${subject}&body=${encodeURIComponent(body)}`;
  // Shorten from the end of the crash list rather than cut an escape sequence in half.
  for (let keep = lines.length - 1; url.length > MAILTO_MAX && keep >= 0; keep--) {
    url = crashReportMail(crashes.slice(0, keep), context);
  }
  return url;
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}
