import type { TranslationRoute } from '../../src-shared/domain/translation-routes.js';
import type WebSocket from 'ws';
import type { Agent, Presence } from '../../src-shared/domain/model.js';
import type { RelayFrame } from '../../src-shared/protocol/sync.js';
import { TenantHeadcount } from '../bus/log-bus.js';
import type { RelayCore } from '../relay-core.js';
import { repeatEvery } from '../repeating.js';
import { drainQueue } from '../routing/assignment.js';
import type { ChosenPresence } from '../storage/port/accounts.js';
import type { LoggedEvent } from '../storage/port/events.js';
import type { AgentCallFrame, IceServer } from '../../src-shared/protocol/voice.js';
import type { CallRelay } from '../bus/call-relay.js';
import { RemoteDesks, type DeskDirectory } from '../voice/remote-desks.js';
import { CALL_WAIT_MS, RING_MS, WebCalls, type AgentLine } from '../voice/web-calls.js';
import { EventBatch } from './event-batch.js';
import { SyncSession, type SessionHost } from './sync-session.js';
import { readTenantDirectory, TenantDirectories, type TenantDirectory } from './tenant-directory.js';

/**
 * How often every open connection's token and role are read again: a revocation, a disabled
 * account or a role change made on another node of a cluster reaches this node's sockets within
 * this time (on the node that made it, at once: `endSessionsOf`, `rescope`).
 */
const ACCESS_CHECK_MS = 5_000;
/** How often timed states (after-call work) are looked at. */
const STATE_CHECK_MS = 5_000;
/** The lease of a tenant's timed states, and the name their failures are reported under. */
const AFTER_CALL_WORK = 'timed agent states';

/** What the hub reports as it works, for the metrics (src-relay/ops); nobody listens by default. */
export interface SyncHubObserver {
  pushed(mutations: number, refused: number): void;
  /** `now` on the relay's clock, the one the events' `at` is on. */
  fannedOut(events: readonly LoggedEvent[], now: number): void;
}

/**
 * Every open /sync connection. Fans committed events out to the live ones, keeps effective
 * presence (offline without a connection) and tells the tenant when it changes.
 */
export class SyncHub implements SessionHost {
  private readonly sessions = new Set<SyncSession>();
  /** Signed-in sessions by tenant: in a cluster, other nodes' commits are read only for these tenants. */
  private readonly signedInTenants = new TenantHeadcount();
  private readonly unsubscribe: () => void;
  private readonly unsubscribeRemote: () => void;
  /** Once the relay is closing, sockets that are still going away are left alone. */
  private stopped = false;
  /** Committed events not yet sent, by tenant; sent together on the next turn of the event loop. */
  private readonly unsent = new Map<string, LoggedEvent[]>();
  private flushing: NodeJS.Immediate | null = null;

  private readonly stopStateChecks: () => void;
  private readonly stopAccessChecks: () => void;
  /** Web calls ring these sessions' desks; the web chat hub passes the customers' side. */
  readonly calls: WebCalls;
  private readonly desks = new WeakMap<SyncSession, AgentLine>();
  /** In a cluster: the desks of agents signed in on other nodes, for web calls. */
  private readonly remoteDesks: RemoteDesks | null;
  observer: SyncHubObserver | null = null;
  /** Shared among the hellos of a sign-in storm. */
  private readonly directories: TenantDirectories;

