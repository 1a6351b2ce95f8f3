import { describe, expect, it } from 'vitest';
import { Presence } from '../../src-shared/domain/model.js';
import { alertDecision, type AlertKind } from './alert-policy.js';

const KINDS: AlertKind[] = ['call', 'offer', 'mention'];

describe('alertDecision', () => {
  it('shows nothing unless the agent is available', () => {
    for (const presence of Presence.options.filter((p) => p !== 'available'))
      for (const kind of KINDS) expect(alertDecision(kind, presence)).toEqual({ show: false, urgent: false });
  });

  it('shows everything to an available agent, and only a ringing call asks past the OS Do Not Disturb', () => {
    expect(alertDecision('call', 'available')).toEqual({ show: true, urgent: true });
    expect(alertDecision('offer', 'available')).toEqual({ show: true, urgent: false });
    expect(alertDecision('mention', 'available')).toEqual({ show: true, urgent: false });
  });
});
