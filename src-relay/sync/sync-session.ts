import WebSocket from 'ws';
import type { Agent, Message } from '../../src-shared/domain/model.js';
import { CLOSE_BAD_FRAME, CLOSE_UNAUTHORIZED, PULL_PAGE_MAX, type RelayFrame } from '../../src-shared/protocol/sync.js';
import type { AgentCallFrame } from '../../src-shared/protocol/voice.js';
import type { TranslationRoute } from '../../src-shared/domain/translation-routes.js';
import { authenticate } from '../auth/sessions.js';
import { canSee, viewerOf, type Viewer } from '../log/visibility.js';
import type { RelayCore } from '../relay-core.js';
import { frameText } from '../sockets/frame-text.js';
import { StorageUnavailable } from '../storage/port/storage-unavailable.js';
import { uncaught } from '../sockets/uncaught.js';
import { parseClientFrame, type FrameParse, type PushItem } from './frames.js';
import { EventBatch, toSyncEvent } from './event-batch.js';
import { LiveFeed, SLOW_CLIENT_BYTES } from './live-feed.js';
import { applyPush } from './push.js';
import { profilesOf } from '../customers/customer-profiles.js';
import { maskConversation, maskMessage, type DeskMasking } from '../privacy/desk-masking.js';
import type { TenantDirectory } from './tenant-directory.js';

const CLOSE_TRY_AGAIN_LATER = 1013;
const SNAPSHOT_PAGE_CONVERSATIONS = 200;
/** A page stops after the conversation that brings it to this many messages, to keep frames small. */
const SNAPSHOT_PAGE_MESSAGES = 2000;
/** As much history as a handover brings a new assignee. */
const SNAPSHOT_MESSAGES_PER_CONVERSATION = 500;

export interface SignedIn {
  agent: Agent;
  viewer: Viewer;
  tokenHash: string;
  expiresAt: number;
  clientId: string;
}

/** What a session asks of the hub that holds every session. */
export interface SessionHost {
  signedIn(session: SyncSession): Promise<void>;
  presenceChosen(agent: Agent): Promise<void>;
  /** The desk told what its installed models can translate: routing may now give the agent other languages. */
  translationReported(agent: Agent, routes: readonly TranslationRoute[]): Promise<void>;
  /** Sends committed events now rather than on the next turn of the event loop. */
  flushEvents(): void;
  /** A web call's answer, signal, hold or hang-up from this desk. */
  callFrame(session: SyncSession, frame: AgentCallFrame): Promise<void>;
  /** A push was handled: how many mutations it carried and how many were refused (for the metrics). */
  pushed(mutations: number, refused: number): void;
  /** The tenant's directory as of no earlier than this call. */
  directory(tenantId: string): Promise<TenantDirectory>;
}

/**
 * One /sync connection: hello, then pulls and pushes. After a pull answer with no more pages
 * the connection is live: it gets each visible event as it commits, with `from` chained to
 * what it was last sent, so the client can apply frames strictly in order.
 */
export class SyncSession {
  private session: SignedIn | null = null;
  private live = false;
  /** Live events, chained from the `to` of the frame before. */
  private readonly feed: LiveFeed;
  /** The frames of this socket are handled one after another: a push never overtakes the frame before it. */
  private turn: Promise<void> = Promise.resolve();
  /**
   * Batches delivered while a pull reads the log, held until it has answered: an event committed
   * after the pull read the head must follow the pull's answer, never be dropped before it.
   */
  private held: EventBatch[] | null = null;

  constructor(
    private readonly socket: WebSocket,
    private readonly core: RelayCore,
    private readonly host: SessionHost,
  ) {
    this.feed = new LiveFeed({
      get bufferedAmount() {
        return socket.bufferedAmount;
      },
      write: (frame) => this.write(frame),
      cutOff: (reason) => this.socket.close(CLOSE_TRY_AGAIN_LATER, reason),
    });
  }

  get signedIn(): SignedIn | null {
    return this.session;
  }

  /** Resolves once the frames received so far are handled. */
  idle(): Promise<void> {
    return this.turn;
  }

  /** Queues the frame behind this socket's earlier ones; resolves once it is handled. */
  receive(raw: WebSocket.RawData, isBinary: boolean): Promise<void> {
    const handled = this.turn.then(() => this.handleFrame(raw, isBinary));
    this.turn = handled.catch(uncaught);
    return handled;
  }

  private async handleFrame(raw: WebSocket.RawData, isBinary: boolean): Promise<void> {
    try {
      const parsed: FrameParse = isBinary
        ? { ok: false, message: 'Frames are JSON text, not binary.' }
        : parseClientFrame(frameText(raw));
      if (this.session) await this.handle(this.session, parsed);
      else await this.greet(parsed);
    } catch (error) {
      if (error instanceof StorageUnavailable) {
        this.retryElsewhere(error);
        return;
      }
      this.core.reportError('sync frame', error);
      this.sendError('internal', 'The relay could not handle this frame; nothing of it was applied. Try again.');
    }
  }

