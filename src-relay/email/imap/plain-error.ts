import type { WatchedFolder } from './imap-settings.js';

/** What imapflow and Node put on their errors: the IMAP server's words, its response code, a socket's or TLS's code. */
interface ImapFailure {
  message?: string;
  code?: string;
  authenticationFailed?: boolean;
  responseText?: string;
  serverResponseCode?: string;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE']);
const NO_SUCH_NAME = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME']);
const TOO_SLOW = new Set(['ETIMEDOUT', 'ETIMEOUT', 'CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);
const CLOSED = new Set(['NoConnection', 'EConnectionClosed', 'ClosedAfterConnectText', 'ClosedAfterConnectTLS']);

/**
 * Why reading a folder failed, in words an administrator can act on ("Can't sign in to
 * imap.example.com: the server refused the password"), the server's own words after them where it
 * gave some. Never the password: imapflow does not echo it, and nothing here adds it.
 */
export function plainImapError(error: unknown, folder: Pick<WatchedFolder, 'folder' | 'connection'>): string {
  const failure: ImapFailure = error instanceof Error ? (error as Error & ImapFailure) : { message: String(error) };
  const { host, port } = folder.connection;
  const server = failure.responseText ? ` (the server said: ${failure.responseText})` : '';
  const code = failure.code ?? '';
  if (failure.authenticationFailed) return `Can't sign in to ${host}: the server refused the user name or password${server}`;
  if (failure.serverResponseCode === 'NONEXISTENT' || /doesn'?t exist|does not exist|no such mailbox|unknown mailbox/i.test(failure.responseText ?? '')) {
    return `The folder "${folder.folder}" does not exist on ${host}: check its name in the mailbox's folders to watch`;
  }
  if (UNREACHABLE.has(code)) return `Can't reach ${host} on port ${port}: nothing answers there (check the server name, port and firewall)`;
  if (NO_SUCH_NAME.has(code)) return `Can't find the server ${host}: no such name`;
  if (TOO_SLOW.has(code)) return `${host} did not answer in time`;
  if (/CERT|TLS|SSL/i.test(code) || /certificate|SSL routines|wrong version number/i.test(failure.message ?? '')) {
    return `Can't set up a secure connection to ${host}: ${failure.message ?? code} (check the security setting: tls for 993, starttls for 143)`;
  }
  if (CLOSED.has(code) || /connection closed/i.test(failure.message ?? '')) return `The connection to ${host} was lost; trying again`;
  return `Reading "${folder.folder}" on ${host} failed: ${failure.message ?? code}${server}`;
}
