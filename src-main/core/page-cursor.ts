import { z } from 'zod';
import { Id } from '../../src-shared/domain/model.js';
import { ApiFailure } from './api-router.js';

/**
 * Page cursors are opaque to the renderer: a keyset position as base64url JSON. Decoding checks
 * the shape, so a forged or stale cursor is a bad request, never a query with odd values.
 */

const Count = z.number().int().nonnegative();
export const ConversationPositionSchema = z.object({ priority: Count, lastMessageAt: Count, id: Id }).strict();
export const MessagePositionSchema = z.object({ createdAt: Count, localSeq: Count }).strict();

export function encodePageCursor(position: object): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function decodePageCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new ApiFailure('bad_request', 'That page cursor is not one this workstation handed out.');
  }
}
