import type { Presence, SettablePresence } from '../../src-shared/domain/model.js';

/** Who has an open sync connection; an agent without one is `offline` whatever they chose. */
export class ConnectedAgents {
  private readonly connections = new Map<string, number>();
  /** When each agent's effective presence last changed, as seen by this relay. */
  private readonly since = new Map<string, number>();

  /** Notes that the agent's presence changed at `at` (connection, disconnection or their choice). */
  changed(agentId: string, at: number): void {
    this.since.set(agentId, at);
  }

  changedAt(agentId: string): number | null {
    return this.since.get(agentId) ?? null;
  }

  /** Counts a connection; true when it is the agent's first. */
  connect(agentId: string): boolean {
    const count = (this.connections.get(agentId) ?? 0) + 1;
    this.connections.set(agentId, count);
    return count === 1;
  }

  /** Forgets a connection; true when it was the agent's last. */
  disconnect(agentId: string): boolean {
    const count = (this.connections.get(agentId) ?? 0) - 1;
    if (count > 0) {
      this.connections.set(agentId, count);
      return false;
    }
    this.connections.delete(agentId);
    return count === 0;
  }

  isConnected(agentId: string): boolean {
    return this.connections.has(agentId);
  }

  effective(agentId: string, chosen: SettablePresence): Presence {
    return this.isConnected(agentId) ? chosen : 'offline';
  }
}
