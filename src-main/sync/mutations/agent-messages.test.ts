import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Cache } from '../../store/cache.js';
import { sampleAgent, sampleConversation, sampleMessage, signInSample } from '../../store/testing/records.js';
import { recordReply, recordRetry } from './agent-messages.js';

describe('recording a reply', () => {
  let cache: Cache;
  const agent = sampleAgent();
  beforeEach(() => {
    cache = signInSample(Cache.open(':memory:'));
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

describe('a template reply sent again', () => {
  const agent = sampleAgent();
  const template = { name: 'order_update', language: 'de', parameters: ['Jonas', 'A-1042'] };
  const body = 'Hallo Jonas, Ihre Bestellung A-1042 ist unterwegs.';
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cache-template-'));
    path = join(dir, 'cache.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Written (offline or not), refused by the relay, its outbox row settled: what a retry finds. */
  function writeAndRefuse(cache: Cache): string {
    cache.conversations.upsert(sampleConversation({ channel: 'whatsapp', lastMessageAt: 500 }));
    const message = recordReply(cache, agent, cache.conversations.get('conv-1')!, { body, original: null, template }, 1_000);
    const [queued] = cache.outbox.next(10);
    expect(queued?.body).toMatchObject({ kind: 'reply.send', messageId: message.id, body, template });
    cache.outbox.deleteThrough(queued!.mutationId);
    expect(cache.messages.markFailed(message.id, 'The template "order_update" (de) is not among this account\'s approved templates')).toBeDefined();
    return message.id;
  }

  it('goes out as the same template, after the desk restarted', () => {
    const first = signInSample(Cache.open(path));
    const messageId = writeAndRefuse(first);
    first.close();

    const cache = Cache.open(path);
    try {
      const failed = cache.messages.get(messageId)!;
      expect(recordRetry(cache, failed, cache.conversations.get('conv-1')!, 2_000)).toBe(true);
      expect(cache.outbox.next(10).map((queued) => queued.body)).toEqual([
        { kind: 'reply.send', conversationId: 'conv-1', messageId, body, basis: { assigneeId: 'agent-mei', status: 'open' }, template },
      ]);
      expect(cache.messages.get(messageId)).toMatchObject({ delivery: 'pending', body });
    } finally {
      cache.close();
    }
  });

  it('forgets the template once the relay logged the reply, and a free-text reply goes again as text', () => {
    const cache = signInSample(Cache.open(path));
    try {
      const messageId = writeAndRefuse(cache);
      expect(cache.messages.replyTemplate(messageId)).toEqual(template);
      cache.messages.upsertSent(sampleMessage({ id: messageId, conversationId: 'conv-1', author: 'agent', body }));
      expect(cache.messages.replyTemplate(messageId)).toBeNull();

      const text = recordReply(cache, agent, cache.conversations.get('conv-1')!, { body: 'plain words', original: null }, 3_000);
      cache.outbox.deleteThrough(cache.outbox.next(10).at(-1)!.mutationId);
      cache.messages.markFailed(text.id, 'refused');
      recordRetry(cache, cache.messages.get(text.id)!, cache.conversations.get('conv-1')!, 4_000);
      expect(cache.outbox.next(10).map((queued) => queued.body)).toEqual([
        { kind: 'reply.send', conversationId: 'conv-1', messageId: text.id, body: 'plain words', basis: { assigneeId: 'agent-mei', status: 'open' } },
      ]);
    } finally {
      cache.close();
    }
  });
});

describe('an email reply sent again', () => {
  const agent = sampleAgent();
  const email = { subject: 'Re: Your new kettle', cc: ['lee@example.org'], bcc: ['boss@acme.test'], quote: true };
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cache-email-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps its subject, copies and quote in the outbox and, after a refusal and a restart, goes out with them again', () => {
    const path = join(dir, 'cache.sqlite');
    const first = signInSample(Cache.open(path));
    first.conversations.upsert(sampleConversation({ channel: 'email', lastMessageAt: 500 }));
    const message = recordReply(first, agent, first.conversations.get('conv-1')!, { body: 'A new kettle is on its way.', original: null, email }, 1_000);
    const [queued] = first.outbox.next(10);
    expect(queued?.body).toMatchObject({ kind: 'reply.send', messageId: message.id, email });
    first.outbox.deleteThrough(queued!.mutationId);
    first.messages.markFailed(message.id, 'The conversation was resolved meanwhile.');
    first.close();

    const cache = Cache.open(path);
    try {
      expect(recordRetry(cache, cache.messages.get(message.id)!, cache.conversations.get('conv-1')!, 2_000)).toBe(true);
      expect(cache.outbox.next(10).map((row) => row.body)).toEqual([
        { kind: 'reply.send', conversationId: 'conv-1', messageId: message.id, body: 'A new kettle is on its way.', basis: { assigneeId: 'agent-mei', status: 'open' }, email },
      ]);
      cache.messages.upsertSent(sampleMessage({ id: message.id, conversationId: 'conv-1', author: 'agent', body: 'A new kettle is on its way.' }));
      expect(cache.messages.replyEmail(message.id)).toBeNull();
    } finally {
      cache.close();
    }
  });
});
