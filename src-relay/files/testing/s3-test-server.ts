import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from '@20minutes/s3rver';
import type { S3FileSettings } from '../s3-file-store.js';

/** s3rver's one account: it checks AWS Signature V4 with this key pair, so other keys are refused. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface S3TestServer {
  /** Settings for openS3FileStore against this server and its bucket. */
  settings: Omit<S3FileSettings, 'maxFileBytes'>;
  close(): Promise<void>;
}

/**
 * A local S3-compatible server in this process (@20minutes/s3rver on loopback, objects in a
 * temporary folder), with one empty bucket.
 */
export async function startS3TestServer(bucket = 'relay-files'): Promise<S3TestServer> {
  const directory = mkdtempSync(path.join(tmpdir(), 's3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const address = await server.run();
  return {
    settings: { bucket, endpoint: `http://127.0.0.1:${address.port}`, region: 'us-east-1', credentials: S3RVER_CREDENTIALS },
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
