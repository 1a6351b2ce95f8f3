import { z } from 'zod';
import { AwayReason, Presence } from '../../src-shared/domain/model.js';
import { TranslationRoutes } from '../../src-shared/domain/translation-routes.js';

/**
 * What a relay node tells the others about the desks signed in to it: every one of them each
 * time (on a change and as a heartbeat), so a lost message costs nothing once the next arrives
 * and the receiver needs no order. Best-effort, no seq. An empty list is a goodbye.
 * Unknown fields are ignored, so a node of the next version may add some during a rolling upgrade.
 */
export const DeskAnnouncement = z.object({
  node: z.string().min(1).max(128),
  desks: z
    .array(
      z.object({
        agentId: z.string().min(1).max(256),
        tenantId: z.string().min(1).max(256),
        presence: Presence,
        reason: AwayReason.nullable(),
        until: z.number().int().nullable(),
        onCall: z.boolean(),
        /** What the desk's installed models translate; absent from nodes that predate it. */
        translation: TranslationRoutes.default([]),
      }),
    )
    .max(50_000),
});
export type DeskAnnouncement = z.infer<typeof DeskAnnouncement>;
export type AnnouncedDesk = DeskAnnouncement['desks'][number];

/**
 * A node changed the chosen presence of an agent whose desks are elsewhere (a supervisor set it,
 * after-call work ended on the node holding the lease): the others re-read it and tell their desks.
 */
export const PresenceChanged = z.object({
  node: z.string().min(1).max(128),
  changed: z.object({ agentId: z.string().min(1).max(256), tenantId: z.string().min(1).max(256) }),
});
export type PresenceChanged = z.infer<typeof PresenceChanged>;

export const PresenceNews = z.union([DeskAnnouncement, PresenceChanged]);
export type PresenceNews = z.infer<typeof PresenceNews>;

/** NATS's default max payload. */
const MAX_ANNOUNCEMENT_BYTES = 1024 * 1024;

export function presenceSubject(prefix: string): string {
  return `${prefix}.presence`;
}

export function encodeAnnouncement(announcement: PresenceNews): string {
  return JSON.stringify(announcement);
}

/** The news a message carries, or null when it is not valid (too large, not JSON, not the schema). */
export function decodeAnnouncement(data: Uint8Array): PresenceNews | null {
  if (data.byteLength > MAX_ANNOUNCEMENT_BYTES) return null;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(data));
  } catch {
    return null;
  }
  const parsed = PresenceNews.safeParse(json);
  return parsed.success ? parsed.data : null;
}
