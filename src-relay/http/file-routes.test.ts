import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MB } from '../../src-shared/domain/attachments.js';
import { CHAT_FILES_PATH, DESK_FILES_PATH, FileUploaded } from '../../src-shared/protocol/files.js';
import { WEBCHAT_PATH, WebchatServerFrame } from '../../src-shared/protocol/webchat.js';
import { paddedTo, pdfFile, pngFile, textFile } from '../files/testing/sample-files.js';
import { startRelay, type RunningRelay } from '../server.js';
import { openRelayStorage } from '../storage/open-relay-storage.js';
import { SocketClient, WEBCHAT_QUIET } from '../testing/socket-client.js';
import { ACME, GLOBEX, login, seedDatabase, tempDatabase, type TempDatabase } from '../testing/test-relay.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('attachments over HTTP', () => {
  let temp: TempDatabase;
  let filesDir: string;
  let relay: RunningRelay;
  let ann: string;
  let gil: string;
  const sockets: { close(): void }[] = [];

  beforeEach(async () => {
    temp = await tempDatabase();
    await seedDatabase(temp.dbPath, ACME);
    await seedDatabase(temp.dbPath, GLOBEX);
    filesDir = mkdtempSync(path.join(tmpdir(), 'relay-files-'));
    relay = await startRelay({ dbPath: temp.dbPath, files: { maxFileBytes: 8 * MB, dir: filesDir } });
    ann = (await login(relay.url, 'ann@acme.test')).token;
    gil = (await login(relay.url, 'gil@globex.test')).token;
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await relay.close();
    await temp.remove();
    rmSync(filesDir, { recursive: true, force: true });
  });

  const upload = (bytes: Buffer, name: string, type: string | null, token: string | null = ann, path = DESK_FILES_PATH) =>
    answer(`${relay.url}${path}`, {
      method: 'POST',
      headers: { ...(token && { authorization: `Bearer ${token}` }), ...(type && { 'content-type': type }), 'x-file-name': encodeURIComponent(name) },
      body: new Uint8Array(bytes),
    });
  const download = (id: string, token: string | null = ann, path = DESK_FILES_PATH, headers: Record<string, string> = {}) =>
    answer(`${relay.url}${path}/${id}`, { headers: { ...(token && { authorization: `Bearer ${token}` }), ...headers } });
  async function chatVisitor(): Promise<{ visitorToken: string; conversationId: string }> {
    const page = await SocketClient.open(relay.url.replace(/^http/, 'ws') + WEBCHAT_PATH, WebchatServerFrame);
    sockets.push(page);
    page.send({ type: 'hello', tenant: 'acme', name: 'Kim', language: 'en' });
    return page.expect('ready', WEBCHAT_QUIET);
  }
  const errorOf = (response: Answer) => [response.status, (response.json() as { error: { code: string; message: string } }).error] as const;

  it('takes a PNG from a desk and gives it back to a desk of the same company, typed from its bytes and cached for good', async () => {
    const png = pngFile();
    const sent = await upload(png, 'Straße 1.png', 'application/octet-stream');
    expect(sent.status).toBe(201);
    expect(FileUploaded.parse(sent.json())).toEqual({ fileId: sha256(png), name: 'Straße 1.png', mediaType: 'image/png', size: png.length });

    const got = await download(sha256(png), (await login(relay.url, 'cid@acme.test')).token);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(png);
    expect(Object.fromEntries(['content-type', 'content-length', 'x-content-type-options', 'cache-control', 'content-disposition', 'etag'].map((h) => [h, got.headers.get(h)]))).toEqual({
      'content-type': 'image/png',
      'content-length': String(png.length),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=31536000, immutable',
      'content-disposition': `inline; filename="Stra_e 1.png"; filename*=UTF-8''Stra%C3%9Fe%201.png`,
      etag: `"${sha256(png)}"`,
    });
    expect((await download(sha256(png), ann, DESK_FILES_PATH, { 'if-none-match': `"${sha256(png)}"` })).status).toBe(304);
    const head = await answer(`${relay.url}${DESK_FILES_PATH}/${sha256(png)}`, { method: 'HEAD', headers: { authorization: `Bearer ${ann}` } });
    expect([head.status, head.headers.get('content-type'), head.headers.get('content-length'), head.body.length]).toEqual([200, 'image/png', String(png.length), 0]);
  });

  it('serves a document as an attachment to save, never to open in place', async () => {
    const pdf = pdfFile();
    expect((await upload(pdf, 'invoice.pdf', 'application/pdf')).status).toBe(201);
    const got = await download(sha256(pdf));
    expect([got.headers.get('content-type'), got.headers.get('content-disposition')]).toEqual(['application/pdf', `attachment; filename="invoice.pdf"; filename*=UTF-8''invoice.pdf`]);
  });

  it("answers another company's desk 404, as for a file that does not exist, until it sends the same bytes itself", async () => {
    const png = pngFile();
    await upload(png, 'acme.png', 'image/png');
    const unknown = await errorOf(await download(sha256(Buffer.from('nothing')), gil));
    expect(await errorOf(await download(sha256(png), gil))).toEqual(unknown);
    expect(unknown).toEqual([404, { code: 'not_found', message: 'There is no such file.' }]);
    expect(await errorOf(await download('../../etc/passwd', gil))).toEqual([404, expect.anything()]);

    expect((await upload(png, 'globex.png', 'image/png', gil)).status).toBe(201);
    const own = await download(sha256(png), gil);
    expect([own.status, own.headers.get('content-disposition')]).toEqual([200, `inline; filename="globex.png"; filename*=UTF-8''globex.png`]);
  });

  it('asks for a token, and refuses one that signs no one in', async () => {
    const png = pngFile();
    expect(await errorOf(await upload(png, 'a.png', 'image/png', null))).toEqual([401, { code: 'unauthorized', message: 'Send the token as "Authorization: Bearer <token>".' }]);
    await upload(png, 'a.png', 'image/png');
    expect((await download(sha256(png), null)).status).toBe(401);
    expect((await download(sha256(png), 'not-a-token')).status).toBe(401);
  });

  it('refuses, with the reason, text named .png, a PDF sent as a PNG, an upload without a name, and an empty one', async () => {
    expect(await errorOf(await upload(textFile(), 'notes.png', 'image/png'))).toEqual([415, { code: 'unsupported_type', message: expect.stringMatching(/^notes\.png is not a file the relay accepts/) }]);
    expect(await errorOf(await upload(pdfFile(), 'scan.png', 'image/png'))).toEqual([
      415,
      { code: 'type_mismatch', message: 'scan.png was sent as a PNG image, but its bytes are a PDF document. Send it with its real type.' },
    ]);
    const nameless = await answer(`${relay.url}${DESK_FILES_PATH}`, { method: 'POST', headers: { authorization: `Bearer ${ann}`, 'content-type': 'image/png' }, body: new Uint8Array(pngFile()) });
    expect(await errorOf(nameless)).toEqual([400, { code: 'bad_request', message: 'Send the file\'s name in x-file-name, percent-encoded (encodeURIComponent).' }]);
    expect(await errorOf(await upload(Buffer.alloc(0), 'void.pdf', 'application/pdf'))).toEqual([400, { code: 'empty', message: 'void.pdf is empty.' }]);
  });

  it("answers 413 with the limit in MB: an image over its kind's 5 MB, and a body over the relay's maximum before it is read", async () => {
    expect(await errorOf(await upload(paddedTo(pngFile(), 5 * MB + 1), 'big.png', 'image/png'))).toEqual([413, { code: 'too_large', message: 'big.png is too large (5.1 MB). Images may be at most 5 MB.' }]);
    expect(await errorOf(await upload(paddedTo(pdfFile(), 8 * MB + 1), 'huge.pdf', 'application/pdf'))).toEqual([
      413,
      { code: 'too_large', message: 'huge.pdf is too large: the relay takes files of at most 8 MB.' },
    ]);
    // Sent in chunks with no length: refused once the count passes the maximum, the rest never read.
    const answer = await chunkedUpload(relay.url, ann, 'stream.pdf', 12);
    expect(answer).toEqual({ status: 413, body: { error: { code: 'too_large', message: 'stream.pdf is too large: the relay takes files of at most 8 MB.' } }, connection: 'close' });
  });

  it("lets a web-chat customer send a file in their conversation and read it back, and its company's desks read it too; nothing else", async () => {
    const { visitorToken } = await chatVisitor();
    const photo = pngFile(3, 1);
    const sent = await upload(photo, 'receipt.png', 'image/png', visitorToken, CHAT_FILES_PATH);
    expect([sent.status, (sent.json() as FileUploaded).fileId]).toEqual([201, sha256(photo)]);
    expect((await download(sha256(photo), visitorToken, CHAT_FILES_PATH)).body).toEqual(photo);
    expect((await download(sha256(photo), ann)).status).toBe(200);
    expect((await download(sha256(photo), gil)).status).toBe(404);

    // A desk's file not shared in the customer's conversation stays out of their reach.
    const pdf = pdfFile();
    await upload(pdf, 'internal.pdf', 'application/pdf');
    expect((await download(sha256(pdf), visitorToken, CHAT_FILES_PATH)).status).toBe(404);
    expect(await errorOf(await download(sha256(photo), 'made-up', CHAT_FILES_PATH))).toEqual([401, { code: 'unauthorized', message: 'Send your chat\'s visitor token as "Authorization: Bearer <token>".' }]);
  });

  it("forgets a customer's files with their erasure, and deletes the bytes no company holds any more", async () => {
    const { visitorToken, conversationId } = await chatVisitor();
    const [photo, pdf] = [pngFile(4, 4), pdfFile()];
    await upload(photo, 'me.png', 'image/png', visitorToken, CHAT_FILES_PATH);
    await upload(pdf, 'contract.pdf', 'application/pdf', visitorToken, CHAT_FILES_PATH);
    await upload(pdf, 'contract.pdf', 'application/pdf', gil);
    const onDisk = (bytes: Buffer) => existsSync(path.join(filesDir, sha256(bytes).slice(0, 2), sha256(bytes)));
    expect([onDisk(photo), onDisk(pdf)]).toEqual([true, true]);

    const store = await openRelayStorage(temp.dbPath);
    const customerId = (await store.conversations.findConversation('acme', conversationId))?.customerId;
    await store.close();
    const root = (await login(relay.url, 'root@acme.test')).token;
    const erased = await answer(`${relay.url}/api/admin/erasures`, { method: 'POST', headers: { authorization: `Bearer ${root}`, 'content-type': 'application/json' }, body: JSON.stringify({ customerId }) });
    expect(erased.status).toBe(200);

    expect([(await download(sha256(photo))).status, (await download(sha256(pdf))).status]).toEqual([404, 404]);
    expect((await download(sha256(pdf), gil)).status).toBe(200);
    expect([onDisk(photo), onDisk(pdf)]).toEqual([false, true]);
  });
});