  constructor(
    private readonly core: RelayCore,
    stateCheckMs = STATE_CHECK_MS,
    iceServers: IceServer[] = [],
    cluster?: { calls: CallRelay; directory: DeskDirectory },
    accessCheckMs = ACCESS_CHECK_MS,
  ) {
    this.stopAccessChecks = repeatEvery(accessCheckMs, 'sync access checks', core.reportError, () => this.checkAccess());
    this.remoteDesks = cluster ? new RemoteDesks(cluster.calls, cluster.directory, (agentId) => this.localDesksOf(agentId)) : null;
    this.directories = new TenantDirectories((tenantId) => readTenantDirectory(core.store, tenantId));
    this.unsubscribe = core.bus.subscribe((tenantId, events) => this.fanOut(tenantId, events), this.signedInTenants.has);
    this.stopStateChecks = repeatEvery(stateCheckMs, AFTER_CALL_WORK, core.reportError, () => this.endTimedStates());
    this.calls = new WebCalls(core, (agentId) => this.desksOf(agentId), RING_MS, CALL_WAIT_MS, iceServers);
    this.remoteDesks?.serve(this.calls);
    // In a cluster: a desk on another node signed in, out, changed or dropped out with its node.
    this.unsubscribeRemote = core.connected.onRemoteChange((agentId, tenantId) => {
      if (!this.stopped) this.remoteChanged(agentId, tenantId).catch((error: unknown) => this.core.reportError('cluster presence', error));
    });
    core.connected.callsFrom(() => this.calls.agentsTalking());
  }

  accept(socket: WebSocket): void {
    const session = new SyncSession(socket, this.core, this);
    this.sessions.add(session);
    socket.on('message', (raw, isBinary) => {
      if (!this.stopped) void session.receive(raw, isBinary);
    });
    socket.on('close', () => {
      if (this.stopped) return;
      this.ended(session).catch((error: unknown) => this.core.reportError('sync close', error));
    });
    // ws closes the socket itself after an error (a frame over maxPayload, a protocol error).
    socket.on('error', () => undefined);
  }

  async signedIn(session: SyncSession): Promise<void> {
    const agent = session.signedIn?.agent;
    if (!agent) return;
    this.signedInTenants.add(agent.tenantId);
    const first = this.core.connected.connect(agent.id);
    await this.sendPresenceOfTenant(session, agent.tenantId);
    if (!first) return;
    await this.broadcastPresence(agent, session);
    await this.drainIfAvailable(agent);
    await this.calls.serveWaiting();
  }

  directory(tenantId: string): Promise<TenantDirectory> {
    return this.directories.current(tenantId);
  }

  async callFrame(session: SyncSession, frame: AgentCallFrame): Promise<void> {
    const desk = this.deskOf(session);
    if (desk && !this.remoteDesks?.fromLocalDesk(desk, frame)) await this.calls.fromDesk(desk, frame);
  }

  async translationReported(agent: Agent, routes: readonly TranslationRoute[]): Promise<void> {
    this.core.connected.translationReported(agent.id, routes);
    await this.drainIfAvailable(agent);
  }

  async presenceChosen(agent: Agent): Promise<void> {
    await this.broadcastPresence(agent, null);
    await this.drainIfAvailable(agent);
    await this.calls.serveWaiting();
  }

  /** Closes the connections signed in with a token that was just revoked. */
  revoke(tokenHash: string): void {
    for (const session of this.sessions) {
      if (session.signedIn?.tokenHash === tokenHash) session.signOut('unauthorized', 'You signed out.');
    }
  }

  /** Ends every connection of the agent: their tokens were revoked, or the account disabled. */
  endSessionsOf(agentId: string, message: string): void {
    for (const session of this.sessions) {
      if (session.signedIn?.agent.id === agentId) session.signOut('unauthorized', message);
    }
  }

  /** The agent's connections reconnect, and are scoped by their role as it is now. */
  rescope(agentId: string): void {
    for (const session of this.sessions) {
      if (session.signedIn?.agent.id === agentId) session.rescope();
    }
  }

  /** One read for every open connection: those whose token is gone end, those whose role changed reconnect. */
  private async checkAccess(): Promise<void> {
    const open = [...this.sessions].filter((session) => session.signedIn !== null);
    if (open.length === 0) return;
    const live = await this.core.store.signIns.liveTokens(open.map((session) => session.signedIn!.tokenHash), this.core.now());
    const roles = new Map(live.map((token) => [token.tokenHash, token.role]));
    for (const session of open) {
      const signedIn = session.signedIn;
      if (!signedIn || !this.sessions.has(session)) continue;
      const role = roles.get(signedIn.tokenHash);
      if (role === undefined) session.signOut('unauthorized', 'This sign-in is no longer valid; sign in again.');
      else if (role !== signedIn.agent.role) session.rescope();
    }
  }