  /**
   * The database could not do the frame's work now (a restart, a failover). The desk resends an
   * unacknowledged push only on a new connection, so the connection is closed as "try again
   * later": the desk reconnects with back-off (to any node), pulls, and pushes its outbox again;
   * mutation ids make a push whose commit did go through harmless to repeat.
   */
  private retryElsewhere(error: StorageUnavailable): void {
    this.sendError('internal', `${error.message} Reconnecting will retry it.`);
    this.socket.close(CLOSE_TRY_AGAIN_LATER, 'database unavailable; reconnect and retry');
  }

  /** Sends the batch's events this agent may see, in one frame, if the connection is live. */
  deliver(batch: EventBatch): void {
    if (this.held) {
      this.held.push(batch);
      return;
    }
    if (!this.live || !this.session) return;
    this.feed.deliver(batch, this.session.viewer, this.maskingFor(this.session));
  }

  /** The socket closed: nothing more is sent, and nothing waits to be. */
  closed(): void {
    this.feed.stop();
  }

  /** What this desk receives masked, by its company's policy for its role (the same on every path). */
  private maskingFor(session: SignedIn): DeskMasking {
    return this.core.maskingPolicies.maskingFor(session.agent.tenantId, session.agent.role);
  }

  send(frame: RelayFrame): void {
    this.sendText(JSON.stringify(frame));
  }

  /** A frame already encoded, when the same one goes to many sessions. */
  sendEncoded(text: string): void {
    this.sendText(text);
  }

  /** Live events held back for a slow socket go first: no frame overtakes the events before it. */
  private sendText(text: string): void {
    this.feed.sendWaiting(true);
    this.write(text);
  }

  /** One text frame; false when the socket is closed, or was just cut off for being too far behind. */
  private write(frame: Buffer | string): boolean {
    if (this.socket.readyState !== WebSocket.OPEN) return false;
    if (this.socket.bufferedAmount > SLOW_CLIENT_BYTES) {
      this.socket.close(CLOSE_TRY_AGAIN_LATER, 'too far behind; reconnect and pull');
      return false;
    }
    this.socket.send(frame, { binary: false });
    return true;
  }

  /** Closes as "try again later": the desk reconnects, and its new hello is scoped by the account as it is now (a role changed). */
  rescope(): void {
    this.socket.close(CLOSE_TRY_AGAIN_LATER, 'access changed; reconnect');
  }

  /** Ends the connection because its sign-in is no longer valid. */
  signOut(code: 'unauthorized', message: string): void {
    this.sendError(code, message);
    this.socket.close(CLOSE_UNAUTHORIZED, code);
  }

  private async greet(parsed: FrameParse): Promise<void> {
    if (!parsed.ok || parsed.frame.type !== 'hello') {
      this.sendError('bad_frame', parsed.ok ? 'The first frame must be hello.' : parsed.message);
      this.socket.close(CLOSE_BAD_FRAME, 'the first frame must be hello');
      return;
    }
    const auth = await authenticate(this.core, parsed.frame.token);
    if (!auth.ok) {
      this.signOut('unauthorized', auth.message);
      return;
    }
    const { agent } = auth;
    const { store } = this.core;
    const directory = await this.host.directory(agent.tenantId);
    // A desk whose copy is current is told so by the version alone: a sign-in costs the same
    // however many colleagues the tenant has.
    const current = parsed.frame.directoryVersion === directory.version;
    const welcome: RelayFrame = {
      type: 'welcome',
      agent,
      lastMutationId: await store.clients.lastMutationId(parsed.frame.clientId, agent.id),
      headSeq: await store.events.headSeq(agent.tenantId),
      directoryVersion: directory.version,
      ...(current ? {} : { colleagues: directory.colleagues, teams: directory.teams }),
    };
    await this.core.maskingPolicies.load(agent.tenantId);
    this.session = { agent, viewer: viewerOf(agent), tokenHash: auth.tokenHash, expiresAt: auth.expiresAt, clientId: parsed.frame.clientId };
    this.send(welcome);
    await this.host.signedIn(this);
  }

