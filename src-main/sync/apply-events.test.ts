import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayload } from '../../src-shared/api/contract.js';
import type { ChannelDelivery } from '../../src-shared/domain/model.js';
import type { EventsFrame, SyncEvent } from '../../src-shared/protocol/sync.js';
import { Cache } from '../store/cache.js';
import { sampleConversation, sampleMessage } from '../store/testing/records.js';
import { applyEventsFrame, applyEventsInSlices } from './apply-events.js';
import { ChangeSet } from './change-set.js';

const message = (seq: number): SyncEvent => ({ seq, at: seq, data: { type: 'message.created', message: sampleMessage({ id: `m${seq}`, createdAt: seq }) } });
const frame = (from: number, to: number, events: SyncEvent[]): EventsFrame => ({ type: 'events', from, to, events, hasMore: false });

describe('applyEventsFrame', () => {
  let cache: Cache;
  beforeEach(() => {
    cache = Cache.open(':memory:');
    cache.session.setCursor(2);
  });
  afterEach(() => cache.close());

  it('applies a frame that starts at the cursor and moves the cursor to its end', () => {
    expect(applyEventsFrame(cache, frame(2, 5, [message(3), message(5)]), new ChangeSet())).toBe('applied');
    expect(cache.session.cursor()).toBe(5);
    expect(cache.messages.all().map((m) => m.id)).toEqual(['m3', 'm5']);
  });

  it('moves the cursor over a range with nothing visible in it', () => {
    expect(applyEventsFrame(cache, frame(2, 9, []), new ChangeSet())).toBe('applied');
    expect(cache.session.cursor()).toBe(9);
  });

  it('calls a frame that ends at or before the cursor a duplicate and changes nothing', () => {
    expect(applyEventsFrame(cache, frame(1, 2, [message(2)]), new ChangeSet())).toBe('duplicate');
    expect(cache.messages.all()).toEqual([]);
    expect(cache.session.cursor()).toBe(2);
  });

  it('calls a frame that starts after the cursor a gap and changes nothing', () => {
    expect(applyEventsFrame(cache, frame(3, 4, [message(4)]), new ChangeSet())).toBe('gap');
    expect(cache.messages.all()).toEqual([]);
    expect(cache.session.cursor()).toBe(2);
  });

  it('applies only the part of an overlapping frame past the cursor', () => {
    cache.messages.upsertSent(sampleMessage({ id: 'm2', body: 'as applied before' }));
    expect(applyEventsFrame(cache, frame(1, 3, [{ ...message(2) }, message(3)]), new ChangeSet())).toBe('applied');
    expect(cache.messages.get('m2')?.body).toBe('as applied before');
    expect(cache.session.cursor()).toBe(3);
  });

  it("puts a messaging app's delivery on the reply, as the relay last told it", () => {
    const delivered: ChannelDelivery = { state: 'delivered', at: 4, failure: null, detail: null };
    const onReply = (seq: number, delivery: ChannelDelivery): SyncEvent => ({ seq, at: seq, data: { type: 'message.delivery', messageId: 'm3', conversationId: 'conv-1', delivery } });
    const changes = new ChangeSet();
    expect(applyEventsFrame(cache, frame(2, 4, [message(3), onReply(4, delivered)]), changes)).toBe('applied');
    expect(cache.messages.get('m3')?.channelDelivery).toEqual(delivered);
    const failed: ChannelDelivery = { state: 'failed', at: 5, failure: 'blocked', detail: 'Forbidden: bot was blocked by the user' };
    expect(applyEventsFrame(cache, frame(4, 5, [onReply(5, failed)]), new ChangeSet())).toBe('applied');
    expect(cache.messages.get('m3')).toMatchObject({ body: sampleMessage().body, delivery: 'sent', channelDelivery: failed });
    // A delivery for a message this desk never had changes nothing.
    const stray: SyncEvent = { seq: 6, at: 6, data: { type: 'message.delivery', messageId: 'm9', conversationId: 'conv-1', delivery: delivered } };
    expect(applyEventsFrame(cache, frame(5, 6, [stray]), new ChangeSet())).toBe('applied');
    expect(cache.messages.get('m9')).toBeUndefined();
  });

  it('applies all of a frame or none of it, cursor included', () => {
    const upsert = cache.messages.upsertSent.bind(cache.messages);
    vi.spyOn(cache.messages, 'upsertSent').mockImplementation((m) => {
      if (m.id === 'm4') throw new Error('disk full');
      upsert(m);
    });
    expect(() => applyEventsFrame(cache, frame(2, 4, [message(3), message(4)]), new ChangeSet())).toThrow('disk full');
    expect(cache.messages.all()).toEqual([]);
    expect(cache.session.cursor()).toBe(2);
  });

  it('records the conversations and messages it touched', () => {
    const changes = new ChangeSet();
    const upserted: SyncEvent = { seq: 3, at: 3, data: { type: 'conversation.upserted', conversation: sampleConversation({ id: 'c9' }) } };
    applyEventsFrame(cache, frame(2, 4, [upserted, message(4)]), changes);
    const heard: { event: EventName; payload: EventPayload<EventName> }[] = [];
    changes.announce((event, payload) => heard.push({ event, payload }));
    expect(heard).toEqual([
      { event: 'messages.changed', payload: { conversationId: 'conv-1', messageIds: ['m4'] } },
      { event: 'conversations.changed', payload: { conversationIds: ['c9'] } },
    ]);
  });
});

