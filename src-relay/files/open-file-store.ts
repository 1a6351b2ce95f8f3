import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_MAX_FILE_BYTES, MB } from '../../src-shared/domain/attachments.js';
import { openDiskFileStore } from './disk-file-store.js';
import { isPostgresUrl } from '../storage/open-relay-storage.js';
import type { FileStore } from './file-store.js';
import type { S3FileSettings } from './s3-file-store.js';

/** Where the relay keeps attachments: local disk unless an S3 bucket is named. */
export interface FileStoreSettings {
  /** The largest file of any kind; default 100 MB. */
  maxFileBytes?: number;
  /** The disk folder; default `files/` beside the SQLite database. */
  dir?: string;
  s3?: Omit<S3FileSettings, 'maxFileBytes'>;
}

/**
 * RELAY_FILES_DIR (a folder), or RELAY_FILES_S3_BUCKET with RELAY_FILES_S3_ENDPOINT (an
 * S3-compatible server; unset for AWS), RELAY_FILES_S3_REGION (us-east-1) and
 * RELAY_FILES_S3_ACCESS_KEY_ID/RELAY_FILES_S3_SECRET_ACCESS_KEY (else the AWS SDK's default
 * credential chain); RELAY_FILES_MAX_MB caps every kind's limit.
 */
export function fileStoreSettingsFromEnv(env: NodeJS.ProcessEnv): FileStoreSettings {
  const settings: FileStoreSettings = {};
  if (env.RELAY_FILES_MAX_MB) {
    const megabytes = Number(env.RELAY_FILES_MAX_MB);
    if (!(megabytes > 0)) throw new Error(`RELAY_FILES_MAX_MB must be a positive number of megabytes, not "${env.RELAY_FILES_MAX_MB}".`);
    settings.maxFileBytes = Math.floor(megabytes * MB);
  }
  const bucket = env.RELAY_FILES_S3_BUCKET;
  if (bucket && env.RELAY_FILES_DIR) throw new Error('Set RELAY_FILES_DIR (files on local disk) or RELAY_FILES_S3_BUCKET (files in S3), not both.');
  if (env.RELAY_FILES_DIR) settings.dir = env.RELAY_FILES_DIR;
  if (!bucket) {
    const stray = Object.keys(env).find((name) => name.startsWith('RELAY_FILES_S3_') && env[name]);
    if (stray) throw new Error(`${stray} is set but RELAY_FILES_S3_BUCKET is not: name the bucket to keep files in S3.`);
    return settings;
  }
  const accessKeyId = env.RELAY_FILES_S3_ACCESS_KEY_ID;
  const secretAccessKey = env.RELAY_FILES_S3_SECRET_ACCESS_KEY;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new Error('Set both RELAY_FILES_S3_ACCESS_KEY_ID and RELAY_FILES_S3_SECRET_ACCESS_KEY, or neither (the AWS SDK then finds credentials itself).');
  }
  settings.s3 = {
    bucket,
    endpoint: env.RELAY_FILES_S3_ENDPOINT || undefined,
    region: env.RELAY_FILES_S3_REGION || 'us-east-1',
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
  };
  return settings;
}

/**
 * The relay's file store, picked as openRelayStorage picks its database. `dbPath` is the SQLite
 * database's (RELAY_DB, even when RELAY_DATABASE_URL moves the data to PostgreSQL): files go
 * beside it by default. A relay with no such file (':memory:', or a postgres:// URL in its place,
 * as tests start one) keeps them in a temporary folder that goes when the store closes.
 */
export async function openFileStore(settings: FileStoreSettings, dbPath: string): Promise<FileStore> {
  const maxFileBytes = settings.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (settings.s3) {
    // Loaded only when asked for: a relay on local disk never loads the AWS SDK.
    const { openS3FileStore } = await import('./s3-file-store.js');
    return openS3FileStore({ ...settings.s3, maxFileBytes });
  }
  if (settings.dir) return openDiskFileStore({ dir: settings.dir, maxFileBytes });
  if (dbPath === '' || dbPath === ':memory:' || isPostgresUrl(dbPath)) {
    return openDiskFileStore({ dir: await mkdtemp(path.join(tmpdir(), 'relay-files-')), maxFileBytes, removeOnClose: true });
  }
  return openDiskFileStore({ dir: path.join(path.dirname(dbPath), 'files'), maxFileBytes });
}
