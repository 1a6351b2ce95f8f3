import type { Connection } from '../../src-shared/api/contract.js';
import { PULL_PAGE_MAX, type Mutation, type RelayFrame, type Rejection } from '../../src-shared/protocol/sync.js';
import type { AgentCallFrame } from '../../src-shared/protocol/voice.js';
import { applySnapshotPage, finishResync } from './apply-snapshot.js';
import { applyEventsInSlices } from './apply-events.js';
import { retryDelay } from './backoff.js';
import { ChangeSet } from './change-set.js';
import { failUnconfirmedReplies, settleAck, settleAppliedBeforeReconnect } from './outbox-settlement.js';
import { relaySyncAddress } from './relay-address.js';
import { ResolutionHolds } from './resolution-hold.js';
import { RelaySocket, type SocketClosure } from './relay-socket.js';
import { STATE_OF_PHASE, type Phase } from './sync-phase.js';
import { DEFAULT_SYNC_TIMING, type SyncClientOptions, type SyncTiming } from './sync-client-options.js';
import { takeDirectory } from './welcome-directory.js';

/** Changes per push; one push is in flight at a time. */
const PUSH_BATCH = 100;

/** Conversations per snapshot page asked of the relay. */
const SNAPSHOT_PAGE = 200;

/**
 * Keeps the cache in step with the relay (docs/architecture.md, "Sync protocol"): hello, drop what the relay
 * already applied, pull to the head, then push the outbox in order while applying live events.
 * Reconnects with back-off until stopped or the relay refuses the token.
 */
export class SyncClient {
  private readonly address: string;
  private readonly timing: SyncTiming;
  private readonly holds: ResolutionHolds;
  private phase: Phase = 'stopped';
  private socket: RelaySocket | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private lastError: string | null = null;
  private retryAt: number | null = null;
  /** The cursor of the pull in flight; its answer is the events frame starting there. */
  private pullFrom: number | null = null;
  /** Events frames that answered a pull, told apart when they arrive (a live frame may start at the same seq). */
  private readonly pullAnswers = new WeakSet<RelayFrame>();
  /** Pull answers whose next page was asked for as they arrived, before they were applied. */
  private readonly askedOn = new WeakSet<RelayFrame>();
  private pushInFlight = false;
  /** The highest mutation id ever sent: a change at or below it may be applied already, so it cannot be taken back. */
  private sentThrough = 0;
  private tokenRefused = false;
  private unconfirmedReplies: string[] = [];
  private readonly frames: { socket: RelaySocket; frame: RelayFrame }[] = [];
  private handlingFrames = false;
  private reported = '';
  /** While resyncing: how far, and the log position to pull from once every page is in. */
  private resync: { done: number; total: number; asOfSeq: number | null } | null = null;

  constructor(private readonly options: SyncClientOptions) {
    this.address = relaySyncAddress(options.relayUrl);
    this.timing = { ...DEFAULT_SYNC_TIMING, ...options.timing };
    this.holds = new ResolutionHolds(this.timing.resolveUndoMs);
  }

  /** Starts syncing with the stored sign-in; does nothing if already running. */
  start(): void {
    if (this.phase !== 'stopped') return;
    this.attempt = 0;
    this.lastError = null;
    this.tokenRefused = false;
    this.connect();
  }

  /** Stops syncing and closes the socket; the cache and outbox stay as they are. */
  async stop(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    this.lastError = null;
    this.halt();
    await socket?.close();
  }

  /** A local change entered the outbox. */
  outboxChanged(): void {
    this.report();
    this.pushNext();
  }

  /**
   * Whether this change may still be taken out of the outbox: a resolution in its undo window
   * that was never sent. Asked and acted on in one turn of the event loop, so no push slips between.
   */
  mayTakeBack(mutation: Mutation): boolean {
    return mutation.mutationId > this.sentThrough && this.holds.heldUntil(mutation, Date.now()) !== null;
  }

