import { randomUUID } from 'node:crypto';
import type { Presence, SettablePresence } from '../../src-shared/domain/model.js';
import type { TranslationRoute } from '../../src-shared/domain/translation-routes.js';
import { decodeAnnouncement, encodeAnnouncement, presenceSubject, type AnnouncedDesk } from '../bus/desk-announcement.js';
import { openNatsLink, type NatsLink } from '../bus/nats-link.js';
import { ConnectedAgents, type DeskPresence, type ShownPresence } from './connected-agents.js';

export interface ClusterPresenceOptions {
  /** Default 2 s: how often this node announces its desks even when nothing changed. */
  heartbeatMs?: number;
  /** Default 3: a node not heard for this many heartbeats is taken for dead, and its desks drop out. */
  missedHeartbeats?: number;
  now?: () => number;
}

export interface PresenceLinkOptions {
  url: string;
  subjectPrefix: string;
  reconnectWaitMs: number;
  pingIntervalMs: number;
  reportError(where: string, error: unknown): void;
}

interface RemoteNode {
  heardAt: number;
  desks: Map<string, AnnouncedDesk>;
}

/**
 * Who is connected across the cluster: this node's own desks, counted as on a single relay, and
 * the desks the other nodes announce over core NATS, each node's list kept until it has not been
 * heard for `missedHeartbeats` heartbeats (6 s by default; a sweep every quarter heartbeat drops
 * it within 6.5 s). Best-effort like the presence frames it feeds: no seq, no storage.
 */
export class ClusterPresence implements DeskPresence {
  readonly nodeId = randomUUID();
  private readonly local = new ConnectedAgents();
  private readonly shownHere = new Map<string, ShownPresence>();
  private readonly remote = new Map<string, RemoteNode>();
  private readonly listeners = new Set<(agentId: string, tenantId: string) => void>();
  private talking: () => ReadonlySet<string> = () => new Set();
  private link: NatsLink | null = null;
  private subject = '';
  private timers: NodeJS.Timeout[] = [];
  private announcing: NodeJS.Immediate | null = null;
  private readonly heartbeatMs: number;
  private readonly expiryMs: number;
  private readonly now: () => number;

  constructor(options: ClusterPresenceOptions = {}) {
    this.heartbeatMs = options.heartbeatMs ?? 2_000;
    this.expiryMs = this.heartbeatMs * (options.missedHeartbeats ?? 3);
    this.now = options.now ?? Date.now;
  }

  /** Connects in the background (the heartbeat announces once it is up) and starts the heartbeat and the sweep. */
  start(options: PresenceLinkOptions): void {
    this.link = openNatsLink({
      url: options.url,
      name: `relay-presence-${this.nodeId}`,
      subject: presenceSubject(options.subjectPrefix),
      onMessage: (message) => this.heard(message.data),
      onStateChange: () => undefined,
      reportError: (error) => options.reportError('cluster presence', error),
      reconnectWaitMs: options.reconnectWaitMs,
      pingIntervalMs: options.pingIntervalMs,
    });
    this.subject = presenceSubject(options.subjectPrefix);
    this.timers.push(
      setInterval(() => this.announce(), this.heartbeatMs),
      setInterval(() => this.sweep(), Math.max(50, Math.floor(this.heartbeatMs / 4))),
    );
  }

  /** Says goodbye (an empty list) so the others drop this node's desks at once, then closes. */
  async close(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    if (this.announcing) clearImmediate(this.announcing);
    this.announcing = null;
    this.link?.publish(this.subject, encodeAnnouncement({ node: this.nodeId, desks: [] }));
    await this.link?.close();
  }

  /** Where "on a call" comes from (the web calls of this node), for the announcements. */
  callsFrom(talking: () => ReadonlySet<string>): void {
    this.talking = talking;
  }

  /** Agents the other nodes announce as talking on a web call. */
  translationReported(agentId: string, routes: readonly TranslationRoute[]): void {
    this.local.translationReported(agentId, routes);
    if (this.shownHere.has(agentId)) this.announceSoon();
  }

  translationOf(agentId: string): readonly TranslationRoute[] {
    if (this.local.isConnected(agentId)) return this.local.translationOf(agentId);
    for (const node of this.liveNodes()) {
      const desk = node.desks.get(agentId);
      if (desk) return desk.translation;
    }
    return [];
  }