  pushed(mutations: number, refused: number): void {
    this.observer?.pushed(mutations, refused);
  }

  /** Resolves once every connection's frames received so far are handled. */
  async idle(): Promise<void> {
    await Promise.all([...this.sessions].map((session) => session.idle()));
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    this.unsubscribeRemote();
    this.calls.stop();
    this.stopStateChecks();
    this.stopAccessChecks();
    if (this.flushing) clearImmediate(this.flushing);
    this.flushing = null;
    this.unsent.clear();
  }

  flushEvents(): void {
    if (this.flushing) clearImmediate(this.flushing);
    this.flushing = null;
    const batches = [...this.unsent];
    this.unsent.clear();
    for (const [tenantId, events] of batches) {
      const batch = new EventBatch(events);
      for (const session of this.sessions) {
        if (session.signedIn?.agent.tenantId === tenantId) session.deliver(batch);
      }
      this.observer?.fannedOut(events, this.core.now());
    }
  }

  private async ended(session: SyncSession): Promise<void> {
    this.sessions.delete(session);
    session.closed();
    // A hello still being answered would count the agent connected after this forgot them.
    await session.idle();
    const desk = this.desks.get(session);
    if (desk) await this.calls.deskGone(desk);
    if (desk) this.remoteDesks?.localDeskGone(desk);
    const agent = session.signedIn?.agent;
    if (agent) this.signedInTenants.remove(agent.tenantId);
    if (agent && this.core.connected.disconnect(agent.id)) await this.broadcastPresence(agent, null);
  }

  /**
   * Commits that land in the same turn of the event loop go out as one frame per session:
   * under load that is many events per write instead of one write per event and session.
   */
  private fanOut(tenantId: string, events: readonly LoggedEvent[]): void {
    const unsent = this.unsent.get(tenantId);
    if (unsent) unsent.push(...events);
    else this.unsent.set(tenantId, [...events]);
    this.flushing ??= setImmediate(() => {
      try {
        this.flushEvents();
      } catch (error) {
        this.core.reportError('sync fan-out', error);
      }
    });
  }

  /** The same line object for a session every time, so a call knows which desk answered. */
  private deskOf(session: SyncSession): AgentLine | null {
    const agent = session.signedIn?.agent;
    if (!agent) return null;
    let desk = this.desks.get(session);
    if (!desk) {
      desk = { agent, send: (frame) => session.send(frame) };
      this.desks.set(session, desk);
    }
    return desk;
  }

  /** The agent's desks on this node or, when there are none here, their line to the node they are on. */
  private desksOf(agentId: string): AgentLine[] {
    const here = this.localDesksOf(agentId);
    return here.length > 0 || !this.remoteDesks ? here : this.remoteDesks.linesOf(agentId);
  }

  private localDesksOf(agentId: string): AgentLine[] {
    const desks: AgentLine[] = [];
    for (const session of this.sessions) {
      const desk = session.signedIn?.agent.id === agentId ? this.deskOf(session) : null;
      if (desk) desks.push(desk);
    }
    return desks;
  }

  private async presenceOf(agentId: string): Promise<Presence> {
    const account = await this.core.store.accounts.findAgent(agentId);
    return account ? this.core.connected.effective(agentId, account.chosenPresence) : 'offline';
  }

