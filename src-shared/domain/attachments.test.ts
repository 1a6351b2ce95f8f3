import { describe, expect, it } from 'vitest';
import { ACCEPTED_TYPES, acceptedTypeNamed, acceptedTypeOfName, inMegabytes, kindLimitInWords, limitFor, MB, normalizedMediaType } from './attachments.js';

describe('accepted attachment types', () => {
  it('are found by media type, alias or name ending, whatever the case and parameters', () => {
    expect(acceptedTypeNamed('IMAGE/JPG')?.mediaType).toBe('image/jpeg');
    expect(acceptedTypeNamed('application/pdf; name="a.pdf"')?.mediaType).toBe('application/pdf');
    expect(acceptedTypeNamed('audio/ogg;codecs=opus')?.mediaType).toBe('audio/ogg');
    expect(acceptedTypeNamed('text/html')).toBeNull();
    expect(acceptedTypeOfName('Voice Note.OPUS')?.mediaType).toBe('audio/ogg');
    expect(acceptedTypeOfName('clip.3gp')?.mediaType).toBe('video/3gpp');
    expect(acceptedTypeOfName('README')).toBeNull();
    expect(normalizedMediaType(' Video/MP4 ; codecs="avc1" ')).toBe('video/mp4');
  });

  it('name each media type and each name ending once, so a declaration is never ambiguous', () => {
    const names = ACCEPTED_TYPES.flatMap((type) => [type.mediaType, ...type.aliases]);
    const endings = ACCEPTED_TYPES.flatMap((type) => type.extensions);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(endings).size).toBe(endings.length);
  });
});

describe('attachment limits', () => {
  it("are each kind's, under the relay's maximum, and said in MB rounded up to a tenth", () => {
    expect([limitFor('image'), limitFor('audio'), limitFor('video'), limitFor('document')]).toEqual([5 * MB, 16 * MB, 16 * MB, 100 * MB]);
    expect(limitFor('document', 20 * MB)).toBe(20 * MB);
    expect([inMegabytes(5 * MB), inMegabytes(5 * MB + 1), inMegabytes(1), inMegabytes(2.5 * MB)]).toEqual(['5 MB', '5.1 MB', '0.1 MB', '2.5 MB']);
    expect(kindLimitInWords('document', 20 * MB)).toBe('Documents may be at most 20 MB.');
  });
});
