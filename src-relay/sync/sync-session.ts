import WebSocket from 'ws';
import type { Agent, Message } from '../../src-shared/domain/model.js';
import { CLOSE_BAD_FRAME, CLOSE_UNAUTHORIZED, PULL_PAGE_MAX, type RelayFrame } from '../../src-shared/protocol/sync.js';
import type { AgentCallFrame } from '../../src-shared/protocol/voice.js';
import { authenticate } from '../auth/sessions.js';
import { canSee, viewerOf, type Viewer } from '../log/visibility.js';
import type { RelayCore } from '../relay-core.js';
import { frameText } from '../sockets/frame-text.js';
import { parseClientFrame, type FrameParse, type PushItem } from './frames.js';
import { EventBatch, eventsFrameText, toSyncEvent } from './event-batch.js';
import { applyPush } from './push.js';

/** A client that lets this much pile up unsent is cut off; it reconnects and pulls instead. */
const SLOW_CLIENT_BYTES = 8 * 1024 * 1024;
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
  signedIn(session: SyncSession): void;
  presenceChosen(agent: Agent): void;
  /** Sends committed events now rather than on the next turn of the event loop. */
  flushEvents(): void;
  /** A web call's answer, signal, hold or hang-up from this desk. */
  callFrame(session: SyncSession, frame: AgentCallFrame): void;
  /** A push was handled: how many mutations it carried and how many were refused (for the metrics). */
  pushed(mutations: number, refused: number): void;
}

/**
 * One /sync connection: hello, then pulls and pushes. After a pull answer with no more pages
 * the connection is live: it gets each visible event as it commits, with `from` chained to
 * what it was last sent, so the client can apply frames strictly in order.
 */
export class SyncSession {
  private session: SignedIn | null = null;
  private live = false;
  /** The `to` of the last events frame sent while live. */
  private sentThrough = 0;

  constructor(
    private readonly socket: WebSocket,
    private readonly core: RelayCore,
    private readonly host: SessionHost,
  ) {}

  get signedIn(): SignedIn | null {
    return this.session;
  }

  receive(raw: WebSocket.RawData, isBinary: boolean): void {
    try {
      const parsed: FrameParse = isBinary
        ? { ok: false, message: 'Frames are JSON text, not binary.' }
        : parseClientFrame(frameText(raw));
      if (this.session) this.handle(this.session, parsed);
      else this.greet(parsed);
    } catch (error) {
      this.core.reportError('sync frame', error);
      this.sendError('internal', 'The relay could not handle this frame; nothing of it was applied. Try again.');
    }
  }

  /** Sends the batch's events this agent may see, in one frame, if the connection is live. */
  deliver(batch: EventBatch): void {
    if (!this.live || !this.session) return;
    const texts: string[] = [];
    let to = this.sentThrough;
    batch.events.forEach((event, index) => {
      if (event.seq <= this.sentThrough || !canSee(this.session!.viewer, event)) return;
      texts.push(batch.textOf(index));
      to = event.seq;
    });
    if (texts.length === 0) return;
    this.sendText(eventsFrameText(this.sentThrough, to, texts));
    this.sentThrough = to;
  }

  send(frame: RelayFrame): void {
    this.sendText(JSON.stringify(frame));
  }

