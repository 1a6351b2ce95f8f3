import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { PRIVACY_DOWNLOAD_PREFIX, type ExportLink } from '../../src-shared/protocol/privacy.js';

/**
 * An export's download link: its path names the export, the account it was made for and until
 * when it holds, signed with a key derived from the relay's secrets key (as channels/public-files.ts
 * signs its links), so every node of a relay honours it and nobody can make one up. It is short-
 * lived because whoever holds it can download the bundle until then; the relay also checks, at
 * download, that the account still may use the register.
 */
export const EXPORT_LINK_LIFETIME_MS = 10 * 60_000;
const PURPOSE = 'privacy export download links';

export interface Signer {
  sign(text: string, purpose: string): string;
}

export const DownloadQuery = z.object({
  agent: z.string().min(1).max(64),
  expires: z.string().regex(/^\d{1,15}$/),
  signature: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
export type DownloadQuery = z.infer<typeof DownloadQuery>;

export const downloadPath = (exportId: string) => `${PRIVACY_DOWNLOAD_PREFIX}/${encodeURIComponent(exportId)}/download`;

export function exportLink(signer: Signer, tenantId: string, exportId: string, agentId: string, now: number): ExportLink {
  const expiresAt = now + EXPORT_LINK_LIFETIME_MS;
  const expires = String(expiresAt);
  const signature = signer.sign(signed(tenantId, exportId, agentId, expires), PURPOSE);
  return { path: `${downloadPath(exportId)}?${new URLSearchParams({ agent: agentId, expires, signature })}`, expiresAt };
}

/** Whether the query was signed by this relay for this export and account (whether it expired is asked apart, to say so plainly). */
export function isSignedLink(signer: Signer, tenantId: string, exportId: string, query: DownloadQuery): boolean {
  const expected = Buffer.from(signer.sign(signed(tenantId, exportId, query.agent, query.expires), PURPOSE));
  const given = Buffer.from(query.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function signed(tenantId: string, exportId: string, agentId: string, expires: string): string {
  return `${tenantId}\n${exportId}\n${agentId}\n${expires}`;
}
