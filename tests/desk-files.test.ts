import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FILE_PART_BYTES } from '../src-shared/api/files.js';
import type { MessageAttachment } from '../src-shared/domain/model.js';
import { ApiFailure } from '../src-main/core/api-router.js';
import { Workstation } from '../src-main/core/workstation.js';
import { pdfFile, pngFile } from '../src-relay/files/testing/sample-files.js';
import { startRelay, type RunningRelay } from '../src-relay/server.js';
import { tempDatabase, type TempDatabase } from '../src-relay/testing/test-relay.js';
import { waitFor } from './support/wait.js';
import { WebchatCustomer } from './support/webchat-customer.js';

/** A desk's attachments: uploaded in parts through the core, read back through it, kept for offline. */
describe('desk attachments through the core', () => {
  let dir: string;
  let database: TempDatabase;
  let relay: RunningRelay;
  let mei: Workstation;
  let customer: WebchatCustomer;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'desk-files-'));
    database = await tempDatabase();
    relay = await startRelay({ dbPath: database.dbPath, seedDemo: true, files: { dir: path.join(dir, 'relay-files') } });
    mei = Workstation.open({ dbPath: path.join(dir, 'mei.sqlite'), relayUrl: relay.url });
    await mei.handlers['session.login']({ email: 'mei@demo.test', password: 'demo1234' });
    await waitFor('Mei online', async () => (await mei.handlers['session.get']({})).connection.state === 'online');
    customer = await WebchatCustomer.start(relay.url, '王芳', 'zh-CN');
  });
  afterEach(async () => {
    customer.close();
    await mei.close();
    await relay.close();
    await database.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  /** As the renderer does: parts of at most FILE_PART_BYTES, in order. */
  async function upload(bytes: Buffer, name: string, mediaType: string): Promise<MessageAttachment> {
    const uploadId = randomUUID();
    for (let offset = 0; ; offset += FILE_PART_BYTES) {
      const part = bytes.subarray(offset, offset + FILE_PART_BYTES).toString('base64');
      const { attachment } = await mei.handlers['files.upload']({ uploadId, name, mediaType, size: bytes.length, offset, part });
      if (attachment) return attachment;
    }
  }
  const messagesOf = async (conversationId: string) => (await mei.handlers['conversations.get']({ conversationId, before: null, limit: 50 })).messages;

  it("shows the customer's image from the relay, and again from its own copy when the relay is gone", async () => {
    const png = pngFile(40, 40);
    const photo = await customer.sendFile(png, '包裹.png');
    const conversationId = customer.conversationId!;
    await waitFor('the photo on the desk', async () => (await messagesOf(conversationId).catch(() => [])).some((m) => m.attachments?.length));
    const [shown] = (await messagesOf(conversationId)).flatMap((m) => m.attachments ?? []);
    expect(shown).toEqual({ fileId: photo.fileId, name: '包裹.png', mediaType: 'image/png', kind: 'image', size: png.length });
    const read = await mei.handlers['files.read']({ fileId: photo.fileId });
    expect(read.mediaType).toBe('image/png');
    expect(Buffer.from(read.bytes, 'base64').equals(png)).toBe(true);

    await relay.close();
    const offline = await mei.handlers['files.read']({ fileId: photo.fileId });
    expect(Buffer.from(offline.bytes, 'base64').equals(png)).toBe(true);
    relay = await startRelay({ dbPath: database.dbPath, files: { dir: path.join(dir, 'relay-files') } });
  });

  it('uploads a PDF in parts and sends it with a reply the customer receives, typed by the relay', async () => {
    // Padded past one part, so the parts have to be put back together in order.
    const pdf = Buffer.concat([pdfFile(), Buffer.alloc(FILE_PART_BYTES + 100, 0x20)]);
    customer.send('请把运单发给我');
    const conversationId = customer.conversationId!;
    await waitFor('the conversation on the desk', async () => (await messagesOf(conversationId).catch(() => [])).length > 0);
    const label = await upload(pdf, '运单.pdf', 'application/octet-stream');
    expect(label).toMatchObject({ name: '运单.pdf', mediaType: 'application/pdf', kind: 'document', size: pdf.length });
    const { message } = await mei.handlers['conversations.reply']({ conversationId, body: '运单.pdf', attachments: [label] });
    expect(message).toMatchObject({ delivery: 'pending', attachments: [label] });
    await waitFor('the PDF at the customer', () => customer.fromAgents().some((m) => m.attachments?.[0]?.fileId === label.fileId));
    expect(customer.fromAgents().at(-1)?.attachments).toEqual([label]);
  });

  it('reads no file that no cached message carries, and refuses parts out of order', async () => {
    await expect(mei.handlers['files.read']({ fileId: 'a'.repeat(64) })).rejects.toMatchObject({ code: 'not_found' });
    const part = Buffer.alloc(10).toString('base64');
    await expect(mei.handlers['files.upload']({ uploadId: randomUUID(), name: 'x.pdf', mediaType: 'application/pdf', size: 20, offset: 10, part })).rejects.toBeInstanceOf(ApiFailure);
  });
});
