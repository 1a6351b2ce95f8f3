import type { Conversation, Message } from '../../../src-shared/domain/model.js';
import type { RelayStorage } from '../port/relay-storage.js';

/**
 * Two tenants, written through the port alone. Ids are chosen so that byte order (SQLite's, and
 * the one the PostgreSQL adapter asks for) differs from a language's collation: 'Bea' < 'al' < 'ann'.
 * Acme has two customers, Kim ('cust') and Lee ('cust-2'); Globex one, Gus.
 */
export async function seedTenants(storage: RelayStorage): Promise<void> {
  await storage.transaction(async ({ accounts, conversations }) => {
    await accounts.insertTenant({ id: 'acme', name: 'Acme' }, 1);
    await accounts.insertTenant({ id: 'globex', name: 'Globex' }, 2);
    await accounts.insertTeam('acme', { id: 'team-b', name: 'Team B', languages: ['ja'], schedule: null, overflowTeamId: null }, 1);
    await accounts.insertTeam('acme', { id: 'team-a', name: 'Team A', languages: ['en', 'de'], schedule: null, overflowTeamId: null }, 0);
    await accounts.insertTeam('globex', { id: 'globex-team', name: 'Globex Team', languages: ['en'], schedule: null, overflowTeamId: null }, 0);
    const agent = (id: string, tenantId: string, role: 'agent' | 'supervisor' | 'admin', teamIds: string[], email = `${id}@${tenantId}.test`) =>
      accounts.insertAgent({ id, tenantId, email, name: id.toUpperCase(), role, language: 'en', passwordHash: `hash-${id}`, chosenPresence: 'available', teamIds, createdAt: 1 });
    await agent('ann', 'acme', 'agent', ['team-b', 'team-a']);
    await agent('al', 'acme', 'agent', ['team-a']);
    await agent('Bea', 'acme', 'agent', ['team-a']);
    await agent('cid', 'acme', 'agent', ['team-b']);
    await agent('sue', 'acme', 'supervisor', ['team-a']);
    await agent('root', 'acme', 'admin', []);
    // One person working for two tenants, under one email.
    await agent('gil', 'globex', 'agent', ['globex-team'], 'ann@acme.test');
    await conversations.insertCustomer('acme', { id: 'cust', name: 'Kim', language: 'en', market: 'DE', createdAt: 1, vip: true });
    await conversations.insertCustomer('acme', { id: 'cust-2', name: 'Lee', language: 'ja', market: null, createdAt: 1 });
    await conversations.insertCustomer('globex', { id: 'gus', name: 'Gus', language: 'en', market: null, createdAt: 1 });
  });
}

/** A conversation with every field the stores read back set, so that a round trip compares equal. */
export function conversationOf(id: string, over: Partial<Conversation> = {}): Conversation {
  return {
    id,
    customerId: 'cust',
    customerName: 'Kim',
    channel: 'webchat',
    teamId: 'team-a',
    assigneeId: null,
    status: 'open',
    language: 'en',
    market: 'DE',
    createdAt: 100,
    updatedAt: 100,
    lastMessageAt: 100,
    lastMessagePreview: '',
    labels: [],
    vip: true,
    intent: null,
    upset: false,
    sla: null,
    offer: null,
    ...over,
  };
}

export function messageOf(id: string, conversationId: string, over: Partial<Message> = {}): Message & { call: null } {
  return {
    id,
    conversationId,
    author: 'customer',
    authorId: null,
    authorName: 'Kim',
    body: `body of ${id}`,
    createdAt: 100,
    internal: false,
    original: null,
    ...over,
    call: null,
  };
}