  /** Pauses (or runs again) a held resolution's undo window while the agent is on its toast; ms left, null when it is not held. */
  pauseUndo(mutation: Mutation, paused: boolean): number | null {
    if (mutation.mutationId <= this.sentThrough) return null;
    const left = paused ? this.holds.pause(mutation, Date.now()) : this.holds.resume(mutation, Date.now());
    this.pushNext();
    return left;
  }

  /** How long the agent has to take a resolution back. */
  resolveUndoMs(): number {
    return this.timing.resolveUndoMs;
  }

  /** Sends a web call's answer, signal, hold or hang-up now; false when the relay is not connected. */
  sendCallFrame(frame: AgentCallFrame): boolean {
    if (!this.socket || this.phase === 'connecting' || this.phase === 'waiting' || this.phase === 'stopped') return false;
    this.socket.send(frame);
    return true;
  }

  /** Pulling or resyncing: the cache is busy taking in what the relay has. */
  isCatchingUp(): boolean {
    return this.phase === 'connecting' || this.phase === 'catching-up' || this.phase === 'resyncing';
  }

  connection(): Connection {
    return {
      state: STATE_OF_PHASE[this.phase],
      pendingCount: this.options.cache.outbox.count(),
      lastError: this.lastError,
      retryAt: this.retryAt,
      resync: this.resync && { done: this.resync.done, total: this.resync.total },
    };
  }

  private connect(): void {
    const signIn = this.options.cache.session.signIn();
    if (!signIn) {
      this.halt();
      return;
    }
    this.phase = 'connecting';
    this.retryAt = null;
    this.report();
    const clientId = this.options.cache.session.clientId();
    // Names the directory held here, so an unchanged one is not sent again.
    const directoryVersion = this.options.cache.session.directoryVersion() ?? undefined;
    const socket: RelaySocket = new RelaySocket(
      this.address,
      {
        onOpen: () => socket.send({ type: 'hello', token: signIn.token, clientId, directoryVersion }),
        onFrame: (frame) => this.received(socket, frame),
        onClose: (closure) => this.closed(socket, closure),
      },
      this.timing,
      this.options.log,
    );
    this.socket = socket;
  }

  /**
   * Frames are handled one at a time, in arrival order: a long page is applied in chunks with
   * the event loop free in between, and whatever arrives meanwhile waits its turn.
   */
  private received(socket: RelaySocket, frame: RelayFrame): void {
    if (frame.type === 'events' && socket === this.socket && this.pullFrom !== null && frame.from === this.pullFrom) this.pullAnswered(frame);
    this.frames.push({ socket, frame });
    if (!this.handlingFrames) void this.handleFrames();
  }

  private async handleFrames(): Promise<void> {
    this.handlingFrames = true;
    for (let next = this.frames.shift(); next; next = this.frames.shift()) {
      const { socket, frame } = next;
      if (socket !== this.socket) continue;
      try {
        await this.handle(socket, frame);
      } catch (error) {
        // The cache refused a write; start over on a fresh connection rather than skip events.
        this.options.log(`Could not apply a ${frame.type} frame from the relay; reconnecting.`, error);
        void socket.close();
      }
    }
    this.handlingFrames = false;
  }

  private async handle(socket: RelaySocket, frame: RelayFrame): Promise<void> {
    switch (frame.type) {
      case 'welcome':
        return this.welcomed(frame);
      case 'events':
        return this.eventsArrived(socket, frame);
      case 'ack':
        return this.acknowledged(frame.lastMutationId, frame.rejections);
      case 'presence':
        if (frame.agentId === this.options.cache.session.signIn()?.agent.id) this.options.onOwnPresence(frame);
        return;
      case 'presences': {
        const own = frame.agents.find((presence) => presence.agentId === this.options.cache.session.signIn()?.agent.id);
        if (own) this.options.onOwnPresence({ type: 'presence', ...own });
        return;
      }
      case 'reset':
        return this.resetArrived(frame.headSeq, frame.floorSeq);
      case 'snapshot':
        return this.snapshotArrived(frame);
      case 'error':
        return this.relayError(frame.code, frame.message);
      case 'call.ring':
      case 'call.signal':
      case 'call.ended':
      case 'call.transfer-failed':
        this.options.onCallFrame?.(frame);
        return;
    }
  }

