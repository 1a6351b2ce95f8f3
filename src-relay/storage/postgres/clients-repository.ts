import type { ClientsRepository } from '../port/clients.js';
import { rowsOf, type Query } from './query.js';

/** How far each (client, agent) pair's mutations have been applied: the exactly-once record. */
export function clientsRepository(query: Query): ClientsRepository {
  return {
    async lastMutationId(clientId, agentId) {
      const [row] = await rowsOf<{ last_mutation_id: number }>(query, 'SELECT last_mutation_id FROM client_mutations WHERE client_id = $1 AND agent_id = $2', [clientId, agentId]);
      return row?.last_mutation_id ?? 0;
    },
    async saveLastMutationId(clientId, agentId, lastMutationId, at) {
      await query(
        `INSERT INTO client_mutations (client_id, agent_id, last_mutation_id, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (client_id, agent_id) DO UPDATE SET last_mutation_id = excluded.last_mutation_id, updated_at = excluded.updated_at`,
        [clientId, agentId, lastMutationId, at],
      );
    },
  };
}
