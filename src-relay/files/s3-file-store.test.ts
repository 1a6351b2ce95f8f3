import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MB } from '../../src-shared/domain/attachments.js';
import { openS3FileStore } from './s3-file-store.js';
import { describeFileStore } from './testing/file-store-contract.js';
import { startS3TestServer, type S3TestServer } from './testing/s3-test-server.js';

// One server per bucket: each contract test gets a bucket of its own, so none sees another's files.
describeFileStore('S3 (s3rver on loopback)', async (maxFileBytes) => {
  const server = await startS3TestServer();
  const store = await openS3FileStore({ ...server.settings, maxFileBytes });
  return {
    store,
    async remove() {
      await store.close();
      await server.close();
    },
  };
});

describe('files in S3', () => {
  let server: S3TestServer;
  beforeAll(async () => {
    server = await startS3TestServer();
  });
  afterAll(() => server.close());

  it('are refused at start, clearly, when the bucket is missing or the keys are wrong (the server checks the AWS signature)', async () => {
    await expect(openS3FileStore({ ...server.settings, bucket: 'no-such-bucket', maxFileBytes: MB })).rejects.toThrow(
      new RegExp(`^The files bucket "no-such-bucket" cannot be reached at ${server.settings.endpoint}: NoSuchBucket, HTTP 404`),
    );
    await expect(openS3FileStore({ ...server.settings, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'wrong' }, maxFileBytes: MB })).rejects.toThrow(/HTTP 403/);
  });

  it('are kept as files/<first two hex digits>/<sha256> objects, typed', async () => {
    const store = await openS3FileStore({ ...server.settings, maxFileBytes: MB });
    const { pngFile } = await import('./testing/sample-files.js');
    const { id } = await store.put(pngFile(), { name: 'a.png', mediaType: null });
    const response = await fetch(`${server.settings.endpoint}/${server.settings.bucket}/files/${id.slice(0, 2)}/${id}`, { method: 'HEAD' });
    // s3rver answers anonymous reads of its buckets: enough to see the key and the type.
    expect([response.status, response.headers.get('content-type')]).toEqual([200, 'image/png']);
    await store.close();
  });
});
