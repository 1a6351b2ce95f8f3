import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src-shared/domain/model.js';
import { CHAT_FILES_PATH, DESK_FILES_PATH, FileUploaded } from '../../src-shared/protocol/files.js';
import type { MutationBody as Mutation } from '../../src-shared/protocol/mutations/index.js';
import { RelayFrame, SYNC_PATH } from '../../src-shared/protocol/sync.js';
import { WEBCHAT_PATH, WebchatServerFrame } from '../../src-shared/protocol/webchat.js';
import { FILE_NOT_FOUND } from '../conversations/message-files.js';
import { pdfFile, pngFile } from '../files/testing/sample-files.js';
import { startRelay, type RunningRelay } from '../server.js';
import { SocketClient, WEBCHAT_QUIET } from '../testing/socket-client.js';
import { ACME, GLOBEX, login, seedDatabase, tempDatabase, type TempDatabase } from '../testing/test-relay.js';

type Agent = SocketClient<RelayFrame>;

describe('attachments in web chat, both ways', () => {
  let temp: TempDatabase;
  let filesDir: string;
  let relay: RunningRelay;
  const sockets: { close(): void }[] = [];

  beforeEach(async () => {
    temp = await tempDatabase();
    await seedDatabase(temp.dbPath, ACME);
    await seedDatabase(temp.dbPath, GLOBEX);
    filesDir = mkdtempSync(path.join(tmpdir(), 'relay-files-'));
    relay = await startRelay({ dbPath: temp.dbPath, files: { dir: filesDir } });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await relay.close();
    await temp.remove();
    rmSync(filesDir, { recursive: true, force: true });
  });

  const wsUrl = (at: string) => relay.url.replace(/^http/, 'ws') + at;

  async function upload(bytes: Buffer, name: string, token: string, at: string): Promise<FileUploaded> {
    const response = await fetch(`${relay.url}${at}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'x-file-name': encodeURIComponent(name), connection: 'close' }, body: new Uint8Array(bytes) });
    expect(response.status).toBe(201);
    return FileUploaded.parse(await response.json());
  }
  const download = async (at: string, token: string) => {
    const response = await fetch(`${relay.url}${at}`, { headers: { authorization: `Bearer ${token}`, connection: 'close' } });
    return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
  };

  async function agent(email: string): Promise<{ socket: Agent; token: string }> {
    const { token } = await login(relay.url, email);
    const socket = await SocketClient.open(wsUrl(SYNC_PATH), RelayFrame);
    sockets.push(socket);
    socket.send({ type: 'hello', token, clientId: `${email}-desk` });
    await socket.expect('welcome', []);
    socket.send({ type: 'pull', cursor: 0 });
    while ((await socket.expect('events')).hasMore) socket.send({ type: 'pull', cursor: 0 });
    return { socket, token };
  }
  async function nextMessage(socket: Agent): Promise<Message> {
    for (;;) {
      const found = (await socket.expect('events', ['presence'])).events.find((event) => event.data.type === 'message.created');
      if (found?.data.type === 'message.created') return found.data.message;
    }
  }
  async function push(socket: Agent, body: Mutation) {
    socket.send({ type: 'push', mutations: [{ mutationId: Date.now(), createdAt: Date.now(), body }] });
    return (await socket.expect('ack', ['presence', 'events'])).rejections;
  }
  async function customer() {
    const page = await SocketClient.open(wsUrl(WEBCHAT_PATH), WebchatServerFrame);
    sockets.push(page);
    page.send({ type: 'hello', tenant: 'acme', name: 'Kim', language: 'en' });
    return { page, ...(await page.expect('ready', WEBCHAT_QUIET)) };
  }
  const reply = (conversationId: string, files: FileUploaded[]): Mutation => ({
    kind: 'reply.send',
    conversationId,
    messageId: randomUUID(),
    body: 'Here is your label.',
    attachments: files.map((file) => ({ ...file, kind: 'document' as const })),
  });

  it("carries the customer's image to the agent and the agent's PDF to the customer, typed by the relay", async () => {
    const ann = await agent('ann@acme.test');
    const kim = await customer();
    const png = pngFile();
    const photo = await upload(png, 'parcel.png', kim.visitorToken, CHAT_FILES_PATH);
    kim.page.send({ type: 'send', clientMessageId: 'client-photo-1', body: 'parcel.png', attachments: [photo.fileId] });
    const echoed = await kim.page.expect('message', WEBCHAT_QUIET);
    const expected = { fileId: photo.fileId, name: 'parcel.png', mediaType: 'image/png', kind: 'image', size: png.length };
    expect(echoed.message.attachments).toEqual([expected]);
    expect((await nextMessage(ann.socket)).attachments).toEqual([expected]);
    const seen = await download(`${DESK_FILES_PATH}/${photo.fileId}`, ann.token);
    expect(seen.bytes.equals(png)).toBe(true);

    const pdf = pdfFile();
    // The desk's word on type and size is not taken: the relay's record of the bytes is.
    const label = await upload(pdf, 'label.pdf', ann.token, DESK_FILES_PATH);
    expect(await push(ann.socket, reply(kim.conversationId, [{ ...label, mediaType: 'image/png', size: 1 }]))).toEqual([]);
    const got = await kim.page.expect('message', WEBCHAT_QUIET);
    expect(got.message).toMatchObject({ author: 'agent', body: 'Here is your label.' });
    expect(got.message.attachments).toEqual([{ fileId: label.fileId, name: 'label.pdf', mediaType: 'application/pdf', kind: 'document', size: pdf.length }]);
    const fetched = await download(`${CHAT_FILES_PATH}/${label.fileId}`, kim.visitorToken);
    expect(fetched).toMatchObject({ status: 200, type: 'application/pdf' });
    expect(fetched.bytes.equals(pdf)).toBe(true);
  });

  it("refuses another company's file in the words used for a file that does not exist", async () => {
    const ann = await agent('ann@acme.test');
    const gil = await agent('gil@globex.test');
    const kim = await customer();
    const secret = await upload(pdfFile(), 'globex-contract.pdf', gil.token, DESK_FILES_PATH);
    const theirs = await push(ann.socket, reply(kim.conversationId, [secret]));
    const nobodys = await push(ann.socket, reply(kim.conversationId, [{ ...secret, fileId: 'f'.repeat(64) }]));
    expect(theirs).toEqual([expect.objectContaining({ code: 'not_found', message: FILE_NOT_FOUND })]);
    expect(nobodys.map(({ code, message }) => ({ code, message }))).toEqual(theirs.map(({ code, message }) => ({ code, message })));
    expect((await download(`${CHAT_FILES_PATH}/${secret.fileId}`, kim.visitorToken)).status).toBe(404);
  });

  it("refuses a customer's send naming a file not uploaded into their conversation, storing nothing", async () => {
    const ann = await agent('ann@acme.test');
    const other = await upload(pngFile(3, 3), 'not-yours.png', ann.token, DESK_FILES_PATH);
    const kim = await customer();
    kim.page.send({ type: 'send', clientMessageId: 'client-photo-2', body: 'look', attachments: [other.fileId] });
    expect((await kim.page.expect('error', WEBCHAT_QUIET)).message).toBe(FILE_NOT_FOUND);
    kim.page.send({ type: 'send', clientMessageId: 'client-text-3', body: 'hello?' });
    expect((await kim.page.expect('message', WEBCHAT_QUIET)).message).toMatchObject({ body: 'hello?', clientMessageId: 'client-text-3' });
  });
});
