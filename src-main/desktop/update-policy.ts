/** Where electron-updater stands with the newest release. */
export type UpdateState = 'idle' | 'checking' | 'available' | 'downloaded' | 'error';

/** What the agent said to the restart offer: nothing yet, "Restart now", or "Later". */
export type UpdateChoice = 'none' | 'restart-now' | 'later';

/**
 * - `nothing`: no update to act on (or electron-updater is still fetching it).
 * - `offer-restart`: tell the agent an update is ready and offer a restart.
 * - `wait-for-call`: ready, but a call is in progress: say nothing and install nothing until it ends.
 * - `install-now`: quit and install (the agent asked, and no call is in progress).
 * - `install-on-quit`: the agent chose later; it installs when the app quits.
 */
export type UpdateAction = 'nothing' | 'offer-restart' | 'wait-for-call' | 'install-now' | 'install-on-quit';

export interface UpdateSituation {
  state: UpdateState;
  callInProgress: boolean;
  choice: UpdateChoice;
}

/**
 * An update never restarts the app during a call: a restart would drop the customer. The agent
 * decides when, and "Restart now" said during a call waits for the call's end.
 */
export function updateAction({ state, callInProgress, choice }: UpdateSituation): UpdateAction {
  if (state !== 'downloaded') return 'nothing';
  if (choice === 'later') return 'install-on-quit';
  if (callInProgress) return 'wait-for-call';
  return choice === 'restart-now' ? 'install-now' : 'offer-restart';
}

/** How often to look for a new release while the app runs; the first look is soon after start. */
export const UPDATE_CHECK_EVERY_MS = 4 * 60 * 60_000;
export const FIRST_UPDATE_CHECK_MS = 60_000;

/** Where the packaged app looks for releases (electron-builder.yml `publish`, or the build's override). */
export type UpdateFeed = { provider: 'generic'; url: string } | { provider: 'github'; owner: string; repo: string };

/**
 * The feed a build names in `WORKSTATION_UPDATE_URL` at packaging time (see docs/desktop.md):
 * an https:// URL is a generic server, `github:owner/repo` a GitHub repository's releases.
 * Anything else is refused with the reason, so a mistyped feed stops the build instead of
 * shipping an app that never updates.
 */
export function parseUpdateFeed(value: string): UpdateFeed {
  const github = /^github:([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100})$/.exec(value);
  if (github) return { provider: 'github', owner: github[1] as string, repo: github[2] as string };
  if (value.startsWith('github:')) throw new Error(`The update feed "${value}" must name a repository as github:owner/repo.`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`The update feed "${value}" is neither an https:// URL nor github:owner/repo.`);
  }
  if (url.protocol !== 'https:') throw new Error(`The update feed ${value} must use https:// (updates are fetched over TLS).`);
  if (url.username || url.password || url.search || url.hash) throw new Error(`The update feed ${value} must be a plain https:// folder URL: no credentials, query or fragment.`);
  return { provider: 'generic', url: url.href.endsWith('/') ? url.href : `${url.href}/` };
}

/** electron-builder's command-line overrides that point the installers' `publish` at the feed (scripts/dist.ts). */
export function publishArgs(feed: UpdateFeed): string[] {
  if (feed.provider === 'github') return ['-c.publish.provider=github', `-c.publish.owner=${feed.owner}`, `-c.publish.repo=${feed.repo}`];
  return ['-c.publish.provider=generic', `-c.publish.url=${feed.url}`];
}
