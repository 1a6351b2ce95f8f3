import { beforeEach, expect, it } from 'vitest';
import type { FileRecord } from '../port/files.js';
import { describeStorage } from './adapters.js';
import { seedTenants } from './fixtures.js';

const sha = (digit: string) => digit.repeat(64);
const file = (digit: string, over: Partial<FileRecord> = {}): FileRecord => ({ id: sha(digit), mediaType: 'image/png', size: 10, name: `${digit}.png`, createdAt: 5, ...over });

describeStorage('files', (storage) => {
  beforeEach(() => seedTenants(storage()));

  it("keeps each tenant's own record of the same bytes, the first one a tenant made, and shows no tenant another's", async () => {
    await storage().transaction(async ({ files }) => {
      await files.record('acme', file('a', { name: 'photo.png' }));
      await files.record('acme', file('a', { name: 'again.png', createdAt: 9 }));
      await files.record('globex', file('a', { name: 'scan.png', size: 10, createdAt: 7 }));
      await files.record('acme', file('b', { mediaType: 'application/pdf', size: 2 ** 33, name: 'big.pdf' }));
    }, { tenantId: 'acme' });
    const { files } = storage();
    expect(await files.find('acme', sha('a'))).toEqual(file('a', { name: 'photo.png' }));
    expect(await files.find('globex', sha('a'))).toEqual(file('a', { name: 'scan.png', createdAt: 7 }));
    expect(await files.find('acme', sha('b'))).toEqual(file('b', { mediaType: 'application/pdf', size: 2 ** 33, name: 'big.pdf' }));
    expect(await files.find('globex', sha('b'))).toBeNull();
    expect(await files.find('acme', sha('c'))).toBeNull();
  });

  it("links a file to a conversation only where the tenant holds it, and a customer reads only their conversation's", async () => {
    const { files } = storage();
    await files.record('acme', file('a'));
    await files.record('globex', file('b'));
    expect(await files.linkToConversation('acme', 'c1', sha('a'))).toBe(true);
    expect(await files.linkToConversation('acme', 'c1', sha('a'))).toBe(true);
    expect(await files.linkToConversation('acme', 'c1', sha('b'))).toBe(false);
    expect(await files.isInConversation('acme', 'c1', sha('a'))).toBe(true);
    expect(await files.isInConversation('acme', 'c2', sha('a'))).toBe(false);
    expect(await files.isInConversation('acme', 'c1', sha('b'))).toBe(false);
    expect(await files.isInConversation('globex', 'c1', sha('a'))).toBe(false);
  });

  it("erases conversations' links, and the records no other conversation needs, naming the files no tenant holds any more", async () => {
    const { files } = storage();
    for (const digit of ['a', 'b', 'c', 'd']) await files.record('acme', file(digit));
    await files.record('globex', file('c'));
    // a: only in c1; b: in c1 and c3 (kept); c: only in c2, but Globex holds it too; d: in no conversation (kept).
    await files.linkToConversation('acme', 'c1', sha('a'));
    await files.linkToConversation('acme', 'c1', sha('b'));
    await files.linkToConversation('acme', 'c3', sha('b'));
    await files.linkToConversation('acme', 'c2', sha('c'));
    const unheld = await storage().transaction((tx) => tx.files.eraseConversations('acme', ['c1', 'c2']), { tenantId: 'acme' });
    expect(unheld).toEqual([sha('a')]);
    expect(await Promise.all(['a', 'b', 'c', 'd'].map(async (digit) => (await files.find('acme', sha(digit))) !== null))).toEqual([false, true, false, true]);
    expect(await files.find('globex', sha('c'))).not.toBeNull();
    expect([await files.isInConversation('acme', 'c1', sha('b')), await files.isInConversation('acme', 'c3', sha('b'))]).toEqual([false, true]);
    expect(await files.eraseConversations('acme', [])).toEqual([]);
  });

  it("forgets a tenant's record of a file shared in none of its conversations, saying whether anyone still holds it", async () => {
    const { files } = storage();
    for (const digit of ['a', 'b', 'c']) await files.record('acme', file(digit));
    await files.record('globex', file('c'));
    await files.linkToConversation('acme', 'c1', sha('b'));
    expect(await files.forgetUnshared('acme', sha('a'))).toBe(true);
    expect(await files.forgetUnshared('acme', sha('b'))).toBe(false);
    expect(await files.forgetUnshared('acme', sha('c'))).toBe(false);
    expect(await Promise.all(['a', 'b', 'c'].map(async (digit) => (await files.find('acme', sha(digit))) !== null))).toEqual([false, true, false]);
    expect(await files.find('globex', sha('c'))).not.toBeNull();
  });
});
