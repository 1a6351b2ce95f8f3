import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';

/**
 * Seals channel credentials at rest with AES-256-GCM. Each sealed value is bound to what it
 * belongs to (`context`, the account id, as associated data), so a sealed blob copied onto another
 * account does not open. Opening fails loudly on a wrong key or a changed blob.
 */
export class CredentialBox {
  private key: Buffer | null = null;

  /** `keyOf` is asked once, when credentials are first sealed or opened: a relay without channels needs no key. */
  private constructor(private readonly keyOf: () => Buffer) {}

  static withKey(key: Buffer): CredentialBox {
    return new CredentialBox(() => checkedKey(key));
  }

  /** A box that cannot seal or open, saying why, for a relay with no key (its channels stay off). */
  static without(why: string): CredentialBox {
    return new CredentialBox(() => {
      throw new Error(why);
    });
  }

  static lazy(keyOf: () => Buffer): CredentialBox {
    return new CredentialBox(() => checkedKey(keyOf()));
  }

  seal(value: unknown, context: string): string {
    const key = this.keyOrThrow();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(context, 'utf8'));
    const sealed = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')}`;
  }

  open(sealed: string, context: string): unknown {
    const key = this.keyOrThrow();
    const [version, data] = sealed.split('.');
    if (version !== VERSION || !data) throw new Error('These credentials were not sealed by this relay.');
    const bytes = Buffer.from(data, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES)).setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as unknown;
    } catch {
      throw new Error('These credentials do not open with this relay\'s secrets key (RELAY_SECRETS_KEY, or the key file beside the database).');
    }
  }

  /**
   * A signature of `text` with a key derived from the secrets key for `purpose` (HKDF), so that
   * every node of a relay signs alike and a signature never doubles as anything sealed.
   */
  sign(text: string, purpose: string): string {
    const key = Buffer.from(hkdfSync('sha256', this.keyOrThrow(), Buffer.alloc(0), purpose, KEY_BYTES));
    return createHmac('sha256', key).update(text, 'utf8').digest('base64url');
  }

  private keyOrThrow(): Buffer {
    this.key ??= this.keyOf();
    return this.key;
  }
}

/**
 * The relay's secrets key: RELAY_SECRETS_KEY (32 bytes, base64 or hex) when set; else, for an
 * SQLite file, a key file beside it (`<db>.secrets-key`, created once, readable by the relay's
 * user only; back it up with the database); for an in-memory database, a key of this process.
 * A PostgreSQL relay needs RELAY_SECRETS_KEY, the same on every node.
 */
export function openCredentialBox(location: { dbPath: string; databaseUrl?: string }, env: string | undefined = process.env.RELAY_SECRETS_KEY): CredentialBox {
  if (env) return CredentialBox.lazy(() => parseKey(env));
  if (location.databaseUrl) return CredentialBox.without('Messaging channels need RELAY_SECRETS_KEY (32 random bytes, base64), the same on every node of the relay.');
  if (location.dbPath === ':memory:') return CredentialBox.withKey(randomBytes(KEY_BYTES));
  return CredentialBox.lazy(() => keyFileBeside(location.dbPath));
}

function checkedKey(key: Buffer): Buffer {
  if (key.length !== KEY_BYTES) throw new Error(`A secrets key is ${KEY_BYTES} bytes; this one has ${key.length}.`);
  return key;
}

function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`RELAY_SECRETS_KEY must be ${KEY_BYTES} bytes, base64 or hex (e.g. \`openssl rand -base64 32\`).`);
  return key;
}

function keyFileBeside(dbPath: string): Buffer {
  const file = `${dbPath}.secrets-key`;
  if (!existsSync(file)) {
    try {
      // 'wx': two relays starting on one database at once cannot each write their own key.
      writeFileSync(file, randomBytes(KEY_BYTES).toString('base64'), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    chmodSync(file, 0o600);
  }
  return parseKey(readFileSync(file, 'utf8'));
}
