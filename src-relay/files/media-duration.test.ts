import { describe, expect, it } from 'vitest';
import { isoMediaDurationMs } from './media-duration.js';
import { isoMediaFile, mp4File, opusFile, pngFile } from './testing/sample-files.js';

describe('the duration of ISO media, from its movie header', () => {
  it('reads M4A audio and MP4 video', () => {
    expect(isoMediaDurationMs(isoMediaFile('M4A ', 12_345))).toBe(12_345);
    expect(isoMediaDurationMs(isoMediaFile('isom', 61_000))).toBe(61_000);
  });

  it('converts from the timescale and reads 64-bit headers', () => {
    const file = isoMediaFile('M4A ', 0);
    const moov = file.indexOf('moov', 0, 'latin1') - 4;
    // Version 1: 64-bit times; rewrite the mvhd in place as version 1 with timescale 44100.
    const mvhd = Buffer.alloc(8 + 4 + 16 + 4 + 8 + 80);
    mvhd.writeUInt32BE(mvhd.length, 0);
    mvhd.write('mvhd', 4, 'latin1');
    mvhd[8] = 1;
    mvhd.writeUInt32BE(44_100, 8 + 4 + 16);
    mvhd.writeBigUInt64BE(BigInt(44_100 * 3 + 22_050), 8 + 4 + 16 + 4);
    const moovBox = Buffer.alloc(8);
    moovBox.writeUInt32BE(8 + mvhd.length, 0);
    moovBox.write('moov', 4, 'latin1');
    expect(isoMediaDurationMs(Buffer.concat([file.subarray(0, moov), moovBox, mvhd]))).toBe(3_500);
  });

  it('is null for what has no movie header, or a cut one', () => {
    expect(isoMediaDurationMs(mp4File())).toBeNull();
    expect(isoMediaDurationMs(opusFile())).toBeNull();
    expect(isoMediaDurationMs(pngFile())).toBeNull();
    expect(isoMediaDurationMs(isoMediaFile('M4A ', 5_000).subarray(0, 60))).toBeNull();
    expect(isoMediaDurationMs(Buffer.alloc(0))).toBeNull();
  });
});
