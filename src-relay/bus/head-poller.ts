/** Every tenant's head seq in the log, as the storage reads it. */
export type ReadHeads = () => Promise<ReadonlyMap<string, number>>;

export interface HeadPollerOptions {
  heads: ReadHeads;
  intervalMs: number;
  /** Called with every head read; returns true when it was news to this node. */
  offer(tenantId: string, head: number): boolean;
  /** A head the pokes had not announced: counted, since each one means a poke was lost or late. */
  onCaught(tenantId: string, head: number): void;
  reportError(error: unknown): void;
}

export interface HeadPoller {
  stop(): Promise<void>;
}

/**
 * Reads the heads every `intervalMs` and offers them, so that a poke lost (NATS down, a node
 * that died between its commit and its poke) only delays a fan-out. Reads never overlap: the
 * next wait starts when a read ends.
 */
export function startHeadPoller(options: HeadPollerOptions): HeadPoller {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let reading: Promise<void> = Promise.resolve();

  const read = async (): Promise<void> => {
    try {
      const heads = await options.heads();
      if (stopped) return;
      for (const [tenantId, head] of heads) {
        if (options.offer(tenantId, head)) options.onCaught(tenantId, head);
      }
    } catch (error) {
      options.reportError(error);
    }
  };

  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      reading = read().finally(schedule);
    }, options.intervalMs);
    // A poller alone must not keep a stopping process alive.
    timer.unref();
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await reading;
    },
  };
}
