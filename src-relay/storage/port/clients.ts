/** How far each (client, agent) pair's mutations have been applied: the exactly-once record of pushes. */
export interface ClientsRepository {
  /** 0 for a pair never seen. */
  lastMutationId(clientId: string, agentId: string): Promise<number>;
  saveLastMutationId(clientId: string, agentId: string, lastMutationId: number, at: number): Promise<void>;
}
