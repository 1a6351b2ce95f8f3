import { describe, expect, it } from 'vitest';
import { newActivity } from './new-activity.js';

const row = (id: string, lastMessageAt: number) => ({ id, customerName: `Customer ${id}`, lastMessageAt });

describe('new activity in the inbox, for the screen reader to say', () => {
  it('says nothing about the first list, then names a conversation with a newer message', () => {
    const first = newActivity(null, [row('a', 100), row('b', 90)], null);
    expect(first.fresh).toEqual([]);
    const next = newActivity(first.seen, [row('b', 120), row('a', 100)], null);
    expect(next.fresh.map((r) => r.id)).toEqual(['b']);
    // The same list again is nothing new.
    expect(newActivity(next.seen, [row('b', 120), row('a', 100)], null).fresh).toEqual([]);
  });

  it('names a conversation that was not listed when its message is newer than all shown', () => {
    const { seen } = newActivity(null, [row('a', 100)], null);
    expect(newActivity(seen, [row('n', 130), row('a', 100)], null).fresh.map((r) => r.id)).toEqual(['n']);
  });

  it('says nothing for older conversations that come in by paging or another filter', () => {
    const { seen } = newActivity(null, [row('a', 100), row('b', 90)], null);
    expect(newActivity(seen, [row('a', 100), row('b', 90), row('c', 40), row('d', 20)], null).fresh).toEqual([]);
  });

  it('leaves out the open conversation, and does not name it later for the same message', () => {
    const { seen } = newActivity(null, [row('a', 100), row('b', 90)], 'a');
    const whileOpen = newActivity(seen, [row('a', 150), row('b', 90)], 'a');
    expect(whileOpen.fresh).toEqual([]);
    expect(newActivity(whileOpen.seen, [row('a', 150), row('b', 90)], 'b').fresh).toEqual([]);
  });

  it('remembers a conversation that leaves the list, and names it when it comes back with news', () => {
    const { seen } = newActivity(null, [row('a', 100), row('b', 90)], null);
    const narrowed = newActivity(seen, [row('a', 100)], null);
    expect(newActivity(narrowed.seen, [row('a', 100), row('b', 90)], null).fresh).toEqual([]);
    expect(newActivity(narrowed.seen, [row('a', 100), row('b', 95)], null).fresh.map((r) => r.id)).toEqual(['b']);
  });
});