describe('applyEventsInSlices', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'chunks-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // Seqs 3..41, every other one visible, in a frame from 2 to 45.
  const page = frame(2, 45, Array.from({ length: 20 }, (_, i) => message(3 + 2 * i)));
  const SIX = { ms: Infinity, events: 6 };

  it('leaves the same cursor and contents as applying the frame at once', async () => {
    const whole = Cache.open(':memory:');
    const chunked = Cache.open(':memory:');
    try {
      for (const cache of [whole, chunked]) cache.session.setCursor(2);
      applyEventsFrame(whole, page, new ChangeSet());
      expect(await applyEventsInSlices(chunked, page, new ChangeSet(), () => true, SIX)).toBe('applied');
      expect(chunked.session.cursor()).toBe(45);
      expect(chunked.messages.all()).toEqual(whole.messages.all());
    } finally {
      whole.close();
      chunked.close();
    }
  });

  it('stops between chunks with a cursor that a reopened cache resumes from, applying nothing twice', async () => {
    const dbPath = path.join(dir, 'cache.sqlite');
    const cache = Cache.open(dbPath);
    cache.session.setCursor(2);
    let chunks = 0;
    expect(await applyEventsInSlices(cache, page, new ChangeSet(), () => ++chunks < 2, SIX)).toBe('stopped');
    const cursor = cache.session.cursor();
    // Two chunks of six: the cursor is the last seq of the second one, and exactly those are here.
    expect(cursor).toBe(25);
    expect(cache.messages.all()).toHaveLength(12);
    cache.close();

    const reopened = Cache.open(dbPath);
    try {
      expect(reopened.session.cursor()).toBe(25);
      // The relay answers the next pull from the cursor; the part already applied is not in it.
      const rest = frame(25, 45, page.events.filter((e) => e.seq > 25));
      expect(await applyEventsInSlices(reopened, rest, new ChangeSet(), () => true, SIX)).toBe('applied');
      expect(reopened.session.cursor()).toBe(45);
      expect(reopened.messages.all().map((m) => m.id)).toEqual(page.events.map((e) => `m${e.seq}`));
    } finally {
      reopened.close();
    }
  });

  it('ends a part once its time is used up, whatever the count', async () => {
    const cache = Cache.open(':memory:');
    // Each look at the clock is 3 ms later: an 8 ms slice takes three events (3, 6, 9 ms).
    let clock = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 3));
    try {
      cache.session.setCursor(2);
      const cursors: number[] = [];
      expect(await applyEventsInSlices(cache, page, new ChangeSet(), () => (cursors.push(cache.session.cursor()), true), { ms: 8, events: 1_000 })).toBe('applied');
      expect(cursors.slice(0, 3)).toEqual([7, 13, 19]);
      expect(cache.session.cursor()).toBe(45);
      expect(cache.messages.all()).toHaveLength(20);
    } finally {
      now.mockRestore();
      cache.close();
    }
  });

  it('reports a gap without applying anything', async () => {
    const cache = Cache.open(':memory:');
    try {
      cache.session.setCursor(1);
      expect(await applyEventsInSlices(cache, page, new ChangeSet(), () => true, SIX)).toBe('gap');
      expect(cache.messages.all()).toEqual([]);
    } finally {
      cache.close();
    }
  });
});
