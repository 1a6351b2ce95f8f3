import { openFileStore } from '../../files/open-file-store.js';
import { seedTenant } from '../../demo/seed.js';
import { ACME, GLOBEX, TEST_PASSWORD_COST, testCore } from '../../testing/test-relay.js';

/** A 1×1 PNG: the attachment every export must carry byte for byte. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/**
 * Acme and Globex, and Acme's customer Kim (market DE: the GDPR) with everything an export
 * gathers: identities, a conversation held by Ann in team A with a message, a translated reply
 * with a file, an internal note, a call, and a rating; and Lee, whose market names no law.
 * Conversation `other` (team B, Cid's) is one Ann may not act on. The file goes to `filesDir`
 * (the relay's files folder; by default the one beside an SQLite database).
 */
export async function seedPrivacyCompany(dbPath: string, at: number, filesDir?: string): Promise<{ fileId: string }> {
  const files = await openFileStore({ dir: filesDir }, dbPath);
  const stored = await files.put(PNG, { name: 'receipt.png', mediaType: 'image/png' });
  await files.close();
  const core = testCore(dbPath, () => at);
  try {
    await seedTenant(core, ACME, TEST_PASSWORD_COST);
    await seedTenant(core, GLOBEX, TEST_PASSWORD_COST);
    const { conversations, customers } = core.store;
    await conversations.insertCustomer('acme', { id: 'kim', name: 'Kim Weber', language: 'de', market: 'DE', createdAt: at });
    await conversations.insertCustomer('acme', { id: 'lee', name: 'Lee', language: 'ja', market: null, createdAt: at });
    await customers.addIdentity('acme', 'kim', { kind: 'email', value: 'kim@example.de', verified: true }, at);
    await customers.addIdentity('acme', 'kim', { kind: 'phone', value: '+4915112345678', verified: false }, at);
    const base = { customerName: 'Kim Weber', channel: 'webchat' as const, status: 'open' as const, language: 'de', market: 'DE', createdAt: at, updatedAt: at, lastMessageAt: at, lastMessagePreview: '' };
    await core.commit('acme', async (changes) => {
      await changes.addConversation({ ...base, id: 'conv', customerId: 'kim', teamId: 'team-a', assigneeId: 'ann' });
      await changes.addConversation({ ...base, id: 'other', customerId: 'kim', teamId: 'team-b', assigneeId: 'cid' });
    });
    const message = { conversationId: 'conv', createdAt: at, internal: false };
    await conversations.insertMessage('acme', { ...message, id: 'm1', author: 'customer', authorId: 'kim', authorName: 'Kim Weber', body: 'Bitte senden Sie mir alle meine Daten.' }, null);
    await conversations.insertMessage(
      'acme',
      {
        ...message,
        id: 'm2',
        author: 'agent',
        authorId: 'ann',
        authorName: 'Ann',
        body: 'Wir senden Ihnen Ihre Daten.',
        original: { body: 'We will send you your data.', language: 'en' },
        attachments: [{ fileId: stored.id, name: 'receipt.png', mediaType: 'image/png', kind: 'image', size: PNG.length }],
      },
      null,
    );
    await conversations.insertMessage('acme', { ...message, id: 'm3', author: 'agent', authorId: 'ann', authorName: 'Ann', body: 'Note: verify first', internal: true }, null);
    const call = { provider: 'twilio' as const, direction: 'inbound' as const, remote: '+4915112345678', address: '+4915112345678', startedAt: at, answeredAt: at + 1_000, endedAt: at + 60_000, end: 'hangup' as const, wrapUpCode: 'resolved' as const };
    await conversations.insertMessage('acme', { ...message, id: 'm4', author: 'agent', authorId: 'ann', authorName: 'Ann', body: 'Asked for data', internal: true, call }, null);
    await core.store.files.record('acme', { id: stored.id, mediaType: 'image/png', size: PNG.length, name: 'receipt.png', createdAt: at });
    await core.store.files.linkToConversation('acme', 'conv', stored.id);
    await core.store.ratings.insert('acme', { conversationId: 'conv', score: 5, comment: '=Danke', ratedAt: at, teamId: 'team-a', assigneeId: 'ann', channel: 'webchat', market: 'DE' });
    return { fileId: stored.id };
  } finally {
    await core.store.close();
  }
}
