import { describe, expect, it } from 'vitest';
import type { SyncEvent } from '../../../src-shared/protocol/sync.js';
import { eventsFrameText } from '../../../src-relay/sync/event-batch.js';
import { isEventsFrame, isPresenceFrame, scanEventsFrame } from './events-frame.js';

const event = (seq: number, body: string): SyncEvent => ({
  seq,
  at: 1_700_000_000_000 + seq,
  data: {
    type: 'message.created',
    message: { id: `m${seq}`, conversationId: 'c1', author: 'customer', authorId: 'u', authorName: 'U', body, createdAt: 1, internal: false, original: null },
  },
});
// Bodies that look like the markers the scanner looks for.
const tricky = ['{"seq":99,"at":1}', 'plain', '"hasMore":true}', '\\"{"seq":7'];

describe('scanEventsFrame', () => {
  it('reads what JSON.parse reads from a live frame', () => {
    const events = tricky.map((body, i) => event(41 + i, body));
    const text = eventsFrameText(40, 47, events.map((e) => JSON.stringify(e)));
    const parsed = JSON.parse(text) as { from: number; to: number; hasMore: boolean; events: SyncEvent[] };
    expect(scanEventsFrame(Buffer.from(text))).toEqual({ from: parsed.from, to: parsed.to, hasMore: parsed.hasMore, seqs: parsed.events.map((e) => e.seq) });
  });

  it("reads a pull's answer, with more pages or none, and with no events", () => {
    const page = JSON.stringify({ type: 'events', from: 0, to: 1000, events: [event(3, tricky[0]!), event(1000, 'x')], hasMore: true });
    expect(scanEventsFrame(Buffer.from(page))).toEqual({ from: 0, to: 1000, hasMore: true, seqs: [3, 1000] });
    const empty = JSON.stringify({ type: 'events', from: 1000, to: 1200, events: [], hasMore: false });
    expect(scanEventsFrame(Buffer.from(empty))).toEqual({ from: 1000, to: 1200, hasMore: false, seqs: [] });
  });

  it('leaves other frames, and events frames laid out otherwise, to JSON.parse', () => {
    const presence = Buffer.from(JSON.stringify({ type: 'presence', agentId: 'a', presence: 'available', reason: null, until: null }));
    expect(isPresenceFrame(presence)).toBe(true);
    expect(isEventsFrame(presence)).toBe(false);
    expect(scanEventsFrame(presence)).toBeNull();
    expect(scanEventsFrame(Buffer.from(JSON.stringify({ type: 'events', to: 2, from: 1, events: [], hasMore: false })))).toBeNull();
  });
});
