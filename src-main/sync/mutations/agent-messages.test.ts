import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Cache } from '../../store/cache.js';
import { sampleAgent, sampleConversation } from '../../store/testing/records.js';
import { recordReply } from './agent-messages.js';

describe('recording a reply', () => {
  let cache: Cache;
  const agent = sampleAgent();
  beforeEach(() => {
    cache = Cache.open(':memory:');
    cache.conversations.upsert(sampleConversation({ lastMessageAt: 500, lastMessagePreview: 'before' }));
  });
  afterEach(() => cache.close());

  it('writes a reply as pending, moves the conversation up and queues reply.send with the same id', () => {
    const conversation = cache.conversations.get('conv-1')!;
    const message = recordReply(cache, agent, conversation, { body: 'ขออภัยค่ะ\nเราจะแก้ไข', original: null }, 1_000);
    expect(message).toMatchObject({ author: 'agent', authorId: agent.id, authorName: agent.name, createdAt: 1_000, delivery: 'pending', deliveryError: null });
    expect(cache.messages.get(message.id)).toEqual(message);
    expect(cache.conversations.get('conv-1')).toMatchObject({ lastMessageAt: 1_000, lastMessagePreview: 'ขออภัยค่ะ เราจะแก้ไข' });
    expect(cache.outbox.next(10).map((m) => m.body)).toEqual([
      { kind: 'reply.send', conversationId: 'conv-1', messageId: message.id, body: 'ขออภัยค่ะ\nเราจะแก้ไข', basis: { assigneeId: conversation.assigneeId, status: 'open' } },
    ]);
  });

  it('never dates a reply before the message it answers', () => {
    const conversation = cache.conversations.get('conv-1')!;
    expect(recordReply(cache, agent, conversation, { body: 'hi', original: null }, 100).createdAt).toBe(500);
  });

  it('writes neither the message nor the outbox row when one of them fails', () => {
    vi.spyOn(cache.outbox, 'enqueue').mockImplementation(() => {
      throw new Error('disk full');
    });
    const conversation = cache.conversations.get('conv-1')!;
    expect(() => recordReply(cache, agent, conversation, { body: 'hi', original: null }, 1_000)).toThrow('disk full');
    expect(cache.messages.all()).toEqual([]);
    expect(cache.conversations.get('conv-1')).toMatchObject({ lastMessageAt: 500, lastMessagePreview: 'before' });
    vi.restoreAllMocks();
    expect(cache.outbox.count()).toBe(0);
  });
});
