import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { checkedFileStore, type BlobKeeper } from './checked-file-store.js';
import type { FileContent, FileStore } from './file-store.js';

export interface S3FileSettings {
  bucket: string;
  /** An S3-compatible server's address (MinIO, Ceph, R2, …); unset for AWS itself. */
  endpoint?: string;
  region: string;
  /** Unset: the AWS SDK's default chain (environment, shared files, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  maxFileBytes: number;
}

/**
 * Files in S3-compatible object storage, for a cluster: every node sees every file. Objects are
 * `files/<first two hex digits>/<sha256>`; the bucket must exist. Checksums are sent only where
 * the API requires them, as most S3-compatible servers do not know the SDK's newer defaults.
 */
export async function openS3FileStore(settings: S3FileSettings): Promise<FileStore> {
  const client = new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    // Buckets as a path (host/bucket/key): S3-compatible servers rarely have a DNS name per bucket.
    forcePathStyle: settings.endpoint !== undefined,
    credentials: settings.credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = settings.bucket;
  try {
    await checkBucket(client, Bucket);
  } catch (error) {
    client.destroy();
    throw new Error(`The files bucket "${Bucket}" cannot be reached${settings.endpoint ? ` at ${settings.endpoint}` : ''}: ${describe(error)}. Check RELAY_FILES_S3_* and that the bucket exists.`);
  }
  const stagingDir = await mkdtemp(path.join(tmpdir(), 'relay-uploads-'));
  const keyOf = (id: string) => `files/${id.slice(0, 2)}/${id}`;
  const has = async (id: string) => {
    try {
      await client.send(new HeadObjectCommand({ Bucket, Key: keyOf(id) }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  };

  const keeper: BlobKeeper = {
    stagingDir,
    async keep(id, stagedPath, size, mediaType) {
      if (await has(id)) return;
      await client.send(new PutObjectCommand({ Bucket, Key: keyOf(id), Body: createReadStream(stagedPath), ContentLength: size, ContentType: mediaType }));
    },
    async read(id): Promise<FileContent | null> {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: keyOf(id) }));
        return { id, size: object.ContentLength ?? 0, body: object.Body as Readable };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    has,
    async remove(id) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: keyOf(id) }));
    },
    async close() {
      client.destroy();
      await rm(stagingDir, { recursive: true, force: true });
    },
  };
  return checkedFileStore(keeper, settings.maxFileBytes);
}

/**
 * Reads a key that is never written: "no such key" proves the bucket is there and the keys may
 * read it (S3 says so only with s3:ListBucket, which `has` needs too). Not HeadBucket: some
 * S3-compatible servers (s3rver) sign a bucket's path without its trailing slash and refuse it.
 */
async function checkBucket(client: S3Client, Bucket: string): Promise<void> {
  try {
    const probe = await client.send(new GetObjectCommand({ Bucket, Key: 'files/reachable' }));
    probe.Body?.transformToWebStream().cancel().catch(() => undefined);
  } catch (error) {
    if ((error as { name?: string }).name !== 'NoSuchKey') throw error;
  }
}

function isNotFound(error: unknown): boolean {
  const failure = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return failure.name === 'NoSuchKey' || failure.name === 'NotFound' || failure.$metadata?.httpStatusCode === 404;
}

function describe(error: unknown): string {
  const failure = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = failure.$metadata?.httpStatusCode;
  return [failure.name, status && `HTTP ${status}`, failure.message].filter(Boolean).join(', ');
}
