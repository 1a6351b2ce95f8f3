import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';

/**
 * What a relay child reports about a bench's measured window (between the parent's IPC
 * `window-start` and `window-stop`): its own CPU time and garbage collection, load-independent
 * figures on a shared machine. With BENCH_RELAY_WINDOW_PROF=DIR it also writes a CPU profile of
 * the window alone there (the whole run's, with sign-ins and set-up, is BENCH_RELAY_PROF).
 */
export interface RelayWindow {
  type: 'window';
  cpuMicros: number;
  gcCount: number;
  gcMs: number;
  gcMaxMs: number;
  /** Collections by kind: minor (scavenge), major (mark-sweep-compact), incremental, weak callbacks. */
  gcByKind: Record<string, number>;
  heapUsedMb: number;
}

const KINDS: Record<number, string> = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weakcb' };

export function serveWindow(): void {
  let cpuAtStart = process.cpuUsage();
  let gc = { count: 0, ms: 0, maxMs: 0, byKind: {} as Record<string, number> };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count += 1;
      gc.ms += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
      const kind = KINDS[(entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0] ?? 'other';
      gc.byKind[kind] = (gc.byKind[kind] ?? 0) + 1;
    }
  });
  const profileDir = process.env.BENCH_RELAY_WINDOW_PROF;
  const session = profileDir ? new Session() : null;
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'window-start') {
      gc = { count: 0, ms: 0, maxMs: 0, byKind: {} };
      observer.observe({ entryTypes: ['gc'] });
      cpuAtStart = process.cpuUsage();
      if (session) {
        session.connect();
        void session.post('Profiler.enable').then(() => session.post('Profiler.start'));
      }
    } else if (message.type === 'window-stop') {
      const cpu = process.cpuUsage(cpuAtStart);
      observer.disconnect();
      const report: RelayWindow = {
        type: 'window', cpuMicros: cpu.user + cpu.system, gcCount: gc.count, gcMs: Math.round(gc.ms), gcMaxMs: Math.round(gc.maxMs), gcByKind: gc.byKind,
        heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1e6),
      };
      void (async () => {
        if (session && profileDir) {
          const { profile } = await session.post('Profiler.stop');
          writeFileSync(path.join(profileDir, `relay-window-${process.pid}-${Date.now()}.cpuprofile`), JSON.stringify(profile));
          session.disconnect();
        }
        process.send?.(report);
      })();
    }
  });
}
