import { describe, expect, it } from 'vitest';
import { addressKey, WebchatLimits } from './chat-limits.js';
import { KeyedBudgets } from './keyed-budgets.js';

describe('the web chat limits', () => {
  it('count a visitor once however many sockets they open', () => {
    const limits = new WebchatLimits({ sendsPerVisitor: { burst: 2, refillMs: 1000 } });
    expect(limits.send('conv-1', '198.51.100.7', 0)).toBeNull();
    expect(limits.send('conv-1', '203.0.113.9', 0)).toBeNull();
    expect(limits.send('conv-1', '198.51.100.7', 0)).toBe('sends');
    // Another visitor is not held back by the first one.
    expect(limits.send('conv-2', '198.51.100.7', 0)).toBeNull();
    expect(limits.send('conv-1', '198.51.100.7', 1000)).toBeNull();
  });

  it('count an address across all its visitors, and spend nothing from a visitor it refuses', () => {
    const limits = new WebchatLimits({ sendsPerVisitor: { burst: 5, refillMs: 1000 }, sendsPerAddress: { burst: 3, refillMs: 1000 } });
    const answers = ['a', 'b', 'c', 'd'].map((visitor) => limits.send(visitor, '198.51.100.7', 0));
    expect(answers).toEqual([null, null, null, 'sends']);
    // Visitor d was refused by its address: its own budget is whole from another network.
    for (let i = 0; i < 5; i++) expect(limits.send('d', `192.0.2.${i}`, 0)).toBeNull();
    expect(limits.send('d', '192.0.2.99', 0)).toBe('sends');
  });

  it('limit new chats per address, not per visitor', () => {
    const limits = new WebchatLimits({ newChatsPerAddress: { burst: 2, refillMs: 30_000 } });
    expect([limits.newChat('198.51.100.7', 0), limits.newChat('198.51.100.7', 0), limits.newChat('198.51.100.7', 0)]).toEqual([null, null, 'new-chats']);
    expect(limits.newChat('198.51.100.8', 0)).toBeNull();
    expect(limits.newChat('198.51.100.7', 30_000)).toBeNull();
  });

  it('say when a refused upload may come again', () => {
    const limits = new WebchatLimits({ uploadsPerVisitor: { burst: 1, refillMs: 9500 }, uploadsPerAddress: { burst: 9, refillMs: 2000 } });
    expect(limits.upload('conv-1', '::1', 0)).toBeNull();
    expect(limits.upload('conv-1', '::1', 0)).toBe('uploads');
    expect(limits.uploadRetryAfterSeconds).toBe(10);
  });
});

describe('addressKey', () => {
  it('takes an IPv6 address by its /64, so a script cannot walk through its own block', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:db8:1:2:ffff:1:2:3'));
    expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
  });

  it('reads an IPv4 address mapped into IPv6 as the IPv4 address', () => {
    expect(addressKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
  });
});

describe('KeyedBudgets', () => {
  it('forgets refilled budgets first when full, and stays within its size', () => {
    const budgets = new KeyedBudgets(1, 1000, 3);
    expect(budgets.take('spent', 0)).toBe(true);
    budgets.take('a', 500);
    budgets.take('b', 500);
    // At 1200 'spent' has refilled and goes first; 'a' and 'b' are still in debt and stay.
    budgets.take('c', 1200);
    expect(budgets.size).toBe(3);
    expect(budgets.allows('a', 1200)).toBe(false);
    expect(budgets.allows('b', 1200)).toBe(false);
  });

  it('drops the oldest when every key is still in debt', () => {
    const budgets = new KeyedBudgets(1, 60_000, 2);
    for (const key of ['a', 'b', 'c']) budgets.take(key, 0);
    expect(budgets.size).toBe(2);
    expect(budgets.allows('a', 0)).toBe(true);
    expect(budgets.allows('c', 0)).toBe(false);
  });
});
