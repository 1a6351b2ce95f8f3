import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { app, crashReporter, shell } from 'electron';
import { CRASH_LOG_FILE, crashReportMail, readCrashes, recordCrash } from '../desktop/crash-log.js';

/** Where our crash list lives; Crashpad's minidumps are in app.getPath('crashDumps'). */
function crashFolder(): string {
  return path.join(app.getPath('userData'), 'crash-reports');
}

/**
 * Crash reports stay on this computer: Crashpad writes minidumps locally and uploads nothing,
 * and every process that ends abnormally (the inference process, a renderer, the GPU process)
 * is listed in crash-reports/crashes.log. Called before 'ready', so Crashpad sees early crashes.
 */
export function keepCrashReportsLocally(log: (message: string, error?: unknown) => void): void {
  crashReporter.start({ uploadToServer: false, compress: true });
  const keep = (process: string, reason: string, exitCode: number | null) => {
    try {
      recordCrash(crashFolder(), { at: Date.now(), process: process.slice(0, 100), reason: reason.slice(0, 200), exitCode });
    } catch (error) {
      log('A crash could not be recorded.', error);
    }
    log(`${process} ended: ${reason}${exitCode === null ? '' : ` (exit code ${exitCode})`}`);
  };
  // The inference process is a utility process: its crash arrives here, named by its serviceName.
  app.on('child-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit') keep(details.name ?? details.serviceName ?? details.type, details.reason, details.exitCode);
  });
  app.on('render-process-gone', (_event, _contents, details) => {
    if (details.reason !== 'clean-exit') keep('renderer', details.reason, details.exitCode);
  });
}

/** Shows the crash list in the file manager, for the user to look at or send. */
export function showCrashReports(): void {
  const folder = crashFolder();
  // showItemInFolder needs a file to point at, even before the first crash.
  mkdirSync(folder, { recursive: true });
  appendFileSync(path.join(folder, CRASH_LOG_FILE), '');
  shell.showItemInFolder(path.join(folder, CRASH_LOG_FILE));
}

/** "Send a crash report…": a draft in the user's mail app; they attach the dumps if they wish, and send it. */
export function draftCrashReport(log: (message: string, error?: unknown) => void): void {
  const url = crashReportMail(readCrashes(crashFolder()), {
    appVersion: app.getVersion(),
    platform: `${process.platform} ${process.arch}`,
    dumpsFolder: app.getPath('crashDumps'),
    to: process.env.WORKSTATION_SUPPORT_EMAIL ?? '',
  });
  shell.openExternal(url).catch((error: unknown) => log('No mail app could open the crash report.', error));
}
