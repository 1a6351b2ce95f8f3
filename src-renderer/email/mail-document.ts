import DOMPurify from 'dompurify';

/** The policy inside the mail's frame: nothing loads but inline images, and remote ones once the agent asks. */
export function mailFrameCsp(showImages: boolean): string {
  return `default-src 'none'; img-src data:${showImages ? ' https: http:' : ''}; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'`;
}

// An instance of its own: the mail's rules (images, links) apply to mail only.
const purifier = typeof window === 'undefined' ? null : DOMPurify(window);
const pass = { showImages: false, remoteImages: 0 };
purifier?.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
  const remote = node.tagName === 'IMG' ? node.getAttribute('data-remote-src') : null;
  if (remote && /^https?:\/\//i.test(remote)) {
    pass.remoteImages++;
    if (pass.showImages) node.setAttribute('src', remote);
  }
});

/**
 * The mail's HTML as the document of a sandboxed frame (srcdoc). The relay sanitized it; this
 * sanitizes again (the desk trusts no HTML it did not check), keeps remote images as
 * data-remote-src until `showImages`, opens links outside the workstation, and sets a policy that
 * blocks anything else from loading.
 */
export function mailDocument(html: string, showImages: boolean): { srcdoc: string; remoteImages: number } {
  if (!purifier) return { srcdoc: '', remoteImages: 0 };
  pass.showImages = showImages;
  pass.remoteImages = 0;
  const body = purifier.sanitize(html, {
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'link', 'meta', 'base'],
    FORBID_ATTR: ['style', 'srcset'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|data:image\/(?:png|gif|jpe?g|webp);)/i,
  });
  const head = `<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${mailFrameCsp(showImages)}"><meta name="referrer" content="no-referrer"><base target="_blank">`;
  return { srcdoc: `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`, remoteImages: pass.remoteImages };
}
