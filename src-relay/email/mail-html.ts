import sanitizeHtml from 'sanitize-html';

/**
 * Mail HTML as the relay keeps it: no scripts, forms, frames, styles sheets or event handlers; links
 * only to http(s) and mailto; remote images kept only as `data-remote-src`, so nothing is fetched
 * (no tracking pixel fires) until the agent asks to see that message's images on the desk, which
 * sanitizes again before showing it (src-renderer/email).
 */
export function sanitizeMailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center', 'span', 'div'],
    disallowedTagsMode: 'discard',
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'title', 'width', 'height', 'data-remote-src', 'data-cid'],
      font: ['color', 'size', 'face'],
      td: ['colspan', 'rowspan', 'align', 'valign', 'width'],
      th: ['colspan', 'rowspan', 'align', 'valign', 'width'],
      table: ['width', 'cellpadding', 'cellspacing', 'border', 'align'],
      '*': ['dir', 'lang', 'align'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['data'] },
    allowProtocolRelative: false,
    transformTags: { img: blockedImage },
  });
}

/** A remote image loses its src (kept as data-remote-src); an inline cid: image keeps its name for later. */
function blockedImage(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const { src = '', ...rest } = attribs;
  if (/^https?:\/\//i.test(src)) return { tagName, attribs: { ...rest, 'data-remote-src': src } };
  if (/^cid:/i.test(src)) return { tagName, attribs: { ...rest, 'data-cid': src.slice(4) } };
  if (/^data:image\/(png|gif|jpe?g|webp);base64,/i.test(src)) return { tagName, attribs: { ...rest, src } };
  return { tagName, attribs: rest };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** The words of an HTML-only mail, for the agent to read: sanitized first, blocks on lines of their own, links and images without their addresses. */
export function textOfHtml(html: string): string {
  const blocks = sanitizeMailHtml(html).replace(/<br\s*\/?>|<\/(p|div|li|tr|h[1-6]|blockquote|table)>/gi, '\n');
  const text = sanitizeHtml(blocks, { allowedTags: [], allowedAttributes: {} });
  return text
    .replace(/&(#?\w+);/g, (entity, name: string) => ENTITIES[name] ?? (/^#\d+$/.test(name) ? String.fromCodePoint(Number(name.slice(1))) : entity))
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
