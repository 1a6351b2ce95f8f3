import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cache } from '../store/cache.js';
import { signInSample, sampleConversation, sampleMessage } from '../store/testing/records.js';
import { ChangeSet } from './change-set.js';
import { failUnconfirmedReplies, settleAck, settleAppliedBeforeReconnect, UNCONFIRMED_REPLY } from './outbox-settlement.js';

describe('outbox settlement', () => {
  let cache: Cache;
  beforeEach(() => {
    cache = signInSample(Cache.open(':memory:'));
    cache.conversations.upsert(sampleConversation({ status: 'open' }));
    for (const id of ['r1', 'r2']) cache.messages.insertPending(sampleMessage({ id, author: 'agent' }));
  });
  afterEach(() => cache.close());

  const reply = (messageId: string) => cache.outbox.enqueue({ kind: 'reply.send', conversationId: 'conv-1', messageId, body: 'x' }, 1);

  it('deletes everything up to the acked id and leaves later changes waiting', () => {
    const first = reply('r1');
    const second = reply('r2');
    expect(settleAck(cache, first.mutationId, [], new ChangeSet())).toBe(1);
    expect(cache.outbox.next(10)).toEqual([second]);
    expect(cache.messages.get('r1')?.delivery).toBe('pending');
  });

  it('fails a refused reply with the relay reason, and lets a refused status change go', () => {
    const refusedReply = reply('r1');
    const status = cache.outbox.enqueue({ kind: 'conversation.setStatus', conversationId: 'conv-1', status: 'resolved' }, 2);
    const rejections = [
      { mutationId: refusedReply.mutationId, code: 'forbidden' as const, message: 'Reassigned to Somchai.' },
      { mutationId: status.mutationId, code: 'conflict' as const, message: 'No.' },
    ];
    expect(settleAck(cache, status.mutationId, rejections, new ChangeSet())).toBe(2);
    expect(cache.messages.get('r1')).toMatchObject({ delivery: 'failed', deliveryError: 'Reassigned to Somchai.' });
    expect(cache.conversations.get('conv-1')?.status).toBe('open');
    expect(cache.outbox.count()).toBe(0);
  });

  it('on welcome drops applied changes and names the replies among them; those the log never confirms fail', () => {
    reply('r1');
    const second = reply('r2');
    cache.outbox.enqueue({ kind: 'presence.set', presence: 'away' }, 3);
    expect(settleAppliedBeforeReconnect(cache, second.mutationId, new ChangeSet())).toEqual(['r1', 'r2']);
    expect(cache.outbox.count()).toBe(1);
    cache.messages.upsertSent(sampleMessage({ id: 'r1', author: 'agent' }));
    failUnconfirmedReplies(cache, ['r1', 'r2'], new ChangeSet());
    expect(cache.messages.get('r1')?.delivery).toBe('sent');
    expect(cache.messages.get('r2')).toMatchObject({ delivery: 'failed', deliveryError: UNCONFIRMED_REPLY });
  });
});
