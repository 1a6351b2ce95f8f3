import { describe, expect, it, vi } from 'vitest';
import { apiSocketUrl, takeHostKey, type KeyPlace } from './host-key.js';

function place(hash: string, stored: string | null = null) {
  const storage = new Map<string, string>(stored ? [['workstation.hostKey', stored]] : []);
  const replaceState = vi.fn();
  const keyPlace: KeyPlace = {
    location: { hash, pathname: '/', search: '' },
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
    history: { replaceState },
  };
  return { keyPlace, storage, replaceState };
}

describe('host key', () => {
  it('takes the key from the link, keeps it for a reload and hides it from the address bar', () => {
    const { keyPlace, storage, replaceState } = place('#key=s3cr%2Bt');
    expect(takeHostKey(keyPlace)).toBe('s3cr+t');
    expect(storage.get('workstation.hostKey')).toBe('s3cr+t');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/');
  });

  it('keeps other fragment parts when it removes the key', () => {
    const { keyPlace, replaceState } = place('#key=abc&view=inbox');
    takeHostKey(keyPlace);
    expect(replaceState).toHaveBeenCalledWith(null, '', '/#view=inbox');
  });

  it('falls back to the key kept for this tab, and to nothing', () => {
    expect(takeHostKey(place('', 'kept').keyPlace)).toBe('kept');
    expect(takeHostKey(place('').keyPlace)).toBeNull();
  });

  it('builds the api socket address on the same origin', () => {
    expect(apiSocketUrl('http://127.0.0.1:4173', 'a b')).toBe('ws://127.0.0.1:4173/api?key=a%20b');
    expect(apiSocketUrl('https://desk.example.com', 'k')).toBe('wss://desk.example.com/api?key=k');
  });
});
