import DOMPurify from 'dompurify';

/** The policy inside the mail's frame: nothing loads; images only as data: URLs (the mail's inline images, or remote ones fetched by the workstation on "Show images"). */
export const MAIL_FRAME_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

// An instance of its own: the mail's rules (images, links) apply to mail only.
const purifier = typeof window === 'undefined' ? null : DOMPurify(window);
const pass: { images: Readonly<Record<string, string | null>> | null; inline: Readonly<Record<string, string>>; remote: string[] } = { images: null, inline: {}, remote: [] };
const DATA_IMAGE = /^data:image\/(png|gif|jpeg|webp);base64,[A-Za-z0-9+/=]*$/;
purifier?.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
  if (node.tagName !== 'IMG') return;
  const remote = node.getAttribute('data-remote-src');
  if (remote && /^https?:\/\//i.test(remote)) {
    pass.remote.push(remote);
    const fetched = pass.images?.[remote];
    if (fetched && DATA_IMAGE.test(fetched)) node.setAttribute('src', fetched);
  }
  // An inline image the relay kept: its own bytes, shown at once (nothing leaves the workstation for it).
  const inline = pass.inline[node.getAttribute('data-file-id') ?? ''];
  if (inline && DATA_IMAGE.test(inline)) node.setAttribute('src', inline);
});

/**
 * The mail's HTML as the document of a sandboxed frame (srcdoc). The relay sanitized it; this
 * sanitizes again (the desk trusts no HTML it did not check), opens links outside the
 * workstation, and sets a policy that lets nothing load. Remote images stay as data-remote-src
 * (listed in `remoteImages`) unless `images` holds them, fetched as data: URLs; an inline image
 * (`data-file-id`) gets its bytes from `inline`, data: URLs by file id.
 */
export function mailDocument(
  html: string,
  images: Readonly<Record<string, string | null>> | null,
  inline: Readonly<Record<string, string>> = {},
): { srcdoc: string; remoteImages: string[] } {
  if (!purifier) return { srcdoc: '', remoteImages: [] };
  pass.images = images;
  pass.inline = inline;
  pass.remote = [];
  const body = purifier.sanitize(html, {
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'link', 'meta', 'base'],
    FORBID_ATTR: ['style', 'srcset'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|data:image\/(?:png|gif|jpe?g|webp);)/i,
  });
  const head = `<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${MAIL_FRAME_CSP}"><meta name="referrer" content="no-referrer"><base target="_blank">`;
  return { srcdoc: `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`, remoteImages: [...new Set(pass.remote)] };
}
