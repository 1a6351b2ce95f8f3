import WebSocket from 'ws';
import { WebchatClientFrame, type WebchatMessage, type WebchatServerFrame } from '../../src-shared/protocol/webchat.js';
import { TenantHeadcount } from '../bus/log-bus.js';
import type { RelayCore } from '../relay-core.js';
import { frameBytes, frameText } from '../sockets/frame-text.js';
import { uncaught } from '../sockets/uncaught.js';
import type { VisitorLine, WebCalls } from '../voice/web-calls.js';
import { repeatEvery } from '../repeating.js';
import { WebchatLimits, type LimitRefusal, type WebchatLimitSettings } from './chat-limits.js';
import type { LoggedEvent } from '../storage/port/events.js';
import { StandingBoard, type QueueStanding } from '../routing/queue-standing.js';
import { waitingOf } from '../routing/queue-order.js';
import type { Conversation } from '../../src-shared/domain/model.js';
import { repliesInCustomerLanguage } from '../routing/language-promise.js';
import { awaitsRating, rateConversation, sendCustomerMessage, startChat, type ChatVisitor } from '../conversations/customer-chat.js';
import { toWebchatMessage } from './webchat-message.js';

/** A customer frame is one short message; anything bigger is not from our page. */
const WEBCHAT_FRAME_MAX_BYTES = 96 * 1024;

/** How often a waiting customer's place in line is looked at again. */
const QUEUE_REFRESH_MS = 10_000;

/** What a customer is told when a limit holds them back; the limits are in chat-limits.ts. */
const LIMIT_MESSAGES: Record<LimitRefusal, string> = {
  sends: 'You are sending messages very fast; please wait a moment and send that again.',
  'new-chats': 'Too many new chats were opened from your network just now; please wait a minute and try again.',
  uploads: 'You are sending files very fast; please wait a moment and send that again.',
};

/** One customer's socket. Messages already shown to it are not sent again. */
class WebchatSession {
  visitor: ChatVisitor | null = null;
  /** This socket's frames are handled one after another, as they came. */
  turn: Promise<void> = Promise.resolve();
  /** This page as a party to web calls, once the chat has started. */
  line: VisitorLine | null = null;
  private readonly shown = new Set<string>();
  /** The last place in line told, so an unchanged one is not sent again. */
  private standing = '';
  /** Whether the customer was last told we reply in their language; null before they were told. */
  private promised: boolean | null = null;
  /** What of the conversation its standing was last worked out from (standingKeyOf). */
  standingKey = '';

  constructor(
    private readonly socket: WebSocket,
    /** The customer's network address, which the chat's limits count by. */
    readonly address: string,
  ) {}

  send(frame: WebchatServerFrame): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  show(message: WebchatMessage): void {
    if (this.shown.has(message.id)) return;
    this.shown.add(message.id);
    this.send({ type: 'message', message });
  }

  showStanding(standing: QueueStanding): void {
    const key = JSON.stringify(standing);
    if (key === this.standing) return;
    this.standing = key;
    this.send({ type: 'queue', ...standing });
  }

  showPromise(yours: boolean): void {
    if (yours === this.promised) return;
    this.promised = yours;
    this.send({ type: 'language', yours });
  }

  showThread(visitorToken: string, messages: WebchatMessage[]): void {
    for (const message of messages) this.shown.add(message.id);
    if (this.visitor) this.send({ type: 'ready', visitorToken, conversationId: this.visitor.conversationId, messages });
  }
}

/**
 * Every customer socket on /webchat, by conversation, so a committed message reaches each of
 * the customer's open pages (an agent's reply, or the customer's own from another tab).
 */
export class WebchatHub {
  private readonly byConversation = new Map<string, Set<WebchatSession>>();
  /** Listening pages by tenant: in a cluster, other nodes' commits are read only for these tenants. */
  private readonly listeningTenants = new TenantHeadcount();
  private readonly unsubscribe: () => void;
  /** Once the relay is closing, sockets that are still going away are left alone. */
  private stopped = false;

  private readonly stopQueueRefresh: () => void;
  /** Committed events reach the pages in commit order, one batch after another. */
  private fanOutTurn: Promise<void> = Promise.resolve();
  /** Shared with the chat's file uploads (http/file-routes.ts). */
  readonly limits: WebchatLimits;