  private welcomed(welcome: Extract<RelayFrame, { type: 'welcome' }>): void {
    const { lastMutationId, headSeq } = welcome;
    const { cache } = this.options;
    const changes = new ChangeSet();
    takeDirectory(cache.session, welcome);
    this.unconfirmedReplies = settleAppliedBeforeReconnect(cache, lastMutationId, changes);
    if (headSeq < cache.session.cursor()) {
      this.options.log(`The relay's log ends at ${headSeq}, before this cache's cursor ${cache.session.cursor()}; it will ask for a resync.`);
    }
    this.announce(changes);
    this.phase = 'catching-up';
    this.tellTranslationRoutes();
    this.pull();
    this.report();
  }

  /** A model was installed (or removed): the relay routes by what this desk can translate now. */
  translationRoutesChanged(): void {
    if (this.phase === 'catching-up' || this.phase === 'resyncing' || this.phase === 'online') this.tellTranslationRoutes();
  }

  private tellTranslationRoutes(): void {
    this.socket?.send({ type: 'translation-routes', routes: this.options.translationRoutes?.() ?? [] });
  }

  /**
   * A page of a catch-up: the next one is asked for now, while this one waits for its turn and is
   * applied, so the relay reads page n + 1 as the cache writes page n. Pages chain from/to, so the
   * next page's cursor is this page's `to`; if this one does not apply, the next is a gap, and
   * the pull after it starts again from the cache's cursor.
   */
  private pullAnswered(frame: Extract<RelayFrame, { type: 'events' }>): void {
    this.pullAnswers.add(frame);
    this.pullFrom = null;
    if (!frame.hasMore || this.phase !== 'catching-up') return;
    this.askedOn.add(frame);
    this.pullFrom = frame.to;
    this.socket?.send({ type: 'pull', cursor: frame.to, limit: PULL_PAGE_MAX });
  }

  private async eventsArrived(socket: RelaySocket, frame: Extract<RelayFrame, { type: 'events' }>): Promise<void> {
    const answersPull = this.pullAnswers.has(frame);
    const changes = new ChangeSet();
    const outcome = await applyEventsInSlices(this.options.cache, frame, changes, () => socket === this.socket, this.timing.applySlice);
    this.announce(changes);
    if (outcome === 'stopped') return;
    if (outcome === 'gap' && this.pullFrom === null) this.pull();
    else if (answersPull && frame.hasMore && !this.askedOn.has(frame)) this.pull();
    else if (answersPull && !frame.hasMore && this.phase === 'catching-up') this.caughtUp();
  }

  /** The events since our cursor are gone (pruned, or the relay was restored): start over from a snapshot. */
  private resetArrived(headSeq: number, floorSeq: number): void {
    this.options.log(`The relay keeps events ${floorSeq + 1}..${headSeq} only, and this cache is at ${this.options.cache.session.cursor()}; resyncing.`);
    this.pullFrom = null;
    this.options.cache.resync.begin();
    this.resync = { done: 0, total: 0, asOfSeq: null };
    this.phase = 'resyncing';
    this.socket?.send({ type: 'snapshot', after: null, limit: SNAPSHOT_PAGE });
    this.report();
  }

  private snapshotArrived(page: Extract<RelayFrame, { type: 'snapshot' }>): void {
    if (this.phase !== 'resyncing' || !this.resync) return;
    const changes = new ChangeSet();
    applySnapshotPage(this.options.cache, page, changes);
    // Events after the first page's head are replayed by the pull at the end; later pages only repeat them.
    this.resync.asOfSeq ??= page.asOfSeq;
    this.resync.done += page.conversations.length;
    this.resync.total = Math.max(page.total, this.resync.done);
    this.report();
    if (page.nextAfter !== null) {
      this.socket?.send({ type: 'snapshot', after: page.nextAfter, limit: SNAPSHOT_PAGE });
    } else {
      finishResync(this.options.cache, this.resync.asOfSeq, changes);
      this.resync = null;
      this.phase = 'catching-up';
      this.pull();
    }
    this.announce(changes);
    this.report();
  }