  /** An agent on another node: this node's desks hear of it, and its web calls may ring them. */
  private async remoteChanged(agentId: string, tenantId: string): Promise<void> {
    if (this.remoteDesks) {
      const account = await this.core.store.accounts.findAgent(agentId);
      if (account) this.remoteDesks.know(account.agent);
    }
    const here = this.localDesksOf(agentId)[0];
    // One of ours, changed on another node: our desks hear of it, and the others through our announcement.
    if (here) await this.broadcastPresence(here.agent, null);
    else if (this.signedInTenants.has(tenantId)) await this.tellTenant(agentId, tenantId, null);
    if (this.remoteDesks) await this.calls.serveWaiting();
  }

  /** Tells this node's desks, and through `connected` the other nodes, where the agent stands now. */
  private async broadcastPresence(agent: Agent, except: SyncSession | null): Promise<void> {
    const frame = await this.tellTenant(agent.id, agent.tenantId, except);
    if (frame) this.core.connected.shown({ agentId: agent.id, tenantId: agent.tenantId, presence: frame.presence, reason: frame.reason, until: frame.until });
  }

  private async tellTenant(agentId: string, tenantId: string, except: SyncSession | null): Promise<Extract<RelayFrame, { type: 'presence' }> | null> {
    this.core.connected.changed(agentId, this.core.now());
    const account = await this.core.store.accounts.findAgent(agentId);
    if (!account) return null;
    const frame = this.presenceFrame({ agentId, ...account });
    // Encoded once for every session: a sign-in is told to the whole tenant.
    const text = JSON.stringify(frame);
    for (const session of this.sessions) {
      if (session === except || !toldOf(session, tenantId, agentId)) continue;
      session.sendEncoded(text);
    }
    return frame;
  }

  /** A newly signed-in client learns in one frame where everyone it is told of stands (toldOf), itself included. */
  private async sendPresenceOfTenant(session: SyncSession, tenantId: string): Promise<void> {
    const told = (await this.core.store.accounts.listChosenPresences(tenantId)).filter((chosen) => toldOf(session, tenantId, chosen.agentId));
    const agents = told.map((chosen) => {
      const { type: _type, ...presence } = this.presenceFrame(chosen);
      return presence;
    });
    session.send({ type: 'presences', agents });
  }

  private presenceFrame(chosen: ChosenPresence): Extract<RelayFrame, { type: 'presence' }> {
    const presence = this.core.connected.effective(chosen.agentId, chosen.chosenPresence);
    const detail = presence === 'offline' ? { reason: null, until: null } : { reason: chosen.presenceReason, until: chosen.presenceUntil };
    return { type: 'presence', agentId: chosen.agentId, presence, ...detail };
  }

  /**
   * After-call work ends by itself: the agent is available again, and told so, and takes what
   * waits. In a cluster, the node that holds the tenant's lease does it.
   */
  private async endTimedStates(): Promise<void> {
    for (const agentId of await this.core.store.accounts.listStatesEnded(this.core.now())) {
      const ended = await this.core.store.accounts.findAgent(agentId);
      if (!ended || !(await this.core.leases.acquire(AFTER_CALL_WORK, ended.agent.tenantId))) continue;
      await this.core.store.transaction((tx) => tx.accounts.setChosenPresence(agentId, 'available'));
      const account = await this.core.store.accounts.findAgent(agentId);
      if (account) await this.presenceChosen(account.agent);
    }
  }

  /** An agent who is now available takes queued conversations of their teams. */
  private async drainIfAvailable(agent: Agent): Promise<void> {
    if (agent.role !== 'agent' || (await this.presenceOf(agent.id)) !== 'available') return;
    await this.core.commit(agent.tenantId, (changes) => drainQueue(this.core, changes, agent.teamIds));
  }
}

/**
 * Whose presence a session is told of: its own agent's (their other desks follow a change made on
 * one), and, for supervisors and administrators, everyone's in the tenant. An agent's desk has no
 * use for colleagues' presence, and telling every desk of every sign-in cost n^2 frames.
 */
function toldOf(session: SyncSession, tenantId: string, agentId: string): boolean {
  const viewer = session.signedIn?.agent;
  return viewer?.tenantId === tenantId && (viewer.id === agentId || viewer.role !== 'agent');
}