  talkingElsewhere(): ReadonlySet<string> {
    const agents = new Set<string>();
    for (const node of this.liveNodes()) for (const desk of node.desks.values()) if (desk.onCall) agents.add(desk.agentId);
    return agents;
  }

  changed(agentId: string, at: number): void {
    this.local.changed(agentId, at);
  }

  changedAt(agentId: string): number | null {
    return this.local.changedAt(agentId);
  }

  connect(agentId: string): boolean {
    return this.local.connect(agentId);
  }

  disconnect(agentId: string): boolean {
    const last = this.local.disconnect(agentId);
    if (last) {
      this.shownHere.delete(agentId);
      this.announceSoon();
    }
    return last;
  }

  isConnected(agentId: string): boolean {
    if (this.local.isConnected(agentId)) return true;
    for (const node of this.liveNodes()) if (node.desks.has(agentId)) return true;
    return false;
  }

  /** The node another agent's desks are on, while it is heard; null for this node's own and the unknown. */
  nodeOf(agentId: string): string | null {
    const now = this.now();
    for (const [nodeId, node] of this.remote) if (now - node.heardAt < this.expiryMs && node.desks.has(agentId)) return nodeId;
    return null;
  }

  effective(agentId: string, chosen: SettablePresence): Presence {
    return this.isConnected(agentId) ? chosen : 'offline';
  }

  shown(presence: ShownPresence): void {
    if (!this.local.isConnected(presence.agentId)) {
      // Changed here for desks elsewhere: their node tells them, and announces what they show.
      if (this.isConnected(presence.agentId)) this.link?.publish(this.subject, encodeAnnouncement({ node: this.nodeId, changed: { agentId: presence.agentId, tenantId: presence.tenantId } }));
      return;
    }
    this.shownHere.set(presence.agentId, presence);
    this.announceSoon();
  }

  onRemoteChange(listener: (agentId: string, tenantId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private *liveNodes(): Iterable<RemoteNode> {
    const now = this.now();
    for (const node of this.remote.values()) if (now - node.heardAt < this.expiryMs) yield node;
  }

  /** Changes in one turn of the event loop (many sign-ins at once) go out as one announcement. */
  private announceSoon(): void {
    this.announcing ??= setImmediate(() => {
      this.announcing = null;
      this.announce();
    });
  }

  private announce(): void {
    const talking = this.talking();
    const desks = [...this.shownHere.values()].map((shown) => ({ ...shown, onCall: talking.has(shown.agentId), translation: [...this.local.translationOf(shown.agentId)] }));
    this.link?.publish(this.subject, encodeAnnouncement({ node: this.nodeId, desks }));
  }

  private heard(data: Uint8Array): void {
    const announcement = decodeAnnouncement(data);
    if (announcement === null || announcement.node === this.nodeId) return;
    if ('changed' in announcement) return this.tell(announcement.changed);
    const before = this.remote.get(announcement.node)?.desks ?? new Map<string, AnnouncedDesk>();
    const desks = new Map(announcement.desks.map((desk) => [desk.agentId, desk]));
    if (desks.size === 0) this.remote.delete(announcement.node);
    else this.remote.set(announcement.node, { heardAt: this.now(), desks });
    for (const [agentId, desk] of desks) if (!sameDesk(before.get(agentId), desk)) this.tell(desk);
    for (const [agentId, desk] of before) if (!desks.has(agentId)) this.tell(desk);
  }

  /** Drops the desks of nodes not heard within the expiry: a node that died without a goodbye. */
  private sweep(): void {
    const now = this.now();
    for (const [nodeId, node] of this.remote) {
      if (now - node.heardAt < this.expiryMs) continue;
      this.remote.delete(nodeId);
      for (const desk of node.desks.values()) this.tell(desk);
    }
  }

  private tell(desk: { agentId: string; tenantId: string }): void {
    for (const listener of this.listeners) listener(desk.agentId, desk.tenantId);
  }
}

function sameDesk(a: AnnouncedDesk | undefined, b: AnnouncedDesk): boolean {
  const same = a !== undefined && a.presence === b.presence && a.reason === b.reason && a.until === b.until && a.onCall === b.onCall && a.tenantId === b.tenantId;
  // A desk that can translate more may now be routed other languages.
  return same && JSON.stringify(a.translation) === JSON.stringify(b.translation);
}
