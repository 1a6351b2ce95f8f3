import DOMPurify from 'dompurify';

/** The policy inside the mail's frame: nothing loads; images only as data: URLs (inline, or fetched by the workstation on "Show images"). */
export const MAIL_FRAME_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

// An instance of its own: the mail's rules (images, links) apply to mail only.
const purifier = typeof window === 'undefined' ? null : DOMPurify(window);
const pass: { images: Readonly<Record<string, string | null>> | null; remote: string[] } = { images: null, remote: [] };
purifier?.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
  const remote = node.tagName === 'IMG' ? node.getAttribute('data-remote-src') : null;
  if (remote && /^https?:\/\//i.test(remote)) {
    pass.remote.push(remote);
    const fetched = pass.images?.[remote];
    if (fetched && /^data:image\/(png|gif|jpeg|webp);base64,/.test(fetched)) node.setAttribute('src', fetched);
  }
});

/**
 * The mail's HTML as the document of a sandboxed frame (srcdoc). The relay sanitized it; this
 * sanitizes again (the desk trusts no HTML it did not check), opens links outside the
 * workstation, and sets a policy that lets nothing load. Remote images stay as data-remote-src
 * (listed in `remoteImages`) unless `images` holds them, fetched as data: URLs.
 */
export function mailDocument(html: string, images: Readonly<Record<string, string | null>> | null): { srcdoc: string; remoteImages: string[] } {
  if (!purifier) return { srcdoc: '', remoteImages: [] };
  pass.images = images;
  pass.remote = [];
  const body = purifier.sanitize(html, {
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'link', 'meta', 'base'],
    FORBID_ATTR: ['style', 'srcset'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|data:image\/(?:png|gif|jpe?g|webp);)/i,
  });
  const head = `<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${MAIL_FRAME_CSP}"><meta name="referrer" content="no-referrer"><base target="_blank">`;
  return { srcdoc: `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`, remoteImages: [...new Set(pass.remote)] };
}
