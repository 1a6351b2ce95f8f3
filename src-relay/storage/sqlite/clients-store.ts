import type Database from 'better-sqlite3';
import type { ClientsRepository } from '../port/clients.js';
import type { Synchronous } from './synchronous.js';

/** How far each (client, agent) pair's mutations have been applied: the exactly-once record. */
export function createClientsStore(db: Database.Database): Synchronous<ClientsRepository> {
  const sql = {
    find: db.prepare('SELECT last_mutation_id FROM client_mutations WHERE client_id = ? AND agent_id = ?'),
    save: db.prepare(
      `INSERT INTO client_mutations (client_id, agent_id, last_mutation_id, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (client_id, agent_id) DO UPDATE SET last_mutation_id = excluded.last_mutation_id, updated_at = excluded.updated_at`,
    ),
  };
  return {
    lastMutationId(clientId: string, agentId: string): number {
      const row = sql.find.get(clientId, agentId) as { last_mutation_id: number } | undefined;
      return row?.last_mutation_id ?? 0;
    },
    saveLastMutationId(clientId: string, agentId: string, lastMutationId: number, at: number): void {
      sql.save.run(clientId, agentId, lastMutationId, at);
    },
  };
}
