/**
 * Runs `work` every `intervalMs` until the returned stop is called. A run still going when the
 * next is due is not started twice; a failure is reported (the relay's fault, never the
 * caller's) and the next run tries again.
 */
export function repeatEvery(intervalMs: number, what: string, reportError: (where: string, error: unknown) => void, work: () => Promise<unknown>): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    work()
      .catch((error: unknown) => reportError(what, error))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