  private async handle(session: SignedIn, parsed: FrameParse): Promise<void> {
    if (!parsed.ok) {
      this.sendError('bad_frame', parsed.message);
      return;
    }
    if (session.expiresAt <= this.core.now()) {
      // The same code as any other sign-in that is not valid, as on every transport (auth/sessions.ts).
      this.signOut('unauthorized', 'This sign-in has expired; sign in again.');
      return;
    }
    switch (parsed.frame.type) {
      case 'hello':
        this.sendError('bad_frame', 'This connection has already said hello.');
        return;
      case 'pull':
        await this.pull(session, parsed.frame.cursor, parsed.frame.limit ?? PULL_PAGE_MAX);
        return;
      case 'push':
        await this.push(session, parsed.frame.items);
        return;
      case 'snapshot':
        await this.snapshot(session, parsed.frame.after, parsed.frame.limit ?? SNAPSHOT_PAGE_CONVERSATIONS);
        return;
      case 'call':
        await this.host.callFrame(this, parsed.frame.frame);
        return;
      case 'translation-routes':
        await this.host.translationReported(session.agent, parsed.frame.routes);
        return;
    }
  }

  /**
   * Seqs are contiguous, so `limit` scanned events are exactly the range (cursor, cursor + limit];
   * the agent gets the visible ones and `to` tells them how far the range went.
   */
  private async pull(session: SignedIn, cursor: number, limit: number): Promise<void> {
    this.held = [];
    // The answer carries the log from `cursor` on: whatever waited for a slow socket is in it.
    this.feed.stop();
    try {
      await this.answerPull(session, cursor, limit);
    } finally {
      const held = this.held;
      this.held = null;
      // Only a live connection gets them; events the pull's answer already carried are skipped.
      for (const batch of held) this.deliver(batch);
    }
  }

  private async answerPull(session: SignedIn, cursor: number, limit: number): Promise<void> {
    const tenantId = session.agent.tenantId;
    await this.core.maskingPolicies.load(tenantId);
    const masking = this.maskingFor(session);
    const head = await this.core.store.events.headSeq(tenantId);
    const floor = await this.core.store.events.floorSeq(tenantId);
    // Behind the pruned part of the log, or ahead of a log restored from a backup: the events in
    // between cannot be replayed, so the client starts again from a snapshot.
    if (cursor > head || cursor < floor) {
      this.live = false;
      this.send({ type: 'reset', headSeq: head, floorSeq: floor });
      return;
    }
    const to = Math.min(cursor + limit, head);
    const events = (await this.core.store.events.range(tenantId, cursor, to)).filter((event) => canSee(session.viewer, event)).map((event) => toSyncEvent(event, masking));
    const hasMore = to < head;
    this.live = !hasMore;
    this.feed.sentThrough = to;
    this.send({ type: 'events', from: cursor, to, events, hasMore });
  }

  /**
   * One page of what this agent may see now, conversations in id order with their latest
   * messages. `asOfSeq` is read before the page, so pulling from the first page's value afterwards
   * replays anything that changed while the pages were read; every event is safe to apply twice.
   */
  private async snapshot(session: SignedIn, after: string | null, limit: number): Promise<void> {
    const { tenantId } = session.agent;
    const conversations = this.core.store.conversations;
    const asOfSeq = await this.core.store.events.headSeq(tenantId);
    await this.core.maskingPolicies.load(tenantId);
    const masking = this.maskingFor(session);
    const scope = session.viewer;
    const page = await conversations.listVisible(tenantId, scope, after, limit);
    const messages: Message[] = [];
    let taken = 0;
    for (const conversation of page) {
      messages.push(...(await conversations.listMessages(conversation.id, SNAPSHOT_MESSAGES_PER_CONVERSATION)).map((m) => maskMessage(m.message, masking)));
      taken += 1;
      if (messages.length >= SNAPSHOT_PAGE_MESSAGES) break;
    }
    const sent = page.slice(0, taken);
    const more = taken < page.length || page.length === limit;
    this.send({
      type: 'snapshot',
      asOfSeq,
      conversations: sent.map((conversation) => maskConversation(conversation, masking)),
      messages,
      nextAfter: more ? (sent.at(-1)?.id ?? null) : null,
      total: await conversations.countVisible(tenantId, scope),
      articles: after === null ? await this.core.store.articles.list(tenantId) : [],
      customers: await profilesOf(this.core.store, tenantId, sent.map((conversation) => conversation.customerId)),
    });
  }

  private async push(session: SignedIn, items: readonly PushItem[]): Promise<void> {
    const outcome = await applyPush(this.core, session.agent, session.clientId, items);
    // The pushing client sees the events of its changes before the ack that settles its outbox,
    // or a pending status change would flick back to the old one in between.
    this.host.flushEvents();
    this.send({ type: 'ack', lastMutationId: outcome.lastMutationId, rejections: outcome.rejections });
    this.host.pushed(items.length, outcome.rejections.length);
    if (outcome.presenceAfter !== outcome.presenceBefore) await this.host.presenceChosen(session.agent);
    for (const agentId of outcome.presenceSetFor) {
      const account = await this.core.store.accounts.findAgent(agentId);
      if (account) await this.host.presenceChosen(account.agent);
    }
  }

  private sendError(code: 'bad_frame' | 'unauthorized' | 'internal', message: string): void {
    this.send({ type: 'error', code, message });
  }
}