  constructor(
    private readonly core: RelayCore,
    private readonly calls: WebCalls,
    limits: Partial<WebchatLimitSettings> = {},
  ) {
    this.limits = new WebchatLimits(limits);
    this.unsubscribe = core.bus.subscribe((_tenantId, events) => {
      this.fanOutTurn = this.fanOutTurn
        .then(() => this.fanOut(events))
        .catch((error: unknown) => this.core.reportError('webchat fan-out', error))
        .catch(uncaught);
    }, this.listeningTenants.has);
    // Others ahead in line are served without this conversation changing: look again now and then.
    this.stopQueueRefresh = repeatEvery(QUEUE_REFRESH_MS, 'queue standing', core.reportError, () => this.refreshStandings());
  }

  accept(socket: WebSocket, address: string): void {
    const session = new WebchatSession(socket, address);
    socket.on('message', (raw, isBinary) => {
      if (this.stopped) return;
      session.turn = session.turn
        .then(() => this.receive(session, raw, isBinary))
        .catch((error: unknown) => {
          this.core.reportError('webchat frame', error);
          session.send({ type: 'error', message: 'Something went wrong on our side; please send that again.' });
        })
        .catch(uncaught);
    });
    socket.on('close', () => this.forget(session));
    socket.on('error', () => undefined);
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    this.stopQueueRefresh();
  }

  private async receive(session: WebchatSession, raw: WebSocket.RawData, isBinary: boolean): Promise<void> {
    if (isBinary || frameBytes(raw) > WEBCHAT_FRAME_MAX_BYTES) {
      session.send({ type: 'error', message: 'That message could not be read.' });
      return;
    }
    const parsed = parseFrame(frameText(raw));
    if (!parsed.ok) {
      session.send({ type: 'error', message: parsed.message });
      return;
    }
    const frame = parsed.frame;
    if (frame.type === 'hello') await this.hello(session, frame);
    else if (frame.type === 'rate') await this.customerRates(session, frame);
    else if (frame.type === 'send') await this.customerSends(session, frame);
    else if (!session.line) session.send({ type: 'error', message: 'Please tell us your name first.' });
    else if (frame.type === 'call.start') await this.calls.start(session.line, frame.callId);
    else await this.calls.fromVisitor(session.line, frame);
  }

  private async hello(session: WebchatSession, hello: Extract<WebchatClientFrame, { type: 'hello' }>): Promise<void> {
    if (session.visitor) {
      session.send({ type: 'error', message: 'This chat has already started.' });
      return;
    }
    const start = await startChat(this.core, hello, () => {
      const refusal = this.limits.newChat(session.address, this.core.now());
      return refusal && LIMIT_MESSAGES[refusal];
    });
    await this.fannedOut();
    if (!start.ok) {
      session.send({ type: 'error', message: start.message });
      return;
    }
    session.visitor = start.visitor;
    session.line = { tenantId: start.visitor.tenantId, conversationId: start.visitor.conversationId, send: (frame) => session.send(frame) };
    this.listen(session, start.visitor);
    session.showThread(start.visitorToken, start.messages.map(toWebchatMessage));
    await this.tellStanding(session);
    if (await awaitsRating(this.core, start.visitor)) session.send({ type: 'rating-request' });
  }

  private async customerRates(session: WebchatSession, rate: Extract<WebchatClientFrame, { type: 'rate' }>): Promise<void> {
    if (!session.visitor) {
      session.send({ type: 'error', message: 'Please tell us your name first.' });
      return;
    }
    const problem = await rateConversation(this.core, session.visitor, rate);
    if (problem) session.send({ type: 'error', message: problem });
  }

  /**
   * Their place in line, and whether we can promise a reply in their language, as the conversation
   * stands now. `board` shares each team's queue and agents among the pages looked at together.
   */
  private async tellStanding(session: WebchatSession, board = new StandingBoard(this.core, session.visitor?.tenantId ?? '')): Promise<void> {
    const visitor = session.visitor;
    if (!visitor) return;
    const conversation = await this.core.store.conversations.findConversation(visitor.tenantId, visitor.conversationId);
    session.standingKey = conversation ? standingKeyOf(conversation) : '';
    session.showStanding(await board.standingOf(conversation));
    if (conversation) session.showPromise(await repliesInCustomerLanguage(this.core, visitor.tenantId, conversation, (teamId) => board.candidatesOf(teamId)));
  }

  private async refreshStandings(): Promise<void> {
    const boards = new Map<string, StandingBoard>();
    const sessions = [...this.byConversation.values()].flatMap((listening) => [...listening]);
    for (const session of sessions) {
      const tenantId = session.visitor?.tenantId;
      if (!tenantId) continue;
      let board = boards.get(tenantId);
      if (!board) boards.set(tenantId, (board = new StandingBoard(this.core, tenantId)));
      await this.tellStanding(session, board);
    }
  }

