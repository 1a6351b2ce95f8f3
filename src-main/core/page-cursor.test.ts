import { describe, expect, it } from 'vitest';
import { ConversationPositionSchema, decodePageCursor, encodePageCursor, MessagePositionSchema } from './page-cursor.js';

describe('page cursors', () => {
  it('round-trip a position as an opaque string', () => {
    const cursor = encodePageCursor({ priority: 1, lastMessageAt: 1_700_000_000_000, id: 'conv-ü' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePageCursor(cursor, ConversationPositionSchema)).toEqual({ priority: 1, lastMessageAt: 1_700_000_000_000, id: 'conv-ü' });
  });

  it('refuse garbage, other shapes and extra keys as bad requests', () => {
    const bad = ['', '!!!', encodePageCursor({ lastMessageAt: -1, id: 'x' }), encodePageCursor({ createdAt: 1, localSeq: 2, sql: 'drop' }), encodePageCursor({ lastMessageAt: 1, id: 'x' })];
    for (const cursor of bad.slice(0, 3)) expect(() => decodePageCursor(cursor, ConversationPositionSchema)).toThrow(expect.objectContaining({ code: 'bad_request' }));
    for (const cursor of bad.slice(3)) expect(() => decodePageCursor(cursor, MessagePositionSchema)).toThrow(expect.objectContaining({ code: 'bad_request' }));
  });
});
