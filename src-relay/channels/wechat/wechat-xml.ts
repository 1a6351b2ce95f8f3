import { XMLParser } from 'fast-xml-parser';

/**
 * WeChat's pushes are flat XML (<xml><Name>value</Name>...</xml>, text in CDATA). Every value is
 * kept as text (MsgId is 64-bit), attributes and declarations are ignored, and entity expansion
 * stays within fast-xml-parser's limits.
 */
const parser = new XMLParser({ parseTagValue: false, ignoreAttributes: true, ignoreDeclaration: true, ignorePiTags: true, trimValues: false, htmlEntities: false });

/** The <xml> root's elements, or null when the bytes are not such a document. */
export function wechatElements(body: Buffer | string): Record<string, unknown> | null {
  try {
    const document = parser.parse(typeof body === 'string' ? body : body.toString('utf8')) as unknown;
    const root = (document as { xml?: unknown } | null)?.xml;
    return root !== null && typeof root === 'object' && !Array.isArray(root) ? (root as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
