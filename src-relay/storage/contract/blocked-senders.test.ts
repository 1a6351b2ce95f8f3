import { beforeEach, expect, it } from 'vitest';
import type { BlockedSender } from '../../../src-shared/domain/blocked-senders.js';
import { describeStorage } from './adapters.js';
import { seedTenants } from './fixtures.js';

const entry = (value: string, blockedAt: number, kind: BlockedSender['kind'] = 'domain'): BlockedSender => ({ value, kind, blockedBy: 'root', blockedAt });

describeStorage('blocked senders', (storage) => {
  beforeEach(() => seedTenants(storage()));

  it("lists a tenant's entries in the order they were blocked, each once, and no other tenant's", async () => {
    const { blockedSenders } = storage();
    expect(await blockedSenders.block('acme', entry('spam.example', 2))).toBe(true);
    expect(await blockedSenders.block('acme', entry('boss@b.example', 1, 'address'))).toBe(true);
    expect(await blockedSenders.block('acme', entry('spam.example', 3))).toBe(false);
    expect(await blockedSenders.block('globex', entry('spam.example', 4))).toBe(true);
    expect(await blockedSenders.list('acme')).toEqual([entry('boss@b.example', 1, 'address'), entry('spam.example', 2)]);
    expect(await blockedSenders.list('globex')).toEqual([entry('spam.example', 4)]);
  });

  it('unblocks within the tenant only', async () => {
    const { blockedSenders } = storage();
    await blockedSenders.block('acme', entry('spam.example', 1));
    await blockedSenders.block('globex', entry('spam.example', 1));
    expect(await blockedSenders.unblock('acme', 'spam.example')).toBe(true);
    expect(await blockedSenders.unblock('acme', 'spam.example')).toBe(false);
    expect(await blockedSenders.list('acme')).toEqual([]);
    expect(await blockedSenders.list('globex')).toEqual([entry('spam.example', 1)]);
  });
});
