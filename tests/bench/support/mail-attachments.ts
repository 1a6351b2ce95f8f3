import { crc32, deflateSync } from 'node:zlib';

/**
 * Files customers attach, built as real files of about the size asked: a one-page PDF whose
 * scanned page is an incompressible image stream, and a PNG of noise (a photo compresses about as
 * badly). `fill` gives the bytes that make them up, so a corpus is the same on every run.
 */

/** A PDF of about `size` bytes: valid structure (catalog, page, xref) around an image XObject of `fill` bytes. */
export function pdfOf(size: number, fill: (n: number) => Buffer, title: string): Buffer {
  const image = fill(Math.max(256, size - 900));
  const text = Buffer.from(`BT /F1 18 Tf 72 740 Td (${title.replace(/[()\\]/g, '')}) Tj ET\nq 468 0 0 600 72 100 cm /Im1 Do Q\n`, 'latin1');
  const side = Math.max(1, Math.floor(Math.sqrt(image.length / 3)));
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>'),
    Buffer.concat([Buffer.from(`<< /Length ${text.length} >>\nstream\n`), text, Buffer.from('\nendstream')]),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'),
    Buffer.concat([Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length ${image.length} >>\nstream\n`), image, Buffer.from('\nendstream')]),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(at);
    const object = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    parts.push(object);
    at += object.length;
  });
  const xref = ['xref', `0 ${objects.length + 1}`, '0000000000 65535 f ', ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n `)].join('\n');
  parts.push(Buffer.from(`${xref}\ntrailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** A PNG (RGB, 8 bits) of noise, about `size` bytes. */
export function pngOf(size: number, fill: (n: number) => Buffer): Buffer {
  const width = Math.max(1, Math.floor(Math.sqrt(size / 3)));
  const height = Math.max(1, Math.floor(size / 3 / width));
  const rowBytes = width * 3 + 1;
  const pixels = fill(rowBytes * height);
  // Filter type 0 (none) at the start of each row.
  for (let row = 0; row < height; row++) pixels[row * rowBytes] = 0;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels, { level: 1 })), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}
