import { z } from 'zod';
import { normalizeBlockValue } from '../domain/blocked-senders.js';

export const BLOCKED_SENDERS_PATH = '/api/admin/blocked-senders';

/**
 * POST /api/admin/blocked-senders: block an address (`boss@example.com`) or a domain and its
 * subdomains (`example.com`, `@example.com`, `*.example.com`); stored normalized.
 */
export const BlockSenderRequest = z
  .object({ value: z.string().trim().min(1).max(254).refine((value) => normalizeBlockValue(value) !== null, 'an email address or a domain name') })
  .strict();
export type BlockSenderRequest = z.infer<typeof BlockSenderRequest>;

/** DELETE /api/admin/blocked-senders with this body: the entry as listed (normalized). */
export const UnblockSenderRequest = z.object({ value: z.string().min(1).max(254) }).strict();
export type UnblockSenderRequest = z.infer<typeof UnblockSenderRequest>;
