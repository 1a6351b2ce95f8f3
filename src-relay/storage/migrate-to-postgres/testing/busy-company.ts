import { seedDemoCompany, seedTenant } from '../../../demo/seed.js';
import { createRelayCore } from '../../../relay-core.js';
import { resourcesDir } from '../../../resources.js';
import { ACME_WITH_HISTORY } from '../../../testing/sync-harness.js';
import { TEST_PASSWORD_COST } from '../../../testing/test-relay.js';
import { openSqliteStorage } from '../../sqlite/sqlite-storage.js';

const HOUR = 3_600_000;

/**
 * A SQLite relay database with something in every table the copy must carry: the demo company
 * (conversations, messages, events, articles, SLA policies) with its log pruned, and Acme with an
 * erased customer, a second article version, a rating, an SLA breach, a desk's mutation ids and a
 * WhatsApp account's approved templates.
 */
export async function writeBusyCompany(dbPath: string, now = Date.now()): Promise<void> {
  const core = createRelayCore(openSqliteStorage(dbPath), {
    now: () => now,
    tokenTtlMs: 60_000,
    reportError: (where, error) => {
      throw new Error(`unexpected relay error in ${where}: ${String(error)}`);
    },
  });
  try {
    await seedDemoCompany(core, resourcesDir());
    await seedTenant(core, ACME_WITH_HISTORY, TEST_PASSWORD_COST);
    await core.store.transaction(async ({ events, conversations, articles, ratings, sla, clients, channels }) => {
      // The demo's history lies in the days before now: the floor lands inside it.
      if ((await events.prune('demo', now - 2 * HOUR)) === 0) throw new Error('the demo log had nothing to prune');
      await conversations.eraseConversation('acme', 'c-cid', now);
      await conversations.eraseCustomer('acme', 'yui', { requestedBy: 'root', at: now, conversations: 1, messages: 1 });
      await events.append('acme', now, { conversationId: 'c-cid', teamId: 'team-b', assigneeId: null, previousTeamId: null, previousAssigneeId: null }, { type: 'conversation.erased', conversationId: 'c-cid' });
      const [article] = await articles.list('demo');
      if (!article) throw new Error('the demo company has no article');
      await articles.save('demo', { ...article, version: article.version + 1, title: `${article.title} (revised)` }, 'agent-sam');
      await ratings.insert('acme', { conversationId: 'c-ann', score: 4, comment: 'quick', ratedAt: now, teamId: 'team-a', assigneeId: 'ann', channel: 'email', market: null });
      await sla.insertBreach('acme', { conversationId: 'c-queue', target: 'first_response', dueAt: now - HOUR, breachedAt: now - HOUR + 5, teamId: 'team-a', channel: 'sms', market: null });
      await clients.saveLastMutationId('ann-desk', 'ann', 7, now);
      await clients.saveLastMutationId('bob-desk', 'bob', 3, now);
      // A WhatsApp account with its approved templates, in two languages.
      await channels.insertAccount({ id: 'wa-acme', tenantId: 'acme', provider: 'whatsapp', displayName: 'Sales', teamId: 'team-a', webhookToken: 'token-wa-acme-0123456789', sealedCredentials: 'sealed', createdAt: now });
      const template = { name: 'order_shipped', category: 'UTILITY', header: 'Acme', body: 'Hello {{1}}, order {{2}} shipped.', footer: null, parameterCount: 2 };
      await channels.replaceTemplates('wa-acme', [{ ...template, language: 'en_US' }, { ...template, language: 'de' }], now);
    });
  } finally {
    await core.store.close();
  }
}
