import { describe, expect, it } from 'vitest';
import { relayHttpAddress, relaySyncAddress } from './relay-address.js';

describe('relay addresses', () => {
  it('maps http to ws and https to wss at the sync path', () => {
    expect(relaySyncAddress('http://127.0.0.1:8787')).toBe('ws://127.0.0.1:8787/sync');
    expect(relaySyncAddress('https://relay.example.com/')).toBe('wss://relay.example.com/sync');
  });

  it('keeps a path prefix and drops query and fragment', () => {
    expect(relayHttpAddress('https://example.com/relay/?x=1#y', '/api/login')).toBe('https://example.com/relay/api/login');
    expect(relaySyncAddress('http://example.com/relay')).toBe('ws://example.com/relay/sync');
  });

  it('refuses other schemes', () => {
    expect(() => relaySyncAddress('ftp://example.com')).toThrow(/http:\/\/ or https:\/\//);
  });
});
