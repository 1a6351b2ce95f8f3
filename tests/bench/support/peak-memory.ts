import { readFileSync } from 'node:fs';

/**
 * The peak resident memory of a process (VmHWM in /proc/<pid>/status, kept by the kernel), read
 * every `everyMs` so that the last reading before the process exits is kept. In MB; null when
 * /proc cannot be read (not Linux).
 */
export class PeakMemory {
  private peakKb: number | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    everyMs = 250,
  ) {
    this.read();
    this.timer = setInterval(() => this.read(), everyMs);
    this.timer.unref();
  }

  /** The peak so far, in MB. */
  peakMb(): number | null {
    this.read();
    return this.peakKb === null ? null : Math.round(this.peakKb / 1024);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private read(): void {
    try {
      const kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'))?.[1]);
      if (Number.isFinite(kb)) this.peakKb = Math.max(this.peakKb ?? 0, kb);
    } catch {
      // The process has exited: the last reading stands.
    }
  }
}
