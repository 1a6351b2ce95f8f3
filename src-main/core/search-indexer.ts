import type { SearchIndex } from '../store/search-index.js';

/** Rows per transaction: a few milliseconds of work, so the event loop stays free. */
const BATCH = 200;
/** How long the core must have nothing else to do before indexing starts. */
const IDLE_DELAY_MS = 200;

/**
 * Indexes new messages for search behind the writes (see migration 0004), in small batches and
 * only while sync is not catching up, so catching up after an outage is not slowed by it.
 */
export class SearchIndexer {
  private timer: NodeJS.Timeout | null = null;
  private next: NodeJS.Immediate | null = null;
  private stopped = false;

  constructor(
    private readonly index: SearchIndex,
    private readonly busy: () => boolean,
    private readonly log: (message: string, error?: unknown) => void,
  ) {}

  /** New messages may be waiting; index them once the core is idle. */
  kick(): void {
    if (this.stopped || this.timer || this.next) return;
    this.timer = setTimeout(() => this.step(), IDLE_DELAY_MS);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.next) clearImmediate(this.next);
    this.timer = null;
    this.next = null;
  }

  private step(): void {
    this.timer = null;
    this.next = null;
    if (this.stopped) return;
    if (this.busy()) {
      this.kick();
      return;
    }
    let indexed: number;
    try {
      indexed = this.index.indexBatch(BATCH);
    } catch (error) {
      // Search still finds unindexed rows by scanning; the next kick tries again.
      this.log('Could not index new messages for search.', error);
      return;
    }
    if (indexed === BATCH) this.next = setImmediate(() => this.step());
  }
}
