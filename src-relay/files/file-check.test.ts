import { fileTypeFromBuffer } from 'file-type';
import { describe, expect, it } from 'vitest';
import { MB } from '../../src-shared/domain/attachments.js';
import { checkSize, checkType, cleanName } from './file-check.js';
import { mp4File, opusFile, pdfFile, pngFile, textFile } from './testing/sample-files.js';

/** The check as the store makes it: sniffed from the bytes by file-type, then against the declaration. */
async function typeOf(bytes: Buffer, name: string, mediaType: string | null = null): Promise<string> {
  return checkType((await fileTypeFromBuffer(bytes))?.mime, { name, mediaType }).mediaType;
}

describe('a file type, checked from the bytes', () => {
  it('is the type the magic numbers say, declared or not, with or without a telling name', async () => {
    expect(await typeOf(pngFile(), 'photo.png', 'image/png')).toBe('image/png');
    expect(await typeOf(pngFile(), 'photo', null)).toBe('image/png');
    expect(await typeOf(pngFile(), 'photo.bin', 'application/octet-stream')).toBe('image/png');
    expect(await typeOf(pdfFile(), 'invoice.pdf', 'application/pdf')).toBe('application/pdf');
    expect(await typeOf(opusFile(), 'voice.ogg', 'audio/ogg; codecs=opus')).toBe('audio/ogg');
    expect(await typeOf(opusFile(), 'voice.opus', 'AUDIO/OPUS')).toBe('audio/ogg');
  });

  it('reads an MP4 as a video unless it is declared or named as sound', async () => {
    expect(await typeOf(mp4File(), 'clip.mp4')).toBe('video/mp4');
    expect(await typeOf(mp4File(), 'note.m4a')).toBe('audio/mp4');
    expect(await typeOf(mp4File(), 'note', 'audio/mp4')).toBe('audio/mp4');
  });

  it('refuses bytes of no accepted type, whatever the name says', async () => {
    await expect(typeOf(textFile(), 'notes.png', 'image/png')).rejects.toMatchObject({ code: 'unsupported_type', message: expect.stringContaining('images (JPEG, PNG, GIF, WebP), PDF documents') });
    expect(() => checkType('image/bmp', { name: 'old.bmp', mediaType: null })).toThrow('old.bmp is image/bmp, which the relay does not accept.');
  });

  it('refuses a declaration that contradicts the bytes, by media type or by name', async () => {
    await expect(typeOf(pdfFile(), 'scan.png', 'image/png')).rejects.toThrow('scan.png was sent as a PNG image, but its bytes are a PDF document.');
    await expect(typeOf(pngFile(), 'photo.png', 'text/plain')).rejects.toThrow('photo.png was sent as text/plain, but its bytes are a PNG image.');
    await expect(typeOf(pdfFile(), 'scan.jpg', null)).rejects.toThrow('scan.jpg is named like a JPEG image, but its bytes are a PDF document. Rename it to end in .pdf.');
    await expect(typeOf(opusFile(), 'voice.mp4', 'video/mp4')).rejects.toMatchObject({ code: 'type_mismatch' });
  });
});

describe('a file size', () => {
  const png = checkType('image/png', { name: 'a.png', mediaType: null });
  const video = checkType('video/mp4', { name: 'a.mp4', mediaType: null });

  it("is held to its kind's limit and the relay's maximum, and the error says the limit in MB", () => {
    expect(() => checkSize(png, 5 * MB, 'a.png', 100 * MB)).not.toThrow();
    expect(() => checkSize(png, 5 * MB + 1, 'a.png', 100 * MB)).toThrow('a.png is too large (5.1 MB). Images may be at most 5 MB.');
    expect(() => checkSize(video, 17 * MB, 'a.mp4', 100 * MB)).toThrow('a.mp4 is too large (17 MB). Videos may be at most 16 MB.');
    expect(() => checkSize(video, 3 * MB, 'a.mp4', 2.5 * MB)).toThrow('a.mp4 is too large (3 MB). Videos may be at most 2.5 MB.');
  });
});

describe('a file name', () => {
  it('keeps no path or control characters, and stays a readable length with its ending', () => {
    expect(cleanName('C:\\Users\\kim\\photo 1.png')).toBe('photo 1.png');
    expect(cleanName('../../etc/passwd')).toBe('passwd');
    expect(cleanName('in\u0000voice\r\n.pdf')).toBe('invoice.pdf');
    expect(cleanName('  ')).toBe('file');
    expect(cleanName('..')).toBe('file');
    const long = cleanName(`${'ก'.repeat(300)}.pdf`);
    expect([long.length, long.endsWith('.pdf')]).toEqual([200, true]);
  });
});
