/** At most this many bytes per image, and this long per request: a mail's pictures, not downloads. */
const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
const TIMEOUT_MS = 10_000;
const IMAGE_TYPES = /^image\/(png|gif|jpeg|webp)$/;

/**
 * A mail's remote images, fetched by the workstation once the agent asked to see them, as data:
 * URLs. The desk's frame never fetches anything itself (its policy allows data: images only), so
 * the agent's "Show images" is the only way a sender learns the mail was opened, and nothing but
 * PNG, GIF, JPEG or WebP of a sane size comes back. A URL that fails maps to null.
 */
export async function fetchMailImages(urls: readonly string[]): Promise<Record<string, string | null>> {
  const entries = await Promise.all([...new Set(urls)].map(async (url) => [url, await fetchImage(url)] as const));
  return Object.fromEntries(entries);
}

async function fetchImage(url: string): Promise<string | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.username || parsed.password) return null;
  try {
    const response = await fetch(parsed, { signal: AbortSignal.timeout(TIMEOUT_MS), credentials: 'omit', referrerPolicy: 'no-referrer' });
    const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!response.ok || !IMAGE_TYPES.test(type)) return null;
    if (Number(response.headers.get('content-length') ?? 0) > MAX_IMAGE_BYTES) return null;
    const bytes = Buffer.from(await response.arrayBuffer());
    return bytes.length > MAX_IMAGE_BYTES ? null : `data:${type};base64,${bytes.toString('base64')}`;
  } catch {
    return null;
  }
}

/**
 * A mail's inline images (once `cid:` parts, kept by the relay as attachments), read from the
 * relay like any attachment and made data: URLs for the mail's frame. Only PNG, GIF, JPEG or WebP
 * as the relay typed them; an image that cannot be read is left out and shows as nothing.
 */
export async function readInlineImages(images: readonly { fileId: string; mediaType: string }[], read: (fileId: string) => Promise<{ bytes: Buffer }>): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  for (const { fileId, mediaType } of images) {
    if (!IMAGE_TYPES.test(mediaType)) continue;
    try {
      found[fileId] = `data:${mediaType};base64,${(await read(fileId)).bytes.toString('base64')}`;
    } catch {
      // Gone from the relay, or the relay away: the rest of the mail still shows.
    }
  }
  return found;
}
