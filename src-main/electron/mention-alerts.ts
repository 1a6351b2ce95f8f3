import type { Notice } from '../../src-shared/api/contract.js';
import { cutAtGrapheme } from '../../src-shared/domain/text.js';

/**
 * Calls `alert` once for each mention notice not seen before: those already kept when the
 * workstation started were told then, or are in the notices bar for the agent to read.
 */
export function createMentionAlerts(alreadyKept: readonly Notice[], alert: (notice: Notice) => void): (shown: readonly Notice[]) => void {
  const seen = new Set(alreadyKept.map((notice) => notice.id));
  return (shown) => {
    for (const notice of shown) {
      if (seen.has(notice.id)) continue;
      seen.add(notice.id);
      if (notice.kind === 'mentioned') alert(notice);
    }
  };
}

/** What the desktop notification says: who, about whom, and the start of the note. */
export function mentionAlertText(notice: Notice): { title: string; body: string } {
  const body = cutAtGrapheme(notice.detail, 180);
  return { title: `${notice.otherAgentName ?? 'A colleague'} mentioned you (${notice.customerName})`, body };
}
