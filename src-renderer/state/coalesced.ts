/**
 * Runs `task` at most once at a time. Calls that arrive while it runs fold into one more run
 * afterwards, so a burst of change events costs two fetches, not one per event.
 */
export function coalesced(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;

  async function loop(): Promise<void> {
    try {
      do {
        again = false;
        await task();
      } while (again);
    } finally {
      running = null;
    }
  }

  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = loop();
    return running;
  };
}
