/** What the thread looked like after a render, to decide how to scroll after the next one. */
export interface ThreadSnapshot {
  conversationId: string | null;
  firstId: string | null;
  lastId: string | null;
  scrollHeight: number;
  atBottom: boolean;
}

export type ScrollMove = { kind: 'bottom' } | { kind: 'by'; pixels: number } | { kind: 'stay' };

/** Close enough to the end to count as reading the newest message. */
export const AT_BOTTOM_SLACK_PX = 32;

/**
 * A newly opened thread starts at the newest message. Older messages added on top keep what
 * the agent was reading in place. A new message scrolls into view only if the agent was
 * already at the bottom, or wrote it; someone reading further up is left alone.
 */
export function scrollMoveFor(previous: ThreadSnapshot, current: ThreadSnapshot, newestIsOwn: boolean): ScrollMove {
  if (current.conversationId !== previous.conversationId || previous.lastId === null) return { kind: 'bottom' };
  const grewAtTop = current.firstId !== previous.firstId && current.lastId === previous.lastId;
  if (grewAtTop) return { kind: 'by', pixels: current.scrollHeight - previous.scrollHeight };
  // Pinned to the bottom: a message that grew (a delivery error shown) must not push the end away.
  if (previous.atBottom) return { kind: 'bottom' };
  if (current.lastId !== previous.lastId && newestIsOwn) return { kind: 'bottom' };
  return { kind: 'stay' };
}
