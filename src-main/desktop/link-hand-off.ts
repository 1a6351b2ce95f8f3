import { deepLinkInArgv, parseDeepLink, type DeepLink } from './deep-link.js';

/**
 * Where deep links go, however they arrive: the first launch's argv, a second launch's argv
 * (handed over through 'second-instance'), or macOS's 'open-url', which may come before the
 * window exists. Links wait until the desk can open them; only the newest waiting one counts,
 * since the agent clicked it last.
 */
export interface LinkHandOff {
  /** This app's own command line: a link in it waits; without one nothing happens (the app may be starting in the tray). */
  fromFirstLaunch(argv: readonly string[]): void;
  /** A second launch's command line: it brings the window forward, and its link goes to the desk. */
  fromArgv(argv: readonly string[]): void;
  /** A URL macOS handed over. */
  fromUrl(url: string): void;
  /** The desk can open conversations now (signed in, renderer loaded); the waiting link goes. */
  ready(): void;
}

export interface LinkTargets {
  /** Bring the window forward (restore, show, focus). */
  focus(): void;
  open(link: DeepLink): void;
}

export function createLinkHandOff(targets: LinkTargets): LinkHandOff {
  let waiting: DeepLink | null = null;
  let isReady = false;
  const arrive = (link: DeepLink | null, focus = true) => {
    if (focus || link) targets.focus();
    if (!link) return;
    if (isReady) targets.open(link);
    else waiting = link;
  };
  return {
    fromFirstLaunch: (argv) => arrive(deepLinkInArgv(argv), false),
    fromArgv: (argv) => arrive(deepLinkInArgv(argv)),
    fromUrl: (url) => arrive(parseDeepLink(url)),
    ready() {
      isReady = true;
      if (waiting) targets.open(waiting);
      waiting = null;
    },
  };
}
