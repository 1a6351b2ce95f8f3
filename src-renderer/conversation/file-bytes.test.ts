import { describe, expect, it } from 'vitest';
import { ATTACHMENTS_MAX, MB } from '../../src-shared/domain/attachments.js';
import { blobUrlOf, filePartsOf, refusalOf } from './file-bytes.js';
import { FILE_PART_BYTES } from '../../src-shared/api/files.js';

describe('a picked file, before upload', () => {
  it('goes when its kind is accepted and it is within the kind’s limit', () => {
    expect(refusalOf({ name: 'label.pdf', type: 'application/pdf', size: 20 * MB }, 0)).toBeNull();
    expect(refusalOf({ name: 'photo.JPG', type: '', size: 1000 }, 0)).toBeNull();
  });

  it('is refused with the limit of its kind, the file’s size, and what is accepted', () => {
    expect(refusalOf({ name: 'big.png', type: 'image/png', size: 5 * MB + 1 }, 0)).toEqual({ key: 'attachments.tooLarge', values: { name: 'big.png', limit: '5 MB', size: '5.1 MB' } });
    expect(refusalOf({ name: 'setup.exe', type: 'application/x-msdownload', size: 10 }, 0)).toMatchObject({ key: 'attachments.unsupported', values: { name: 'setup.exe' } });
    expect(refusalOf({ name: 'empty.pdf', type: 'application/pdf', size: 0 }, 0)?.key).toBe('attachments.empty');
    expect(refusalOf({ name: 'one-more.pdf', type: 'application/pdf', size: 10 }, ATTACHMENTS_MAX)).toEqual({ key: 'attachments.tooMany', values: { max: String(ATTACHMENTS_MAX) } });
  });
});

describe('bytes between renderer and core', () => {
  it('splits a file into base64 parts that add up to it', async () => {
    const bytes = Uint8Array.from({ length: FILE_PART_BYTES * 2 + 5 }, (_, i) => i % 251);
    const parts: { offset: number; part: string }[] = [];
    for await (const part of filePartsOf(new Blob([bytes]))) parts.push(part);
    expect(parts.map((p) => p.offset)).toEqual([0, FILE_PART_BYTES, FILE_PART_BYTES * 2]);
    const joined = parts.flatMap((p) => [...atob(p.part)].map((c) => c.charCodeAt(0)));
    expect(joined).toEqual([...bytes]);
  });

  it('makes a typed blob: URL of base64 bytes', async () => {
    const url = blobUrlOf(btoa('%PDF-1.4'), 'application/pdf');
    expect(url).toMatch(/^blob:/);
    const blob = await (await fetch(url)).blob();
    expect(blob.type).toBe('application/pdf');
    expect(await blob.text()).toBe('%PDF-1.4');
  });
});
