import { shell, type Session, type WebContents } from 'electron';
import { allowsPermission, externalUrlToOpen } from './security.js';

/**
 * Every web contents stays on our app:// page: no navigation, no new windows, no webviews.
 * http(s) links open in the system browser instead.
 */
export function lockDownWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openExternally(event.url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}

/** Deny-by-default permissions: only the microphone, only for our own origin. */
export function lockDownSession(session: Session, appOrigin: string): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(allowsPermission({ permission, requestingUrl: details.requestingUrl, mediaTypes }, appOrigin));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    const mediaTypes = details.mediaType ? [details.mediaType] : [];
    return allowsPermission({ permission, requestingUrl: requestingOrigin, mediaTypes }, appOrigin);
  });
}

function openExternally(url: string): void {
  const safe = externalUrlToOpen(url);
  if (safe) void shell.openExternal(safe);
}
