import { randomUUID } from 'node:crypto';
import { reminderStage } from '../../src-shared/privacy/privacy-requests.js';
import { repeatForTenants, type TenantTimerHost } from '../repeating.js';
import type { RelayStorage } from '../storage/port/relay-storage.js';

/** Often enough that a stage is told within minutes of being reached; a round reads only open requests. */
export const PRIVACY_REMINDER_INTERVAL_MS = 10 * 60_000;

type ReminderHost = TenantTimerHost & { store: RelayStorage; now: () => number };

/**
 * Tells the privacy team, once per stage, that an open request is due within a week, within two
 * days, or overdue: a reminder row the register shows (and the desk counts on its Privacy
 * button). On one node of a cluster at a time, per tenant (repeating.ts).
 */
export function schedulePrivacyReminders(core: ReminderHost, intervalMs = PRIVACY_REMINDER_INTERVAL_MS): () => void {
  return repeatForTenants(core, intervalMs, 'privacy reminders', (tenantId) => remindTenant(core, tenantId));
}

/** One round for one tenant; answers how many reminders it told. */
export async function remindTenant(core: ReminderHost, tenantId: string): Promise<number> {
  const now = core.now();
  let count = 0;
  for (const request of await core.store.privacy.listRequests(tenantId, { openOnly: true })) {
    const stage = reminderStage(request.dueAt, now);
    // Told once per stage and due date: the table refuses a second (an extended request's new date starts afresh).
    if (stage && (await core.store.privacy.insertReminder(tenantId, { id: randomUUID(), requestId: request.id, stage, dueAt: request.dueAt, at: now }))) count += 1;
  }
  return count;
}
