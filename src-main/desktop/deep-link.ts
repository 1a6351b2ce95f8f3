import { Id } from '../../src-shared/domain/model.js';

/** The scheme the installers register (electron-builder.yml `protocols`), without the colon. */
export const DEEP_LINK_SCHEME = 'gsw';

/** What a deep link may ask for: only to open a conversation. */
export interface DeepLink {
  kind: 'conversation';
  conversationId: string;
}

/** Longer than any real link; a longer argument is not looked at. */
const LINK_MAX = 128;

/**
 * `gsw://conversation/<id>` and nothing else: no query, fragment, credentials, port, percent
 * escapes or dot segments. Windows may add one trailing slash. The scheme is case-insensitive
 * (RFC 3986), the rest is not. Anything else is null: a link is typed by whoever sent it.
 */
export function parseDeepLink(url: string): DeepLink | null {
  if (url.length > LINK_MAX) return null;
  const match = /^([A-Za-z]+):\/\/conversation\/([A-Za-z0-9_-]+)\/?$/.exec(url);
  if (!match || match[1]?.toLowerCase() !== DEEP_LINK_SCHEME) return null;
  const id = Id.safeParse(match[2]);
  return id.success ? { kind: 'conversation', conversationId: id.data } : null;
}

/**
 * The deep link a launch was given (Windows and Linux pass it on the command line; macOS sends
 * 'open-url' instead). Only arguments that start with the scheme count: a file path or a flag
 * Chromium adds is never read as a link.
 */
export function deepLinkInArgv(argv: readonly string[]): DeepLink | null {
  for (const argument of argv) {
    if (!argument.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) continue;
    const link = parseDeepLink(argument);
    if (link) return link;
  }
  return null;
}
