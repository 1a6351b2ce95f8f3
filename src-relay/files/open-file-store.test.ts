import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MB } from '../../src-shared/domain/attachments.js';
import { fileStoreSettingsFromEnv, openFileStore } from './open-file-store.js';
import { pngFile } from './testing/sample-files.js';
import { startS3TestServer } from './testing/s3-test-server.js';

describe('the file store settings from the environment', () => {
  it('are local disk by default, S3 when a bucket is named, with the maximum in MB', () => {
    expect(fileStoreSettingsFromEnv({})).toEqual({});
    expect(fileStoreSettingsFromEnv({ RELAY_FILES_DIR: '/srv/files', RELAY_FILES_MAX_MB: '25' })).toEqual({ dir: '/srv/files', maxFileBytes: 25 * MB });
    expect(fileStoreSettingsFromEnv({ RELAY_FILES_S3_BUCKET: 'b', RELAY_FILES_S3_ENDPOINT: 'http://127.0.0.1:9000', RELAY_FILES_S3_ACCESS_KEY_ID: 'k', RELAY_FILES_S3_SECRET_ACCESS_KEY: 's' })).toEqual({
      s3: { bucket: 'b', endpoint: 'http://127.0.0.1:9000', region: 'us-east-1', credentials: { accessKeyId: 'k', secretAccessKey: 's' } },
    });
    expect(fileStoreSettingsFromEnv({ RELAY_FILES_S3_BUCKET: 'b', RELAY_FILES_S3_REGION: 'eu-central-1' })).toEqual({ s3: { bucket: 'b', endpoint: undefined, region: 'eu-central-1', credentials: undefined } });
  });

  it('are refused, saying what to set, when they contradict each other or miss a part', () => {
    expect(() => fileStoreSettingsFromEnv({ RELAY_FILES_MAX_MB: 'lots' })).toThrow('RELAY_FILES_MAX_MB must be a positive number of megabytes, not "lots".');
    expect(() => fileStoreSettingsFromEnv({ RELAY_FILES_DIR: '/x', RELAY_FILES_S3_BUCKET: 'b' })).toThrow(/not both/);
    expect(() => fileStoreSettingsFromEnv({ RELAY_FILES_S3_ENDPOINT: 'http://x' })).toThrow('RELAY_FILES_S3_ENDPOINT is set but RELAY_FILES_S3_BUCKET is not');
    expect(() => fileStoreSettingsFromEnv({ RELAY_FILES_S3_BUCKET: 'b', RELAY_FILES_S3_ACCESS_KEY_ID: 'k' })).toThrow(/both RELAY_FILES_S3_ACCESS_KEY_ID and RELAY_FILES_S3_SECRET_ACCESS_KEY/);
  });
});

describe('the file store the relay opens', () => {
  it("is a files/ folder beside the SQLite database, or S3 when named; each takes the relay's maximum", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'relay-db-'));
    const onDisk = await openFileStore({ maxFileBytes: MB }, path.join(dir, 'relay.sqlite'));
    const { id } = await onDisk.put(pngFile(), { name: 'a.png', mediaType: null });
    expect([onDisk.maxFileBytes, existsSync(path.join(dir, 'files', id.slice(0, 2), id))]).toEqual([MB, true]);
    await onDisk.close();
    rmSync(dir, { recursive: true, force: true });

    const server = await startS3TestServer();
    const inS3 = await openFileStore({ s3: server.settings }, path.join(dir, 'relay.sqlite'));
    await inS3.put(pngFile(), { name: 'a.png', mediaType: null });
    expect([inS3.maxFileBytes, await inS3.has(id), existsSync(path.join(dir, 'files'))]).toEqual([100 * MB, true, false]);
    await inS3.close();
    await server.close();
  });
});
