import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageAttachment } from '../../src-shared/domain/model.js';
import { Cache } from './cache.js';
import { FileCopies, sha256 } from './file-copies.js';
import { sampleConversation, sampleMessage } from './testing/records.js';

/** A file the desk keeps a copy of, named (as the relay names it) by its SHA-256. */
function keptFile(copies: FileCopies, text: string): MessageAttachment {
  const bytes = Buffer.from(text, 'utf8');
  const fileId = sha256(bytes);
  expect(copies.keep(fileId, bytes)).toBe(true);
  return { fileId, name: `${text}.pdf`, mediaType: 'application/pdf', size: bytes.length, kind: 'document' };
}

describe('the desk’s file copies go with the data that names them', () => {
  let dir: string;
  let copies: FileCopies;
  let cache: Cache;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cache-files-'));
    cache = Cache.open(':memory:', { filesDir: path.join(dir, 'files') });
    copies = cache.files;
    cache.conversations.upsert(sampleConversation({ id: 'erased' }));
    cache.conversations.upsert(sampleConversation({ id: 'kept' }));
  });
  afterEach(() => {
    cache.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("removes an erased customer's files, but not one another held conversation also carries", () => {
    const own = keptFile(copies, 'passport-scan');
    const pending = keptFile(copies, 'unsent-reply-file');
    const shared = keptFile(copies, 'returns-policy');
    cache.messages.upsertSent(sampleMessage({ id: 'm1', conversationId: 'erased', attachments: [own, shared] }));
    cache.messages.insertPending(sampleMessage({ id: 'm2', conversationId: 'erased', author: 'agent', attachments: [pending] }));
    cache.messages.upsertSent(sampleMessage({ id: 'm3', conversationId: 'kept', author: 'agent', attachments: [shared] }));

    expect(cache.eraseConversation('erased')).toBe(true);

    expect(copies.read(own.fileId)).toBeNull();
    expect(copies.read(pending.fileId)).toBeNull();
    expect(copies.read(shared.fileId)?.toString()).toBe('returns-policy');
  });

  it("removes a call's wrap-up waiting on the desk, which names the caller, with the conversation", () => {
    const call = { provider: 'twilio' as const, direction: 'inbound' as const, remote: '+4915112349876', address: '+4915112349876', startedAt: 1, answeredAt: 2, endedAt: 3, end: 'remote-hangup' as const, wrapUpCode: null };
    cache.pendingWrapUps.add('ann', { id: 'w-erased', conversationId: 'erased', call }, 4);
    cache.pendingWrapUps.add('ann', { id: 'w-kept', conversationId: 'kept', call }, 5);
    cache.eraseConversation('erased');
    expect(cache.pendingWrapUps.list('ann').map((w) => w.id)).toEqual(['w-kept']);
  });

  it('removes every copy when another agent signs in on the desk', () => {
    const file = keptFile(copies, 'invoice');
    cache.messages.upsertSent(sampleMessage({ id: 'm1', conversationId: 'kept', attachments: [file] }));
    cache.wipeAgentData();
    expect(copies.read(file.fileId)).toBeNull();
    expect(existsSync(path.join(dir, 'files'))).toBe(false);
  });
});
