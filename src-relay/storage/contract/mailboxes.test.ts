import { beforeEach, expect, it } from 'vitest';
import type { ImapFolderState } from '../port/mailboxes.js';
import { describeStorage } from './adapters.js';
import { seedTenants } from './fixtures.js';

const state = (over: Partial<ImapFolderState> = {}): ImapFolderState => ({
  tenantId: 'acme',
  accountId: 'mail',
  folder: 'INBOX',
  uidValidity: 4_294_967_295,
  lastUid: 0,
  windowStart: 1_767_225_600_000,
  importing: true,
  importTotal: 0,
  importDone: 0,
  updatedAt: 1,
  syncedAt: null,
  lastError: null,
  ...over,
});

describeStorage('mailboxes', (storage) => {
  beforeEach(async () => {
    await seedTenants(storage());
    await storage().channels.insertAccount({
      id: 'mail', tenantId: 'acme', provider: 'telegram', displayName: 'Support', teamId: 'team-a', webhookToken: 'token', sealedCredentials: 'sealed', createdAt: 1,
    });
  });

  it('keeps one state per account and folder, replaced whole', async () => {
    const { mailboxes } = storage();
    expect(await mailboxes.findFolderState('mail', 'INBOX')).toBeNull();
    await mailboxes.saveFolderState(state({ uidValidity: null }));
    await mailboxes.saveFolderState(state({ folder: 'Support', lastUid: 3 }));
    expect(await mailboxes.findFolderState('mail', 'INBOX')).toEqual(state({ uidValidity: null }));
    await mailboxes.saveFolderState(state({ lastUid: 9, importing: false, updatedAt: 2 }));
    expect(await mailboxes.findFolderState('mail', 'INBOX')).toEqual(state({ lastUid: 9, importing: false, updatedAt: 2 }));
    expect(await mailboxes.findFolderState('mail', 'Support')).toEqual(state({ folder: 'Support', lastUid: 3 }));
    expect(await mailboxes.listFolderStates('acme')).toEqual([state({ lastUid: 9, importing: false, updatedAt: 2 }), state({ folder: 'Support', lastUid: 3 })]);
    expect(await mailboxes.listFolderStates('globex')).toEqual([]);
  });

  it('advances the last UID only upwards, and only under the UIDVALIDITY it was read under', async () => {
    const { mailboxes } = storage();
    expect(await mailboxes.advanceFolder('mail', 'INBOX', 4_294_967_295, 1, 5)).toBe(false);
    await mailboxes.saveFolderState(state({ lastUid: 4, importTotal: 9, importDone: 4 }));
    expect(await mailboxes.advanceFolder('mail', 'INBOX', 4_294_967_295, 7, 5)).toBe(true);
    expect(await mailboxes.advanceFolder('mail', 'INBOX', 4_294_967_295, 6, 6)).toBe(false);
    expect(await mailboxes.advanceFolder('mail', 'INBOX', 4_294_967_295, 7, 6)).toBe(false);
    expect(await mailboxes.advanceFolder('mail', 'INBOX', 12, 8, 6)).toBe(false);
    // Each message delivered during an import counts; refused advances do not.
    expect(await mailboxes.findFolderState('mail', 'INBOX')).toEqual(state({ lastUid: 7, importTotal: 9, importDone: 5, updatedAt: 5 }));
    // A batch counts the messages it delivered.
    expect(await mailboxes.advanceFolder('mail', 'INBOX', 4_294_967_295, 9, 6, 2)).toBe(true);
    expect(await mailboxes.findFolderState('mail', 'INBOX')).toMatchObject({ lastUid: 9, importDone: 7 });
    await mailboxes.saveFolderState(state({ lastUid: 7, importing: false, importTotal: 9, importDone: 5 }));
    expect(await mailboxes.advanceFolder('mail', 'INBOX', 4_294_967_295, 8, 7, 3)).toBe(true);
    expect(await mailboxes.findFolderState('mail', 'INBOX')).toMatchObject({ lastUid: 8, importDone: 5 });
  });

  it("keeps when a folder was last read to its end and why its last attempt failed, for a folder never reached too", async () => {
    const { mailboxes } = storage();
    await mailboxes.recordFolderSynced('mail', 'INBOX', 5);
    expect(await mailboxes.findFolderState('mail', 'INBOX')).toBeNull();
    const refused = "Can't sign in to imap.example.com: the server refused the password";
    await mailboxes.recordFolderFailure({ tenantId: 'acme', accountId: 'mail', folder: 'INBOX' }, refused, 6);
    expect(await mailboxes.findFolderState('mail', 'INBOX')).toEqual(state({ uidValidity: null, windowStart: 6, updatedAt: 6, lastError: refused }));
    await mailboxes.saveFolderState(state({ lastUid: 3, lastError: refused }));
    await mailboxes.recordFolderSynced('mail', 'INBOX', 7);
    expect(await mailboxes.findFolderState('mail', 'INBOX')).toEqual(state({ lastUid: 3, syncedAt: 7 }));
    await mailboxes.recordFolderFailure({ tenantId: 'acme', accountId: 'mail', folder: 'INBOX' }, 'The connection to imap.example.com was lost', 8);
    // A failure changes nothing else: where the folder stands stays.
    expect(await mailboxes.findFolderState('mail', 'INBOX')).toEqual(state({ lastUid: 3, syncedAt: 7, lastError: 'The connection to imap.example.com was lost' }));
  });
});
