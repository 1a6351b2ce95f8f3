import sharp from 'sharp';

/** LINE's limit for a preview image; the poster stays far below it. */
const WIDTH = 640;
const HEIGHT = 360;

/**
 * The preview image a provider shows for a video before it is played (LINE's previewImageUrl): a
 * poster, the video's proportions with a play sign, as a JPEG. It is not a frame of the video: the
 * relay has no video decoder (it would need ffmpeg); the customer sees the video itself once they
 * play it. Drawn from fixed SVG, with nothing of the customer's or agent's in it.
 */
export async function videoPoster(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">
    <rect width="100%" height="100%" fill="#1f2933"/>
    <circle cx="${WIDTH / 2}" cy="${HEIGHT / 2}" r="64" fill="#ffffff" fill-opacity="0.9"/>
    <polygon points="${WIDTH / 2 - 20},${HEIGHT / 2 - 34} ${WIDTH / 2 - 20},${HEIGHT / 2 + 34} ${WIDTH / 2 + 36},${HEIGHT / 2}" fill="#1f2933"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}