  private async customerSends(session: WebchatSession, send: Extract<WebchatClientFrame, { type: 'send' }>): Promise<void> {
    if (!session.visitor) {
      session.send({ type: 'error', message: 'Please tell us your name first.' });
      return;
    }
    const refusal = this.limits.send(session.visitor.conversationId, session.address, this.core.now());
    if (refusal) {
      session.send({ type: 'error', message: LIMIT_MESSAGES[refusal] });
      return;
    }
    const sent = await sendCustomerMessage(this.core, session.visitor, send);
    if ('refused' in sent) {
      session.send({ type: 'error', message: sent.refused });
      return;
    }
    const { message, duplicate } = sent;
    await this.fannedOut();
    // A new message reached every open page through the bus; a repeat is answered to this
    // page again, so every send gets its echo.
    if (duplicate) session.send({ type: 'message', message: toWebchatMessage(message) });
  }

  /**
   * Resolves once the events committed so far have reached the pages: a customer's frame is
   * answered only after its own commit's fan-out, so the page hears of its message (or its new
   * chat) before the answer to the frame that follows.
   */
  private fannedOut(): Promise<void> {
    return this.fanOutTurn;
  }

  private async fanOut(events: readonly LoggedEvent[]): Promise<void> {
    for (const event of events) {
      if (event.data.type === 'conversation.erased') {
        this.endErased(event.data.conversationId);
        continue;
      }
      if (event.data.type === 'conversation.upserted') {
        await this.conversationChanged(event.data.conversation);
        continue;
      }
      // Internal notes are for colleagues: they never reach the customer's page.
      if (event.data.type !== 'message.created' || event.data.message.internal) continue;
      const listening = this.byConversation.get(event.data.message.conversationId);
      if (!listening) continue;
      const stored = await this.core.store.conversations.findMessage(event.data.message.id);
      if (!stored) continue;
      for (const session of listening) session.show(toWebchatMessage(stored));
    }
  }

  /**
   * An agent took it (no more waiting), it moved in or out of a queue, or it was resolved (the
   * customer may rate it). A customer's new message changes none of that, and is not worth
   * reading the team's queue for: others served ahead are caught by the refresh now and then.
   */
  private async conversationChanged(conversation: Conversation): Promise<void> {
    const listening = this.byConversation.get(conversation.id);
    if (!listening) return;
    const standingKey = standingKeyOf(conversation);
    for (const session of [...listening]) {
      if (session.standingKey !== standingKey) await this.tellStanding(session);
      if (conversation.status === 'resolved' && session.visitor && (await awaitsRating(this.core, session.visitor))) session.send({ type: 'rating-request' });
    }
  }

  /** The customer's data is gone: an open page can no longer write into it, and is told so. */
  private endErased(conversationId: string): void {
    const listening = this.byConversation.get(conversationId);
    if (!listening) return;
    this.byConversation.delete(conversationId);
    for (const session of listening) {
      if (session.visitor) this.listeningTenants.remove(session.visitor.tenantId);
      session.visitor = null;
      session.send({ type: 'error', message: 'This chat has ended and its messages were deleted. Reload the page to start a new chat.' });
    }
  }

  private listen(session: WebchatSession, visitor: ChatVisitor): void {
    const conversationId = visitor.conversationId;
    const sessions = this.byConversation.get(conversationId) ?? new Set();
    if (!sessions.has(session)) this.listeningTenants.add(visitor.tenantId);
    sessions.add(session);
    this.byConversation.set(conversationId, sessions);
  }

  private forget(session: WebchatSession): void {
    if (session.line) void this.calls.visitorGone(session.line);
    const visitor = session.visitor;
    const sessions = visitor ? this.byConversation.get(visitor.conversationId) : undefined;
    if (!visitor || !sessions?.delete(session)) return;
    this.listeningTenants.remove(visitor.tenantId);
    if (sessions.size === 0) this.byConversation.delete(visitor.conversationId);
  }
}

/** What of a conversation its customer's standing and language promise depend on. */
function standingKeyOf(conversation: Conversation): string {
  return JSON.stringify([conversation.assigneeId, conversation.status, conversation.teamId, waitingOf(conversation)]);
}

function parseFrame(text: string): { ok: true; frame: WebchatClientFrame } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'That message could not be read.' };
  }
  const parsed = WebchatClientFrame.safeParse(json);
  if (parsed.success) return { ok: true, frame: parsed.data };
  // The first problem, in words a customer can act on ("please give your name").
  return { ok: false, message: parsed.error.issues[0]?.message ?? 'That message could not be read.' };
}
