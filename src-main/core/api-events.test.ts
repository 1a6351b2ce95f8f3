import { describe, expect, it, vi } from 'vitest';
import { ApiEvents } from './api-events.js';

describe('ApiEvents', () => {
  it('delivers to listeners of that event until they unsubscribe', () => {
    const events = new ApiEvents(() => undefined);
    const heard = vi.fn();
    const off = events.on('presence.changed', heard);
    events.emit('presence.changed', { presence: 'away', reason: 'lunch', until: null });
    events.emit('session.changed', { agent: null });
    off();
    events.emit('presence.changed', { presence: 'available', reason: null, until: null });
    expect(heard.mock.calls).toEqual([[{ presence: 'away', reason: 'lunch', until: null }]]);
  });

  it('logs a throwing listener and still tells the others', () => {
    const log = vi.fn();
    const events = new ApiEvents(log);
    const second = vi.fn();
    events.on('session.changed', () => {
      throw new Error('renderer gone');
    });
    events.on('session.changed', second);
    events.emit('session.changed', { agent: null });
    expect(second).toHaveBeenCalledOnce();
    expect(log).toHaveBeenCalledWith('A session.changed listener failed.', expect.any(Error));
  });
});
