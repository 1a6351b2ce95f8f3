import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { videoPoster } from './video-poster.js';

describe('the poster of a video', () => {
  it('is a JPEG in 16:9, well under the 1 MB LINE takes for a preview, the same every time', async () => {
    const poster = await videoPoster();
    const { format, width, height } = await sharp(poster).metadata();
    expect({ format, width, height }).toEqual({ format: 'jpeg', width: 640, height: 360 });
    expect(poster.length).toBeLessThan(100_000);
    expect((await videoPoster()).equals(poster)).toBe(true);
  });
});
