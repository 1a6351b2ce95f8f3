import { beforeEach, expect, it } from 'vitest';
import type { MessageAttachment } from '../../../src-shared/domain/model.js';
import type { NewMediaFetch } from '../port/channel-media.js';
import type { RelayStorage } from '../port/relay-storage.js';
import { describeStorage } from './adapters.js';
import { conversationOf, messageOf, seedTenants } from './fixtures.js';

const fetchOf = (messageId: string, position: number, over: Partial<NewMediaFetch> = {}): NewMediaFetch => ({
  messageId,
  position,
  tenantId: 'acme',
  accountId: 'wa',
  ref: `media-${messageId}-${position}`,
  name: `photo-${position}.jpg`,
  mediaType: 'image/jpeg',
  size: null,
  state: 'pending',
  nextAttemptAt: 10,
  lastError: null,
  ...over,
});

const PHOTO: MessageAttachment = { fileId: 'a'.repeat(64), name: 'photo-0.jpg', mediaType: 'image/jpeg', kind: 'image', size: 1234 };

/** Acme's WhatsApp account `wa`, conversation c1 with Kim's messages m1 and m2. */
async function seed(storage: RelayStorage): Promise<void> {
  await seedTenants(storage);
  await storage.transaction(async ({ channels, conversations }) => {
    await channels.insertAccount({ id: 'wa', tenantId: 'acme', provider: 'whatsapp', displayName: 'WA', teamId: 'team-a', webhookToken: 'token-wa', sealedCredentials: 's', createdAt: 1, disconnectedAt: null });
    await conversations.insertConversation('acme', conversationOf('c1', { channel: 'whatsapp' }));
    await conversations.insertMessage('acme', messageOf('m1', 'c1', { pendingFiles: [{ name: 'photo-0.jpg', state: 'fetching', reason: null }] }), null);
    await conversations.insertMessage('acme', messageOf('m2', 'c1'), null);
  });
}

describeStorage("customers' files to fetch", (storage) => {
  beforeEach(() => seed(storage()));

  it('claims due fetches once until the claim lapses, counting attempts, oldest due first', async () => {
    const store = storage();
    await store.transaction((tx) => tx.channelMedia.insertFetches([fetchOf('m1', 0), fetchOf('m1', 1, { nextAttemptAt: 5 }), fetchOf('m2', 0, { nextAttemptAt: 50 }), fetchOf('m2', 1, { state: 'failed', lastError: 'too many' })], 3));
    expect(await store.channelMedia.nextFetchDueAt('acme')).toBe(5);
    expect(await store.channelMedia.nextFetchDueAt('globex')).toBeNull();
    const claimed = await store.transaction((tx) => tx.channelMedia.claimDueFetches('acme', 20, 100, 10), { tenantId: 'acme' });
    expect(claimed.map((f) => [f.messageId, f.position, f.attempts, f.nextAttemptAt])).toEqual([
      ['m1', 1, 0, 5],
      ['m1', 0, 0, 10],
    ]);
    expect(await store.transaction((tx) => tx.channelMedia.claimDueFetches('acme', 30, 100, 10), { tenantId: 'acme' })).toEqual([]);
    // The claims lapse at 100: a fetcher that died leaves them due again, their attempts counted.
    const again = await store.transaction((tx) => tx.channelMedia.claimDueFetches('acme', 100, 200, 1), { tenantId: 'acme' });
    expect(again.map((f) => [f.messageId, f.position, f.attempts])).toEqual([['m2', 0, 0]]);
    const lapsed = await store.transaction((tx) => tx.channelMedia.claimDueFetches('acme', 100, 200, 10), { tenantId: 'acme' });
    expect(lapsed.map((f) => [f.messageId, f.position, f.attempts])).toEqual([
      ['m1', 0, 1],
      ['m1', 1, 1],
    ]);
  });

  it('records a kept file and a failed one, and the message files the desks see', async () => {
    const store = storage();
    await store.transaction((tx) => tx.channelMedia.insertFetches([fetchOf('m1', 0), fetchOf('m1', 1, { size: 99 })], 3));
    await store.transaction(async (tx) => {
      await tx.channelMedia.updateFetch('m1', 0, { state: 'kept', at: 40, attachment: PHOTO });
      await tx.channelMedia.updateFetch('m1', 1, { state: 'pending', at: 41, nextAttemptAt: 70, lastError: 'HTTP 503' });
      await tx.channelMedia.updateFetch('m1', 1, { state: 'failed', at: 80, lastError: 'HTTP 404' });
    });
    const fetches = await store.channelMedia.listFetches('m1');
    expect(fetches.map(({ position, state, attachment, lastError, nextAttemptAt, size }) => ({ position, state, attachment, lastError, nextAttemptAt, size }))).toEqual([
      { position: 0, state: 'kept', attachment: PHOTO, lastError: null, nextAttemptAt: 10, size: null },
      { position: 1, state: 'failed', attachment: null, lastError: 'HTTP 404', nextAttemptAt: 70, size: 99 },
    ]);
    expect(await store.channelMedia.nextFetchDueAt('acme')).toBeNull();
    expect((await store.conversations.findMessage('m1'))?.message.pendingFiles).toEqual([{ name: 'photo-0.jpg', state: 'fetching', reason: null }]);
    await store.transaction((tx) => tx.channelMedia.setMessageFiles('m1', [PHOTO], [{ name: 'photo-1.jpg', state: 'failed', reason: 'HTTP 404' }]));
    const after = (await store.conversations.findMessage('m1'))?.message;
    expect(after?.attachments).toEqual([PHOTO]);
    expect(after?.pendingFiles).toEqual([{ name: 'photo-1.jpg', state: 'failed', reason: 'HTTP 404' }]);
    await store.transaction((tx) => tx.channelMedia.setMessageFiles('m1', [PHOTO], []));
    expect((await store.conversations.findMessage('m1'))?.message.pendingFiles).toBeUndefined();
  });

  it('refuses a position twice, and erases fetches with their conversation', async () => {
    const store = storage();
    await store.transaction((tx) => tx.channelMedia.insertFetches([fetchOf('m1', 0)], 3));
    await expect(store.transaction((tx) => tx.channelMedia.insertFetches([fetchOf('m1', 0)], 4))).rejects.toThrow();
    await store.transaction((tx) => tx.conversations.eraseConversation('acme', 'c1', 90), { tenantId: 'acme' });
    expect(await store.channelMedia.listFetches('m1')).toEqual([]);
    expect(await store.channelMedia.nextFetchDueAt('acme')).toBeNull();
  });
});
