import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CredentialBox, openCredentialBox } from './credential-box.js';

const SECRET = { accessToken: 'EAAG-very-secret', appSecret: 'app-secret' };

describe('sealed channel credentials', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const tempDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'credential-box-'));
    dirs.push(dir);
    return dir;
  };

  it('opens what it sealed for the same account only, and never shows the secret in the sealed text', () => {
    const box = CredentialBox.withKey(randomBytes(32));
    const sealed = box.seal(SECRET, 'account-1');
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('secret');
    expect(box.open(sealed, 'account-1')).toEqual(SECRET);
    expect(box.seal(SECRET, 'account-1')).not.toBe(sealed);
    expect(() => box.open(sealed, 'account-2')).toThrow(/do not open/);
    const bytes = Buffer.from(sealed.slice(3), 'base64url');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    const tampered = `v1.${bytes.toString('base64url')}`;
    expect(() => box.open(tampered, 'account-1')).toThrow(/do not open/);
    expect(() => CredentialBox.withKey(randomBytes(32)).open(sealed, 'account-1')).toThrow(/do not open/);
  });

  it('takes RELAY_SECRETS_KEY in base64 or hex, and refuses a key of the wrong size when it is first used', () => {
    const key = randomBytes(32);
    const sealed = openCredentialBox({ dbPath: ':memory:' }, key.toString('base64')).seal(SECRET, 'a');
    expect(openCredentialBox({ dbPath: ':memory:' }, key.toString('hex')).open(sealed, 'a')).toEqual(SECRET);
    expect(() => openCredentialBox({ dbPath: ':memory:' }, randomBytes(16).toString('base64')).seal(SECRET, 'a')).toThrow(/32 bytes/);
  });

  it('makes a key file beside an SQLite database on first use, readable by its owner only, and keeps using it', () => {
    const dbPath = path.join(tempDir(), 'relay.sqlite');
    const box = openCredentialBox({ dbPath }, undefined);
    expect(existsSync(`${dbPath}.secrets-key`)).toBe(false);
    const sealed = box.seal(SECRET, 'a');
    expect(statSync(`${dbPath}.secrets-key`).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(`${dbPath}.secrets-key`, 'utf8'), 'base64')).toHaveLength(32);
    expect(openCredentialBox({ dbPath }, undefined).open(sealed, 'a')).toEqual(SECRET);
  });

  it('keeps an existing key file, and says what to set when PostgreSQL has no key', () => {
    const dbPath = path.join(tempDir(), 'relay.sqlite');
    const key = randomBytes(32);
    writeFileSync(`${dbPath}.secrets-key`, key.toString('base64'));
    const sealed = CredentialBox.withKey(key).seal(SECRET, 'a');
    expect(openCredentialBox({ dbPath }, undefined).open(sealed, 'a')).toEqual(SECRET);
    const postgres = openCredentialBox({ dbPath: ':memory:', databaseUrl: 'postgres://x/y' }, undefined);
    expect(() => postgres.seal(SECRET, 'a')).toThrow(/RELAY_SECRETS_KEY/);
  });
});
