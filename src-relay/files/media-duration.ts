/**
 * How long an ISO media file (MP4, M4A) plays, from its movie header: the `mvhd` box inside
 * `moov` holds a timescale (units per second) and a duration in those units (ISO/IEC 14496-12,
 * 8.2.2). Read from the bytes the relay keeps, so nobody's word is taken for it. Null when the
 * file has no such header (not ISO media, cut short, or a duration the file leaves unknown).
 */
export function isoMediaDurationMs(bytes: Buffer): number | null {
  const moov = findBox(bytes, 0, bytes.length, 'moov');
  const mvhd = moov && findBox(bytes, moov.start, moov.end, 'mvhd');
  if (!mvhd) return null;
  const version = bytes[mvhd.start];
  // version 0: 32-bit times and duration; version 1: 64-bit. After version and flags (4 bytes), creation and modification times.
  const at = mvhd.start + 4 + (version === 1 ? 16 : 8);
  const needed = at + 4 + (version === 1 ? 8 : 4);
  if (needed > mvhd.end) return null;
  const timescale = bytes.readUInt32BE(at);
  const duration = version === 1 ? Number(bytes.readBigUInt64BE(at + 4)) : bytes.readUInt32BE(at + 4);
  // All ones: "unknown" (a fragmented file, say).
  const unknown = version === 1 ? duration >= Number.MAX_SAFE_INTEGER : duration === 0xffffffff;
  if (timescale === 0 || unknown) return null;
  return Math.round((duration * 1000) / timescale);
}

/** The first box of `type` between `from` and `to`, as the range of its content; null when there is none. */
function findBox(bytes: Buffer, from: number, to: number, type: string): { start: number; end: number } | null {
  let at = from;
  while (at + 8 <= to) {
    let size = bytes.readUInt32BE(at);
    let header = 8;
    if (size === 1) {
      if (at + 16 > to) return null;
      size = Number(bytes.readBigUInt64BE(at + 8));
      header = 16;
    } else if (size === 0) {
      size = to - at; // to the end of its container
    }
    if (size < header || at + size > to) return null;
    if (bytes.toString('latin1', at + 4, at + 8) === type) return { start: at + header, end: at + size };
    at += size;
  }
  return null;
}