interface Answer {
  status: number;
  headers: Headers;
  body: Buffer;
  json(): unknown;
}

/**
 * The whole answer, on a connection of its own: each test closes its relay right after its last
 * answer, and a kept-alive connection the server still counts busy (a file is streamed, its
 * bookkeeping ends a little after the client has the bytes) would hold the close for the
 * keep-alive timeout.
 */
async function answer(url: string, init: RequestInit): Promise<Answer> {
  const response = await fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), connection: 'close' } });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, body, json: () => JSON.parse(body.toString('utf8')) };
}

/** Streams `megabytes` of a PDF in chunks (no Content-Length) until the relay answers; its status, body and Connection header. */
function chunkedUpload(relayUrl: string, token: string, name: string, megabytes: number): Promise<{ status: number; body: unknown; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const url = new URL(DESK_FILES_PATH, relayUrl);
    const outgoing = httpRequest(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf', 'x-file-name': name } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), connection: response.headers.connection }));
    });
    // The relay closes the connection while this side still writes: that is the point.
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    let sent = 0;
    const writeMore = () => {
      while (sent < megabytes) {
        sent += 1;
        const chunk = sent === 1 ? paddedTo(pdfFile(), MB) : Buffer.alloc(MB, 0x20);
        if (!outgoing.write(chunk)) return void outgoing.once('drain', writeMore);
      }
      outgoing.end();
    };
    writeMore();
  });
}