  private caughtUp(): void {
    const changes = new ChangeSet();
    failUnconfirmedReplies(this.options.cache, this.unconfirmedReplies, changes);
    this.unconfirmedReplies = [];
    this.announce(changes);
    this.phase = 'online';
    this.attempt = 0;
    this.lastError = null;
    this.report();
    this.pushNext();
  }

  private acknowledged(lastMutationId: number, rejections: readonly Rejection[]): void {
    this.pushInFlight = false;
    const changes = new ChangeSet();
    const settled = settleAck(this.options.cache, lastMutationId, rejections, changes);
    this.announce(changes);
    this.report();
    // An ack that settles nothing would make pushing the same batch again a tight loop.
    if (settled > 0) this.pushNext();
    else this.options.log(`The relay acknowledged up to ${lastMutationId}, which settles nothing new; holding the outbox.`);
  }

  private relayError(code: string, message: string): void {
    this.options.log(`The relay reported ${code}: ${message}`);
    this.lastError = message;
    if (code === 'unauthorized' || code === 'expired') {
      this.tokenRefused = true;
      void this.socket?.close();
    }
    this.report();
  }

  private closed(socket: RelaySocket, closure: SocketClosure): void {
    if (socket !== this.socket) return;
    this.socket = null;
    this.pullFrom = null;
    this.pushInFlight = false;
    this.resync = null;
    if (this.phase === 'stopped') return;
    if (closure.unauthorized || this.tokenRefused) {
      const reason = this.lastError ?? closure.reason;
      this.halt();
      this.options.onSessionExpired(reason);
      return;
    }
    const where = closure.wasOpen ? 'Lost the connection to' : 'Cannot reach';
    this.waitAndRetry(`${where} the relay at ${this.options.relayUrl}: ${closure.reason}`);
  }

  private waitAndRetry(reason: string): void {
    const delay = retryDelay(this.attempt, this.timing.backoff, this.timing.random);
    this.attempt += 1;
    this.phase = 'waiting';
    this.lastError = reason;
    this.retryAt = Date.now() + delay;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
    this.report();
  }

  private halt(): void {
    this.resync = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.retryAt = null;
    this.holds.wakeAt(null, () => undefined);
    this.pullFrom = null;
    this.pushInFlight = false;
    this.phase = 'stopped';
    this.report();
  }

  private pull(): void {
    const cursor = this.options.cache.session.cursor();
    this.pullFrom = cursor;
    this.socket?.send({ type: 'pull', cursor, limit: PULL_PAGE_MAX });
  }

  private pushNext(): void {
    if (this.phase !== 'online' || this.pushInFlight || !this.socket) return;
    const { sendable, wakeAt } = this.holds.sendableNow(this.options.cache.outbox.next(PUSH_BATCH), Date.now());
    this.holds.wakeAt(wakeAt, () => this.pushNext());
    if (sendable.length === 0) return;
    this.socket.send({ type: 'push', mutations: sendable });
    this.sentThrough = Math.max(this.sentThrough, ...sendable.map((m) => m.mutationId));
    this.holds.forgetThrough(this.sentThrough);
    this.pushInFlight = true;
  }

  private announce(changes: ChangeSet): void {
    changes.announce(this.options.emit, () => this.options.cache.notices.shown());
  }

  /** Emits connection.changed when anything the renderer shows about the connection changed. */
  private report(): void {
    const connection = this.connection();
    const key = JSON.stringify(connection);
    if (key === this.reported) return;
    this.reported = key;
    this.options.emit('connection.changed', connection);
  }
}
