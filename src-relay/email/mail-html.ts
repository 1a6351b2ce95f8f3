import sanitizeHtml from 'sanitize-html';

/**
 * Mail HTML as the relay keeps it: no scripts, forms, frames, styles sheets or event handlers; links
 * only to http(s) and mailto; remote images kept only as `data-remote-src`, so nothing is fetched
 * (no tracking pixel fires) until the agent asks to see that message's images on the desk, which
 * sanitizes again before showing it (src-renderer/email). An inline image the relay kept (its
 * Content-ID in `inlineImages`) is named by its file id (`data-file-id`): the desk fetches it like
 * any attachment and gives it to the frame as a data: URL.
 */
export function sanitizeMailHtml(html: string, inlineImages: ReadonlyMap<string, string> = new Map()): string {
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center', 'span', 'div'],
    disallowedTagsMode: 'discard',
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'title', 'width', 'height', 'data-remote-src', 'data-cid', 'data-file-id'],
      font: ['color', 'size', 'face'],
      td: ['colspan', 'rowspan', 'align', 'valign', 'width'],
      th: ['colspan', 'rowspan', 'align', 'valign', 'width'],
      table: ['width', 'cellpadding', 'cellspacing', 'border', 'align'],
      '*': ['dir', 'lang', 'align'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['data'] },
    allowProtocolRelative: false,
    transformTags: { img: (tagName, attribs) => blockedImage(tagName, attribs, inlineImages) },
  });
}

/** A remote image loses its src (kept as data-remote-src); an inline cid: image is named by its kept file, else keeps its Content-ID. */
function blockedImage(tagName: string, attribs: sanitizeHtml.Attributes, inlineImages: ReadonlyMap<string, string>): sanitizeHtml.Tag {
  // What these data- attributes name is the relay's word alone: a sender's own are dropped.
  const { src = '', 'data-file-id': _file, 'data-remote-src': _remote, 'data-cid': _cid, ...rest } = attribs;
  if (/^https?:\/\//i.test(src)) return { tagName, attribs: { ...rest, 'data-remote-src': src } };
  const fileId = /^cid:/i.test(src) ? inlineImages.get(contentIdOf(src.slice(4))) : undefined;
  if (fileId) return { tagName, attribs: { ...rest, 'data-file-id': fileId } };
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

/** The kept inline images the relay's sanitized HTML names (`data-file-id`, as sanitizeMailHtml writes it). */
export function inlineFileIdsOf(html: string): string[] {
  return [...new Set([...html.matchAll(/\sdata-file-id="([0-9a-f]{64})"/g)].map((match) => match[1]!))];
}

/** A `cid:` address's Content-ID as the map keys it: URL-decoded (RFC 2392), lower case. */
export function contentIdOf(address: string): string {
  try {
    return decodeURIComponent(address).toLowerCase();
  } catch {
    return address.toLowerCase();
  }
}
