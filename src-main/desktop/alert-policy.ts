import type { Presence } from '../../src-shared/domain/model.js';

/** What the desktop tells the agent about: a ringing call, a conversation offered, a colleague's @mention. */
export type AlertKind = 'call' | 'offer' | 'mention';

export interface AlertDecision {
  show: boolean;
  /**
   * Asks the OS to show it through its own Do Not Disturb where it lets an app (Linux's
   * critical urgency). Otherwise the OS's Do Not Disturb holds: it suppresses our
   * notifications itself, which is what the agent asked of it.
   */
  urgent: boolean;
}

/**
 * The agent's presence is their Do Not Disturb inside the desk: busy, away, in after-call work or
 * offline, nothing pops up (the badge and the notices bar still count it). Available, everything
 * does, and a ringing call also asks to pass the OS's Do Not Disturb, since a missed call is a
 * customer left waiting on the line.
 */
export function alertDecision(kind: AlertKind, presence: Presence): AlertDecision {
  if (presence !== 'available') return { show: false, urgent: false };
  return { show: true, urgent: kind === 'call' };
}
