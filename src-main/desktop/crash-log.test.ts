import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CRASH_LOG_FILE, crashReportMail, readCrashes, recordCrash, type CrashEntry } from './crash-log.js';

const context = { appVersion: '0.1.0', platform: 'win32 x64', dumpsFolder: 'C:\\Users\\mei\\AppData\\Roaming\\Workstation\\Crashpad', to: 'support@acme.test' };

describe('crash log', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'crash-log-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('keeps crashes across runs, newest first, skipping a cut line', () => {
    expect(readCrashes(folder)).toEqual([]);
    recordCrash(folder, { at: 1_000, process: 'inference', reason: 'crashed', exitCode: 134 });
    appendFileSync(path.join(folder, CRASH_LOG_FILE), '{"at": 2000, "proc');
    appendFileSync(path.join(folder, CRASH_LOG_FILE), '\n');
    recordCrash(folder, { at: 3_000, process: 'GPU', reason: 'oom', exitCode: null });
    expect(readCrashes(folder).map((c) => c.at)).toEqual([3_000, 1_000]);
    expect(readCrashes(folder, 1).map((c) => c.at)).toEqual([3_000]);
  });

  it('refuses to record what it could not read back', () => {
    expect(() => recordCrash(folder, { at: -1, process: 'x', reason: 'y', exitCode: null })).toThrow();
  });
});

describe('crashReportMail', () => {
  const crash: CrashEntry = { at: Date.UTC(2026, 11, 6, 9, 30), process: 'inference', reason: 'crashed', exitCode: 134 };

  it('drafts a mail to support that lists the crashes and where the dumps are', () => {
    const url = new URL(crashReportMail([crash], context));
    expect(url.protocol).toBe('mailto:');
    expect(url.pathname).toBe('support%40acme.test');
    const body = url.searchParams.get('body') ?? '';
    expect(body).toContain('2026-12-06T09:30:00.000Z inference: crashed (exit code 134)');
    expect(body).toContain(context.dumpsFolder);
    expect(url.searchParams.get('subject')).toBe('Workstation crash report');
  });

  it('leaves the recipient to the user when the configured address is not one', () => {
    expect(crashReportMail([], { ...context, to: 'x@y?cc=evil@z' })).toMatch(/^mailto:\?subject=/);
    expect(crashReportMail([], { ...context, to: '' })).toMatch(/^mailto:\?subject=/);
  });

  it('stays short enough for every mail app, listing fewer crashes', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ ...crash, at: crash.at + i, reason: 'launch-failed '.repeat(10).trim() }));
    const url = crashReportMail(many, context);
    expect(url.length).toBeLessThanOrEqual(1800);
    expect(decodeURIComponent(url)).toContain('Recent crashes:');
  });
});
