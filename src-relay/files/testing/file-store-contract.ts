import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MB } from '../../../src-shared/domain/attachments.js';
import { FileRefused, type FileStore } from '../file-store.js';
import { paddedTo, pdfFile, pngFile, textFile } from './sample-files.js';

export interface OpenedFileStore {
  store: FileStore;
  /** Closes the store and removes what it kept. */
  remove(): Promise<void>;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The FileStore contract, run once per adapter; each test gets a fresh store that takes files up to `maxFileBytes` (default 8 MB). */
export function describeFileStore(adapter: string, open: (maxFileBytes: number) => Promise<OpenedFileStore>): void {
  describe(`the file store on ${adapter}`, () => {
    let opened: OpenedFileStore | undefined;
    const store = (): FileStore => {
      if (!opened) throw new Error('The store is open inside a test only.');
      return opened.store;
    };
    beforeEach(async () => {
      opened = await open(8 * MB);
    });
    afterEach(async () => {
      await opened?.remove();
      opened = undefined;
    });

    it('keeps a PNG under the SHA-256 of its bytes, typed from them, and gives the same bytes back', async () => {
      const png = pngFile();
      const stored = await store().put(png, { name: 'photo.png', mediaType: 'image/png' });
      expect(stored).toEqual({ id: sha256(png), size: png.length, mediaType: 'image/png', kind: 'image', name: 'photo.png' });
      expect(await store().has(stored.id)).toBe(true);
      const content = await store().get(stored.id);
      expect(content?.size).toBe(png.length);
      expect(content && (await buffer(content.body))).toEqual(png);
    });

    it('keeps the same bytes once, from a stream as from a buffer, and erases them', async () => {
      const pdf = pdfFile();
      const first = await store().put(pdf, { name: 'invoice.pdf', mediaType: null });
      const again = await store().put(Readable.from([pdf.subarray(0, 10), pdf.subarray(10)]), { name: 'dir/../Rechnung.pdf', mediaType: 'application/pdf' });
      expect(again).toEqual({ ...first, name: 'Rechnung.pdf' });
      expect(first).toMatchObject({ id: sha256(pdf), mediaType: 'application/pdf', kind: 'document' });
      await store().delete(first.id);
      expect(await store().has(first.id)).toBe(false);
      expect(await store().get(first.id)).toBeNull();
      await store().delete(first.id);
    });

    it('knows no file by an unknown id, nor by anything that is not a SHA-256', async () => {
      expect(await store().get(sha256(Buffer.from('nothing')))).toBeNull();
      expect(await store().has(sha256(Buffer.from('nothing')))).toBe(false);
      expect(await store().get('../../etc/passwd')).toBeNull();
      expect(await store().has('A'.repeat(64))).toBe(false);
    });

    it('refuses text renamed .png, and a PDF sent as a PNG, keeping neither', async () => {
      const text = textFile();
      const refusal = await store().put(text, { name: 'notes.png', mediaType: 'image/png' }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(FileRefused);
      expect(refusal).toMatchObject({ code: 'unsupported_type', message: expect.stringMatching(/^notes\.png is not a file the relay accepts/) });
      expect(await store().has(sha256(text))).toBe(false);
      const pdf = pdfFile();
      await expect(store().put(pdf, { name: 'scan.png', mediaType: 'image/png' })).rejects.toMatchObject({
        code: 'type_mismatch',
        message: 'scan.png was sent as a PNG image, but its bytes are a PDF document. Send it with its real type.',
      });
      expect(await store().has(sha256(pdf))).toBe(false);
    });

    it("refuses an image over 5 MB, saying the limit, and takes a larger PDF within the documents' limit", async () => {
      const big = paddedTo(pngFile(), 5 * MB + 1);
      await expect(store().put(big, { name: 'big.png', mediaType: 'image/png' })).rejects.toMatchObject({
        code: 'too_large',
        message: 'big.png is too large (5.1 MB). Images may be at most 5 MB.',
      });
      expect(await store().has(sha256(big))).toBe(false);
      const document = paddedTo(pdfFile(), 6 * MB);
      expect(await store().put(document, { name: 'manual.pdf', mediaType: 'application/pdf' })).toMatchObject({ size: 6 * MB, kind: 'document' });
    });

    it("stops reading a stream past the relay's maximum, and an empty file is refused", async () => {
      const chunks = Array.from({ length: 9 }, () => Buffer.alloc(MB, 1));
      await expect(store().put(Readable.from(chunks), { name: 'huge.pdf', mediaType: 'application/pdf' })).rejects.toMatchObject({
        code: 'too_large',
        message: 'huge.pdf is too large: the relay takes files of at most 8 MB.',
      });
      await expect(store().put(Buffer.alloc(0), { name: 'void.pdf', mediaType: null })).rejects.toMatchObject({ code: 'empty', message: 'void.pdf is empty.' });
    });
  });
}
