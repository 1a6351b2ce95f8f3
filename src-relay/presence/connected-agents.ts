import type { AwayReason, Presence, SettablePresence } from '../../src-shared/domain/model.js';
import type { TranslationRoute } from '../../src-shared/domain/translation-routes.js';

/** What this node's desks are shown of a connected agent: another node needs it to tell its own. */
export interface ShownPresence {
  agentId: string;
  tenantId: string;
  presence: Presence;
  reason: AwayReason | null;
  until: number | null;
}

/**
 * Who has a sync connection open: on a single relay this node's desks (`ConnectedAgents`); in a
 * cluster also the desks the other nodes announce (`ClusterPresence`, presence/cluster-presence.ts).
 * `connect`/`disconnect` count this node's connections only.
 */
export interface DeskPresence {
  /** Notes that the agent's presence changed at `at` (connection, disconnection or their choice). */
  changed(agentId: string, at: number): void;
  changedAt(agentId: string): number | null;
  /** Counts a connection on this node; true when it is the agent's first here. */
  connect(agentId: string): boolean;
  /** Forgets a connection on this node; true when it was the agent's last here. */
  disconnect(agentId: string): boolean;
  /** Connected on this node or, in a cluster, on a node that announced it lately. */
  isConnected(agentId: string): boolean;
  effective(agentId: string, chosen: SettablePresence): Presence;
  /** What this node just showed its desks of one of its own agents; a cluster tells the others. */
  shown(presence: ShownPresence): void;
  /**
   * Calls `listener` when an agent connected elsewhere appears, changes or drops out (a dead
   * node's desks within the expiry); never on a single relay. Returns the unsubscribe.
   */
  onRemoteChange(listener: (agentId: string, tenantId: string) => void): () => void;
  /** Where "on a web call" comes from on this node, for the other nodes' live boards. */
  callsFrom(talking: () => ReadonlySet<string>): void;
  /** Agents another node announces as talking on a web call (none on a single relay). */
  talkingElsewhere(): ReadonlySet<string>;
  /** What the agent's desk reported its installed models can translate; kept while the agent is connected here. */
  translationReported(agentId: string, routes: readonly TranslationRoute[]): void;
  /**
   * What a connected agent's desk can translate, on this node or (in a cluster) another; none for
   * an agent not connected, or whose desk has not said. The latest report counts when an agent has
   * several desks: it is the one they are working at.
   */
  translationOf(agentId: string): readonly TranslationRoute[];
}

/** Who has an open sync connection to this relay; an agent without one is `offline` whatever they chose. */
export class ConnectedAgents implements DeskPresence {
  private readonly connections = new Map<string, number>();
  /** When each agent's effective presence last changed, as seen by this relay. */
  private readonly since = new Map<string, number>();
  private readonly translation = new Map<string, readonly TranslationRoute[]>();

  changed(agentId: string, at: number): void {
    this.since.set(agentId, at);
  }

  changedAt(agentId: string): number | null {
    return this.since.get(agentId) ?? null;
  }

  connect(agentId: string): boolean {
    const count = (this.connections.get(agentId) ?? 0) + 1;
    this.connections.set(agentId, count);
    return count === 1;
  }

  disconnect(agentId: string): boolean {
    const count = (this.connections.get(agentId) ?? 0) - 1;
    if (count > 0) {
      this.connections.set(agentId, count);
      return false;
    }
    this.connections.delete(agentId);
    this.translation.delete(agentId);
    return count === 0;
  }

  isConnected(agentId: string): boolean {
    return this.connections.has(agentId);
  }

  effective(agentId: string, chosen: SettablePresence): Presence {
    return this.isConnected(agentId) ? chosen : 'offline';
  }

  /** A single relay has nobody to tell. */
  shown(): void {}

  onRemoteChange(): () => void {
    return () => undefined;
  }

  callsFrom(): void {}

  talkingElsewhere(): ReadonlySet<string> {
    return new Set();
  }

  translationReported(agentId: string, routes: readonly TranslationRoute[]): void {
    if (this.isConnected(agentId)) this.translation.set(agentId, routes);
  }

  translationOf(agentId: string): readonly TranslationRoute[] {
    return this.translation.get(agentId) ?? [];
  }
}
