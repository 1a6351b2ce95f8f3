import { crc32, deflateSync } from 'node:zlib';

/** Small real files, made from their bytes, for the type checks. */

/** A real PNG: `width` x `height` red RGBA pixels, each chunk with its CRC, the pixels deflated. */
export function pngFile(width = 2, height = 2): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter method, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 4, Buffer.from([255, 0, 0, 255]))]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** The start of a JPEG (SOI, a JFIF APP0 segment) and its end: enough for the type check, as a camera's photo would be. */
export function jpegFile(): Buffer {
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
  return Buffer.from([0xff, 0xd8, ...app0, 0xff, 0xd9]);
}

/** A real one-page PDF, its cross-reference table pointing at each object's byte offset. */
export function pdfFile(): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>'];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** The start of an ISO media file (MP4): its `ftyp` box with brand `isom`, then an empty `mdat` box. */
export function mp4File(): Buffer {
  const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom', 'latin1'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2', 'latin1')]);
  const mdat = Buffer.concat([Buffer.from([0, 0, 0, 8]), Buffer.from('mdat', 'latin1')]);
  return Buffer.concat([ftyp, mdat]);
}

/**
 * A playable-length ISO media file: `ftyp` with `brand` ('isom' for an MP4 video, 'M4A ' for
 * M4A audio), a `moov` box whose movie header (`mvhd`, version 0) says it lasts `durationMs` at a
 * timescale of 1000, and an empty `mdat`.
 */
export function isoMediaFile(brand: 'isom' | 'M4A ', durationMs: number): Buffer {
  const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from(`ftyp${brand}`, 'latin1'), Buffer.from([0, 0, 2, 0]), Buffer.from(`${brand}isom`, 'latin1')]);
  const mvhdBody = Buffer.alloc(100);
  mvhdBody.writeUInt32BE(1000, 12); // timescale
  mvhdBody.writeUInt32BE(durationMs, 16); // duration
  mvhdBody.writeUInt32BE(0x00010000, 20); // rate 1.0
  const mvhd = Buffer.concat([box('mvhd', mvhdBody)]);
  const moov = box('moov', mvhd);
  const mdat = Buffer.concat([Buffer.from([0, 0, 0, 8]), Buffer.from('mdat', 'latin1')]);
  return Buffer.concat([ftyp, moov, mdat]);
}

function box(type: string, content: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + content.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, content]);
}

/** The first page of an Ogg Opus stream (a voice note as WhatsApp sends it): the OggS page header and the OpusHead packet. */
export function opusFile(): Buffer {
  const opusHead = Buffer.concat([Buffer.from('OpusHead', 'latin1'), Buffer.from([1, 1, 0x38, 0x01, 0x80, 0xbb, 0, 0, 0, 0, 0])]);
  const page = Buffer.alloc(27);
  page.write('OggS', 0, 'latin1');
  page[5] = 0x02; // beginning of stream
  page[26] = 1; // one segment
  return Buffer.concat([page, Buffer.from([opusHead.length]), opusHead]);
}

/**
 * A whole Ogg Opus stream that a browser plays: `seconds` of silence in 20 ms frames, each page
 * with its CRC (RFC 3533) and granule position (RFC 7845), so that the duration can be read back.
 */
export function playableOpusFile(seconds = 2): Buffer {
  const preSkip = 312;
  const head = Buffer.concat([Buffer.from('OpusHead', 'latin1'), Buffer.from([1, 1, preSkip & 0xff, preSkip >> 8, 0x80, 0xbb, 0, 0, 0, 0, 0])]);
  const vendor = Buffer.from('sample-files', 'latin1');
  const tags = Buffer.concat([Buffer.from('OpusTags', 'latin1'), uint32le(vendor.length), vendor, uint32le(0)]);
  // TOC 0xf8: CELT full band, 20 ms, mono, one frame; 0xff 0xfe decodes to silence.
  const frame = Buffer.from([0xf8, 0xff, 0xfe]);
  const frames = Math.round((seconds * 1000) / 20);
  const pages = [oggPage(0, 0x02, 0n, [head]), oggPage(1, 0, 0n, [tags])];
  const framesPerPage = 50;
  for (let first = 0, sequence = 2; first < frames; first += framesPerPage, sequence += 1) {
    const count = Math.min(framesPerPage, frames - first);
    const last = first + count >= frames;
    const granule = BigInt((first + count) * 960 + preSkip);
    pages.push(oggPage(sequence, last ? 0x04 : 0, granule, Array.from({ length: count }, () => frame)));
  }
  return Buffer.concat(pages);
}

function oggPage(sequence: number, flags: number, granule: bigint, packets: Buffer[]): Buffer {
  const header = Buffer.alloc(27);
  header.write('OggS', 0, 'latin1');
  header[5] = flags;
  header.writeBigUInt64LE(granule, 6);
  header.writeUInt32LE(0x5eed, 14);
  header.writeUInt32LE(sequence, 18);
  // Packets here are all shorter than 255 bytes: one lacing value each.
  header[26] = packets.length;
  const page = Buffer.concat([header, Buffer.from(packets.map((packet) => packet.length)), ...packets]);
  page.writeUInt32LE(oggCrc(page), 22);
  return page;
}

/** Ogg's CRC-32: polynomial 0x04c11db7, not reflected, zero start, computed with the CRC field zeroed. */
function oggCrc(bytes: Buffer): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 24;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
  }
  return crc >>> 0;
}

const uint32le = (value: number): Buffer => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value);
  return bytes;
};

/** Plain text: no magic number at all. */
export function textFile(): Buffer {
  return Buffer.from('Order 1234: please refund.\n'.repeat(20), 'utf8');
}

/** `file` followed by zeros, to `size` bytes: still sniffed as `file`'s type, for the size limits. */
export function paddedTo(file: Buffer, size: number): Buffer {
  return Buffer.concat([file, Buffer.alloc(size - file.length)]);
}
