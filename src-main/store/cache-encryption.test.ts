import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cache } from './cache.js';
import { CacheKeyError, isPlainDatabase } from './cache-cipher.js';
import { sha256 } from './file-copies.js';
import { sampleConversation, sampleMessage, signInSample } from './testing/records.js';

const MESSAGE = 'Meine IBAN ist DE89370400440532013000, bitte erstatten Sie den Betrag';
const NOTE_CUSTOMER = 'Wiebke Probst-Ungefähr';
const FILE_TEXT = 'Scanned passport of Wiebke Probst-Ungefaehr, number C01X00T47';

/** Every file the cache left on disk, with its raw bytes. */
function filesOnDisk(dir: string): { name: string; bytes: Buffer }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => ({ name: path.join(entry.parentPath, entry.name), bytes: readFileSync(path.join(entry.parentPath, entry.name)) }));
}

/** Which probes appear in the raw bytes, as UTF-8 or UTF-16 (SQLite may store either). */
function plaintextFound(dir: string): string[] {
  const probes = [MESSAGE.slice(0, 24), 'DE89370400440532013000', NOTE_CUSTOMER, FILE_TEXT.slice(0, 20), 'conversations', 'CREATE TABLE'];
  return filesOnDisk(dir).flatMap(({ name, bytes }) =>
    probes.filter((probe) => bytes.includes(Buffer.from(probe, 'utf8')) || bytes.includes(Buffer.from(probe, 'utf16le'))).map((probe) => `${path.basename(name)}: ${probe}`),
  );
}

function fill(cache: Cache): string {
  cache.conversations.upsert(sampleConversation({ id: 'c1', customerName: NOTE_CUSTOMER }));
  const bytes = Buffer.from(FILE_TEXT);
  const fileId = sha256(bytes);
  expect(cache.files.keep(fileId, bytes)).toBe(true);
  cache.messages.upsertSent(sampleMessage({ id: 'm1', conversationId: 'c1', body: MESSAGE, attachments: [{ fileId, name: 'passport.pdf', mediaType: 'application/pdf', size: bytes.length, kind: 'document' }] }));
  for (let i = 0; i < 200; i++) cache.messages.upsertSent(sampleMessage({ id: `m-more-${i}`, conversationId: 'c1', body: `${MESSAGE} (${i})`, createdAt: 2_000 + i }));
  return fileId;
}

describe('the desk cache, encrypted at rest', () => {
  let dir: string;
  let dbPath: string;
  let filesDir: string;
  const key = randomBytes(32);
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cache-cipher-'));
    dbPath = path.join(dir, 'workstation.sqlite');
    filesDir = path.join(dir, 'files');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves no plaintext message in the database, its WAL or the file copies, and reads it all back', () => {
    const cache = Cache.open(dbPath, { key, filesDir });
    const fileId = fill(cache);
    // While open the writes sit in the WAL: look there too.
    expect(existsSync(`${dbPath}-wal`)).toBe(true);
    expect(plaintextFound(dir)).toEqual([]);
    cache.close();
    expect(plaintextFound(dir)).toEqual([]);
    expect(isPlainDatabase(dbPath)).toBe(false);

    const again = Cache.open(dbPath, { key, filesDir });
    expect(again.messages.all().find((message) => message.id === 'm1')?.body).toBe(MESSAGE);
    expect(again.conversations.get('c1')?.customerName).toBe(NOTE_CUSTOMER);
    expect(again.files.read(fileId)?.toString()).toBe(FILE_TEXT);
    again.close();
  });

  it('the probe can fail: a plain cache shows the message on disk', () => {
    const cache = Cache.open(dbPath, { filesDir });
    fill(cache);
    cache.close();
    expect(plaintextFound(dir)).toEqual(expect.arrayContaining([expect.stringContaining('DE89370400440532013000'), expect.stringContaining(FILE_TEXT.slice(0, 20))]));
  });

  it('refuses the wrong key with a clear error and leaves the cache as it was', () => {
    Cache.open(dbPath, { key, filesDir }).close();
    const before = readFileSync(dbPath);
    expect(() => Cache.open(dbPath, { key: randomBytes(32), filesDir })).toThrow(CacheKeyError);
    expect(() => Cache.open(dbPath, { key: randomBytes(32), filesDir })).toThrow(/cannot be opened with this key.*Nothing was changed/);
    expect(() => new Database(dbPath).prepare('SELECT * FROM messages').all()).toThrow(/not a database/);
    expect(readFileSync(dbPath).equals(before)).toBe(true);
  });

  it('encrypts a plain cache from an earlier release in place, keeping every row and file', () => {
    const plain = signInSample(Cache.open(dbPath, { filesDir }));
    const fileId = fill(plain);
    plain.outbox.enqueue({ kind: 'note.add', conversationId: 'c1', messageId: 'unsent', body: MESSAGE }, 5);
    const rows = { messages: plain.messages.all(), conversations: plain.conversations.all(), outbox: plain.outbox.next(10), clientId: plain.session.clientId() };
    plain.close();
    expect(isPlainDatabase(dbPath)).toBe(true);

    const encrypted = Cache.open(dbPath, { key, filesDir });
    expect(encrypted.messages.all()).toEqual(rows.messages);
    expect(encrypted.conversations.all()).toEqual(rows.conversations);
    expect(encrypted.outbox.next(10)).toEqual(rows.outbox);
    expect(encrypted.session.clientId()).toBe(rows.clientId);
    expect(encrypted.files.read(fileId)?.toString()).toBe(FILE_TEXT);
    encrypted.close();
    expect(isPlainDatabase(dbPath)).toBe(false);
    expect(plaintextFound(dir)).toEqual([]);
  });

  it('rotates the key: the old key no longer opens the cache, the new one opens it and the file copies', () => {
    const cache = Cache.open(dbPath, { key, filesDir });
    const fileId = fill(cache);
    const newKey = randomBytes(32);
    cache.rekey(key, newKey);
    cache.messages.upsertSent(sampleMessage({ id: 'after', conversationId: 'c1', body: 'written after the rotation' }));
    cache.close();

    expect(() => Cache.open(dbPath, { key, filesDir })).toThrow(CacheKeyError);
    const rotated = Cache.open(dbPath, { key: newKey, filesDir });
    expect(rotated.messages.all().map((message) => message.id)).toEqual(expect.arrayContaining(['m1', 'after']));
    expect(rotated.files.read(fileId)?.toString()).toBe(FILE_TEXT);
    rotated.close();
    expect(plaintextFound(dir)).toEqual([]);
  });
});
