import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DownloadError, downloadFile, fileUrl, probeFile } from './hub-download.js';
import { sha256, startFakeHub, type FakeHub } from './testing/fake-hub.js';

const BIG = randomBytes(50_000);
const SMALL = Buffer.from('{"model_type":"marian"}');

describe('one file from the hub', () => {
  let dir: string;
  let hub: FakeHub | null = null;
  let other: { url: string; requests: (string | null)[]; close: () => Promise<void> } | null = null;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hub-download-'));
  });
  afterEach(async () => {
    await hub?.close();
    await other?.close();
    hub = other = null;
    rmSync(dir, { recursive: true, force: true });
  });

  async function fakeHub(): Promise<FakeHub> {
    hub = await startFakeHub({ 'Xenova/tiny': { 'config.json': SMALL, 'onnx/model.onnx': BIG } });
    return hub;
  }

  /** A server that answers every GET with `handler`, recording the Range it was asked for. */
  async function plainServer(handler: (request: IncomingMessage, response: ServerResponse) => void) {
    const requests: (string | null)[] = [];
    const server = createServer((request, response) => {
      requests.push(request.headers.range ?? null);
      handler(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    other = {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      requests,
      close: () => new Promise((resolve) => server.close(() => resolve())),
    };
    return other;
  }

  it('builds the hub’s resolve URL under any base, mirror prefixes included', () => {
    expect(fileUrl('https://huggingface.co', 'Xenova/opus-mt-es-en', 'main', 'onnx/encoder_model_quantized.onnx')).toBe(
      'https://huggingface.co/Xenova/opus-mt-es-en/resolve/main/onnx/encoder_model_quantized.onnx',
    );
    expect(fileUrl('http://mirror.corp:8080/hf/', 'Xenova/m2m100_418M', 'refs/pr/1', 'config.json')).toBe('http://mirror.corp:8080/hf/Xenova/m2m100_418M/resolve/refs%2Fpr%2F1/config.json');
  });

  it('learns size and sha256 from the hub’s first answer, without asking the CDN', async () => {
    const hub = await fakeHub();
    expect(await probeFile(`${hub.url}/Xenova/tiny/resolve/main/onnx/model.onnx`)).toEqual({ size: BIG.length, sha256: sha256(BIG) });
    expect(await probeFile(`${hub.url}/Xenova/tiny/resolve/main/config.json`)).toEqual({ size: SMALL.length, sha256: null });
    expect(hub.requests.map((r) => `${r.method} ${r.server}`)).toEqual(['HEAD hub', 'HEAD hub']);
  });

  it('downloads through the redirect and checks the hub’s sha256', async () => {
    const hub = await fakeHub();
    const destination = path.join(dir, 'model.onnx');
    const seen: number[] = [];
    expect(await downloadFile(`${hub.url}/Xenova/tiny/resolve/main/onnx/model.onnx`, destination, { onProgress: (done) => seen.push(done) })).toEqual({ size: BIG.length, sha256: sha256(BIG) });
    expect(readFileSync(destination).equals(BIG)).toBe(true);
    expect(existsSync(`${destination}.part`)).toBe(false);
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(BIG.length);
  });

  it('appends to the part on 206', async () => {
    const hub = await fakeHub();
    const destination = path.join(dir, 'model.onnx');
    writeFileSync(`${destination}.part`, BIG.subarray(0, 20_000));
    const seen: number[] = [];
    await downloadFile(`${hub.url}/Xenova/tiny/resolve/main/onnx/model.onnx`, destination, { onProgress: (done) => seen.push(done) });
    expect(readFileSync(destination).equals(BIG)).toBe(true);
    expect(hub.requests.filter((r) => r.method === 'GET').map((r) => `${r.server} ${r.range}`)).toEqual(['hub bytes=20000-', 'cdn bytes=20000-']);
    expect(seen[0]).toBe(20_000);
  });

  it('starts over when the server sends the whole file (200) instead of the rest', async () => {
    const server = await plainServer((_request, response) => response.end(BIG));
    const destination = path.join(dir, 'model.onnx');
    writeFileSync(`${destination}.part`, Buffer.alloc(20_000, 1));
    await downloadFile(`${server.url}/model.onnx`, destination);
    expect(server.requests).toEqual(['bytes=20000-']);
    expect(readFileSync(destination).equals(BIG)).toBe(true);
  });

  it('finishes a part that was already whole (416), checking it first', async () => {
    const hub = await fakeHub();
    const destination = path.join(dir, 'model.onnx');
    writeFileSync(`${destination}.part`, BIG);
    await downloadFile(`${hub.url}/Xenova/tiny/resolve/main/onnx/model.onnx`, destination);
    expect(readFileSync(destination).equals(BIG)).toBe(true);
    expect(hub.requests.filter((r) => r.server === 'cdn').map((r) => r.range)).toEqual([`bytes=${BIG.length}-`]);
  });

  it('starts over once when the server cannot continue from the part', async () => {
    const server = await plainServer((request, response) => {
      if (request.headers.range) {
        response.writeHead(416, { 'content-range': 'bytes */999' });
        return void response.end();
      }
      response.end(BIG);
    });
    const destination = path.join(dir, 'model.onnx');
    writeFileSync(`${destination}.part`, Buffer.alloc(60_000, 1));
    await downloadFile(`${server.url}/model.onnx`, destination);
    expect(server.requests).toEqual(['bytes=60000-', null]);
    expect(readFileSync(destination).equals(BIG)).toBe(true);
  });

  it('refuses a file whose size differs from X-Linked-Size, deleting the part', async () => {
    const server = await plainServer((_request, response) => {
      response.writeHead(200, { 'x-linked-size': String(BIG.length + 1) });
      response.end(BIG);
    });
    const destination = path.join(dir, 'model.onnx');
    await expect(downloadFile(`${server.url}/model.onnx`, destination)).rejects.toMatchObject({ reason: 'checksum', message: expect.stringContaining(`${BIG.length} bytes, expected ${BIG.length + 1}`) });
    expect(existsSync(`${destination}.part`)).toBe(false);
    expect(existsSync(destination)).toBe(false);
  });

  it('takes a plain ETag for what it is, a cache validator, not a checksum', async () => {
    const server = await plainServer((_request, response) => {
      response.writeHead(200, { etag: `"${'0'.repeat(64)}"` });
      response.end(SMALL);
    });
    const destination = path.join(dir, 'config.json');
    await downloadFile(`${server.url}/config.json`, destination);
    expect(readFileSync(destination).equals(SMALL)).toBe(true);
  });

  it('says which URL was not found, and why a source refused', async () => {
    const hub = await fakeHub();
    const missing = `${hub.url}/Xenova/tiny/resolve/main/onnx/other.onnx`;
    await expect(downloadFile(missing, path.join(dir, 'x'))).rejects.toMatchObject({ reason: 'not-found', message: `${missing} was not found (404): check the model's repo and revision, and the model source.` });
    const server = await plainServer((_request, response) => {
      response.writeHead(401);
      response.end();
    });
    await expect(downloadFile(`${server.url}/x`, path.join(dir, 'x'))).rejects.toMatchObject({ reason: 'forbidden', message: expect.stringContaining('401 Unauthorized: the model source refused access') });
  });

  // Node's fetch refuses a 407 itself: the agent is told the model server cannot be reached.
  it('counts a proxy that wants its own sign-in as the source being unreachable', async () => {
    const server = await plainServer((_request, response) => {
      response.writeHead(407, { 'proxy-authenticate': 'Basic realm="office"' });
      response.end();
    });
    await expect(downloadFile(`${server.url}/x`, path.join(dir, 'x'))).rejects.toMatchObject({ reason: 'network', message: expect.stringMatching(/^Cannot reach http:\/\/127\.0\.0\.1:\d+ \(fetch failed/) });
  });

  it('says plainly when the source cannot be reached', async () => {
    const server = await plainServer(() => {});
    const url = `${server.url}/x`;
    await other?.close();
    other = null;
    const failure = await downloadFile(url, path.join(dir, 'x')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DownloadError);
    expect(failure).toMatchObject({ reason: 'network', message: expect.stringMatching(/^Cannot reach http:\/\/127\.0\.0\.1:\d+ \(fetch failed: .*ECONNREFUSED/) });
  });
});
