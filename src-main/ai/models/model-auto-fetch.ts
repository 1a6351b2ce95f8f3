import type { AutoFetchStatus, ModelFailure } from '../../../src-shared/api/contract.js';
import type { Catalog } from './catalog.js';
import type { ModelManager } from './model-manager.js';
import { planModels, type ModelPlan, type PlanInput } from './model-plan.js';

/** What the desk knows at sign-in; the catalog, what is installed and the budget come from the manager. */
export type SignInNeeds = Pick<PlanInput, 'agentLanguage' | 'agentLanguages' | 'customerLanguages' | 'pinned'>;

export interface AutoFetchOptions {
  manager: ModelManager;
  catalog: Catalog;
  /** The first wait after a failure that may pass (offline, a server error), doubled each time up to `maxRetryMs`. */
  firstRetryMs?: number;
  maxRetryMs?: number;
  log: (message: string, error?: unknown) => void;
}

/** Worth another try later: the network may come back, a server may recover, a damaged file downloads again. */
const PASSING: ReadonlySet<ModelFailure> = new Set(['offline', 'server', 'damaged']);

const IDLE: AutoFetchStatus = { state: 'idle', current: null, done: 0, total: 0, fraction: 0, failure: null, retryAt: null, pinned: false, leftOut: [], failed: [] };

/**
 * Fetches the models a signed-in agent needs, in the background and one at a time, through the
 * model manager (resumable, checksummed, within the disk budget). A failure that may pass is
 * retried with a growing wait; one that will not (refused, not found, disk full) is reported and
 * the next model tried.
 */
export class ModelAutoFetch {
  private status: AutoFetchStatus = IDLE;
  private run = 0;
  private wake: (() => void) | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly firstRetryMs: number;
  private readonly maxRetryMs: number;

  constructor(private readonly options: AutoFetchOptions) {
    this.firstRetryMs = options.firstRetryMs ?? 2_000;
    // At most a minute: translation should start soon after the network comes back.
    this.maxRetryMs = options.maxRetryMs ?? 60_000;
  }

  /** Called when the state changed; a download's progress comes through the manager's own onChange. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  current(): AutoFetchStatus {
    const { current, done, total } = this.status;
    const progress = current ? this.options.manager.progressOf(current) : null;
    const part = progress && progress.total > 0 ? Math.min(progress.done / progress.total, 1) : 0;
    return { ...this.status, fraction: total === 0 ? 0 : Math.min((done + part) / total, 1) };
  }

  /** Plans afresh and fetches what is missing; a run already under way gives way to this one. */
  start(needs: SignInNeeds): Promise<void> {
    const run = ++this.run;
    this.interruptWait();
    const { manager, catalog } = this.options;
    const installed = new Set(manager.installed().filter((model) => model.active && model.complete).map((model) => model.id));
    const plan = planModels({ ...needs, catalog, installed, ...manager.budget() });
    this.set({ ...IDLE, state: 'planning', pinned: needs.pinned !== null, total: plan.fetch.length, leftOut: plan.leftOut });
    return this.fetchAll(run, plan);
  }

  /** Stops after the current download (signed out); what arrived stays for the next time. */
  stop(): void {
    this.run++;
    this.interruptWait();
    const current = this.status.current;
    if (current) this.options.manager.cancel(current);
    this.set(IDLE);
  }

  private async fetchAll(run: number, plan: ModelPlan): Promise<void> {
    for (const model of plan.fetch) {
      let wait = this.firstRetryMs;
      for (;;) {
        if (run !== this.run) return;
        this.set({ ...this.status, state: 'fetching', current: model.id, failure: null, retryAt: null });
        const outcome = await this.options.manager.fetch(model.id);
        if (run !== this.run) return;
        if (outcome === null || outcome === 'cancelled') break;
        if (!PASSING.has(outcome)) {
          this.options.log(`Could not fetch the model ${model.id} (${outcome}); going on with the next.`);
          this.set({ ...this.status, failure: outcome, failed: [...this.status.failed, { modelId: model.id, failure: outcome }] });
          break;
        }
        this.set({ ...this.status, state: 'waiting', failure: outcome, retryAt: Date.now() + wait });
        await this.sleep(wait);
        wait = Math.min(wait * 2, this.maxRetryMs);
      }
      this.set({ ...this.status, done: this.status.done + 1 });
    }
    if (run !== this.run) return;
    this.set({ ...this.status, state: 'done', current: null, retryAt: null, failure: this.status.failed.at(-1)?.failure ?? null });
  }

  /** Waits `ms`, or less if a new start or a stop interrupts. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private interruptWait(): void {
    this.wake?.();
  }

  private set(status: AutoFetchStatus): void {
    this.status = status;
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
