/** The parts of window the web host's access key touches, so the logic runs in tests too. */
export interface KeyPlace {
  location: { hash: string; pathname: string; search: string };
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  history: Pick<History, 'replaceState'>;
}

const STORAGE_KEY = 'workstation.hostKey';

/**
 * The web host prints a link `…/#key=<KEY>`. Keep the key for this tab (a reload must still
 * work) and take it out of the visible URL so it is not shared by a copied address.
 */
export function takeHostKey(place: KeyPlace): string | null {
  const fragment = new URLSearchParams(place.location.hash.replace(/^#/, ''));
  const fromLink = fragment.get('key');
  if (fromLink) {
    place.storage.setItem(STORAGE_KEY, fromLink);
    fragment.delete('key');
    const rest = fragment.toString();
    place.history.replaceState(null, '', `${place.location.pathname}${place.location.search}${rest ? `#${rest}` : ''}`);
    return fromLink;
  }
  return place.storage.getItem(STORAGE_KEY);
}

export function apiSocketUrl(origin: string, key: string): string {
  const socketOrigin = origin.replace(/^http/, 'ws');
  return `${socketOrigin}/api?key=${encodeURIComponent(key)}`;
}