  private sendText(text: string): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    if (this.socket.bufferedAmount > SLOW_CLIENT_BYTES) {
      this.socket.close(CLOSE_TRY_AGAIN_LATER, 'too far behind; reconnect and pull');
      return;
    }
    this.socket.send(text);
  }

  /** Ends the connection because its sign-in is no longer valid. */
  signOut(code: 'unauthorized' | 'expired', message: string): void {
    this.sendError(code, message);
    this.socket.close(CLOSE_UNAUTHORIZED, code);
  }

  private greet(parsed: FrameParse): void {
    if (!parsed.ok || parsed.frame.type !== 'hello') {
      this.sendError('bad_frame', parsed.ok ? 'The first frame must be hello.' : parsed.message);
      this.socket.close(CLOSE_BAD_FRAME, 'the first frame must be hello');
      return;
    }
    const auth = authenticate(this.core, parsed.frame.token);
    if (!auth.ok) {
      this.signOut('unauthorized', auth.message);
      return;
    }
    const { agent } = auth;
    this.session = { agent, viewer: viewerOf(agent), tokenHash: auth.tokenHash, expiresAt: auth.expiresAt, clientId: parsed.frame.clientId };
    this.send({
      type: 'welcome',
      agent,
      lastMutationId: this.core.store.clients.lastMutationId(parsed.frame.clientId, agent.id),
      headSeq: this.core.store.events.headSeq(agent.tenantId),
      colleagues: this.core.store.accounts.listTenantAgents(agent.tenantId).map(({ agent: a }) => ({ id: a.id, name: a.name, role: a.role, teamIds: a.teamIds })),
      teams: this.core.store.accounts.listTeams(agent.tenantId).map(({ id, name }) => ({ id, name })),
    });
    this.host.signedIn(this);
  }

  private handle(session: SignedIn, parsed: FrameParse): void {
    if (!parsed.ok) {
      this.sendError('bad_frame', parsed.message);
      return;
    }
    if (session.expiresAt <= this.core.now()) {
      this.signOut('expired', 'This sign-in has expired; sign in again.');
      return;
    }
    switch (parsed.frame.type) {
      case 'hello':
        this.sendError('bad_frame', 'This connection has already said hello.');
        return;
      case 'pull':
        this.pull(session, parsed.frame.cursor, parsed.frame.limit ?? PULL_PAGE_MAX);
        return;
      case 'push':
        this.push(session, parsed.frame.items);
        return;
      case 'snapshot':
        this.snapshot(session, parsed.frame.after, parsed.frame.limit ?? SNAPSHOT_PAGE_CONVERSATIONS);
        return;
      case 'call':
        this.host.callFrame(this, parsed.frame.frame);
        return;
    }
  }

  /**
   * Seqs are contiguous, so `limit` scanned events are exactly the range (cursor, cursor + limit];
   * the agent gets the visible ones and `to` tells them how far the range went.
   */
  private pull(session: SignedIn, cursor: number, limit: number): void {
    const tenantId = session.agent.tenantId;
    const head = this.core.store.events.headSeq(tenantId);
    const floor = this.core.store.events.floorSeq(tenantId);
    // Behind the pruned part of the log, or ahead of a log restored from a backup: the events in
    // between cannot be replayed, so the client starts again from a snapshot.
    if (cursor > head || cursor < floor) {
      this.live = false;
      this.send({ type: 'reset', headSeq: head, floorSeq: floor });
      return;
    }
    const to = Math.min(cursor + limit, head);
    const events = this.core.store.events
      .range(tenantId, cursor, to)
      .filter((event) => canSee(session.viewer, event))
      .map(toSyncEvent);
    const hasMore = to < head;
    this.live = !hasMore;
    this.sentThrough = to;
    this.send({ type: 'events', from: cursor, to, events, hasMore });
  }

  /**
   * One page of what this agent may see now, conversations in id order with their latest
   * messages. `asOfSeq` is read before the page, so pulling from the first page's value afterwards
   * replays anything that changed while the pages were read; every event is safe to apply twice.
   */
  private snapshot(session: SignedIn, after: string | null, limit: number): void {
    const { tenantId } = session.agent;
    const conversations = this.core.store.conversations;
    const asOfSeq = this.core.store.events.headSeq(tenantId);
    const scope = session.viewer;
    const page = conversations.listVisible(tenantId, scope, after, limit);
    const messages: Message[] = [];
    let taken = 0;
    for (const conversation of page) {
      messages.push(...conversations.listMessages(conversation.id, SNAPSHOT_MESSAGES_PER_CONVERSATION).map((m) => m.message));
      taken += 1;
      if (messages.length >= SNAPSHOT_PAGE_MESSAGES) break;
    }
    const sent = page.slice(0, taken);
    const more = taken < page.length || page.length === limit;
    this.send({
      type: 'snapshot',
      asOfSeq,
      conversations: sent,
      messages,
      nextAfter: more ? (sent.at(-1)?.id ?? null) : null,
      total: conversations.countVisible(tenantId, scope),
      articles: after === null ? this.core.store.articles.list(tenantId) : [],
    });
  }

  private push(session: SignedIn, items: readonly PushItem[]): void {
    const outcome = applyPush(this.core, session.agent, session.clientId, items);
    // The pushing client sees the events of its changes before the ack that settles its outbox,
    // or a pending status change would flick back to the old one in between.
    this.host.flushEvents();
    this.send({ type: 'ack', lastMutationId: outcome.lastMutationId, rejections: outcome.rejections });
    this.host.pushed(items.length, outcome.rejections.length);
    if (outcome.presenceAfter !== outcome.presenceBefore) this.host.presenceChosen(session.agent);
    for (const agentId of outcome.presenceSetFor) {
      const account = this.core.store.accounts.findAgent(agentId);
      if (account) this.host.presenceChosen(account.agent);
    }
  }

  private sendError(code: 'bad_frame' | 'unauthorized' | 'expired' | 'internal', message: string): void {
    this.send({ type: 'error', code, message });
  }
}
