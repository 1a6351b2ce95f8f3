import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, type ApiEventFrame, type EventName } from '../../src-shared/api/contract.js';
import type { ApiEventSource } from '../core/api-router.js';
import { forwardEvents } from './forward-events.js';

function source() {
  const listeners = new Map<EventName, (payload: unknown) => void>();
  const events: ApiEventSource = {
    on(event, listener) {
      listeners.set(event, listener as (payload: unknown) => void);
      return () => listeners.delete(event);
    },
  };
  return { events, listeners };
}

describe('forwardEvents', () => {
  it('forwards every api event as a frame', () => {
    const { events, listeners } = source();
    const frames: ApiEventFrame[] = [];
    forwardEvents(events, (frame) => frames.push(frame));
    expect([...listeners.keys()].sort()).toEqual([...EVENT_NAMES].sort());
    listeners.get('messages.changed')?.({ conversationId: 'c1', messageIds: ['m1'] });
    expect(frames).toEqual([{ type: 'event', event: 'messages.changed', payload: { conversationId: 'c1', messageIds: ['m1'] } }]);
  });

  it('unsubscribes from all of them', () => {
    const { events, listeners } = source();
    forwardEvents(events, () => {})();
    expect(listeners.size).toBe(0);
  });
});
