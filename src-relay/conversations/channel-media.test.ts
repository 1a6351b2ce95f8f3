import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageAttachment } from '../../src-shared/domain/model.js';
import type { RelayCore } from '../relay-core.js';
import { messageOf } from '../storage/contract/fixtures.js';
import type { MediaFetch } from '../storage/port/channel-media.js';
import { acmeCore, addTestConversation } from '../testing/test-relay.js';
import { recordMediaOutcome } from './channel-media.js';

const FILE_ID = 'f'.repeat(64);
const ATTACHMENT: MessageAttachment = { fileId: FILE_ID, name: 'passport-scan.pdf', mediaType: 'application/pdf', size: 10, kind: 'document' };

/** A customer's file that arrives from the provider after their conversation was erased goes too. */
describe('a fetched file whose conversation was erased meanwhile', () => {
  let core: RelayCore;
  beforeEach(async () => {
    core = await acmeCore(Date.now);
  });
  afterEach(() => core.store.close());

  const fetch: MediaFetch = {
    messageId: 'm1', position: 0, tenantId: 'acme', accountId: 'wa', ref: 'media-1', name: 'passport-scan.pdf', mediaType: 'application/pdf',
    size: 10, state: 'pending', attempts: 1, nextAttemptAt: 0, attachment: null, lastError: null, createdAt: 0, updatedAt: 0,
  } as MediaFetch;

  it("forgets the tenant's record and names the file for its bytes to be deleted", async () => {
    const conversation = await addTestConversation(core, 'c1', null);
    await core.commit('acme', (changes) => changes.addMessage(messageOf('m1', 'c1'), conversation, null));
    // Kept while the conversation was still there (keepFile records it for the tenant), then the erasure.
    await core.store.files.record('acme', { id: FILE_ID, mediaType: 'application/pdf', size: 10, name: 'passport-scan.pdf', createdAt: 1 });
    await core.commit('acme', (changes) => changes.eraseConversation(conversation));

    expect(await recordMediaOutcome(core, fetch, { kind: 'kept', attachment: ATTACHMENT })).toEqual([FILE_ID]);
    expect(await core.store.files.find('acme', FILE_ID)).toBeNull();
    expect(await recordMediaOutcome(core, fetch, { kind: 'failed', reason: 'gone' })).toEqual([]);
  });
});
