import { describe, expect, it } from 'vitest';
import { trustProxyFromEnv } from './trust-proxy.js';

describe('RELAY_TRUST_PROXY', () => {
  it('is off when unset or empty', () => {
    expect(trustProxyFromEnv(undefined)).toBeUndefined();
    expect(trustProxyFromEnv('  ')).toBeUndefined();
  });

  it('reads every hop, or addresses and ranges', () => {
    expect(trustProxyFromEnv('true')).toBe(true);
    expect(trustProxyFromEnv('10.0.0.0/8, ::1,192.168.1.7')).toEqual(['10.0.0.0/8', '::1', '192.168.1.7']);
  });

  it('names the entry it cannot read', () => {
    expect(() => trustProxyFromEnv('10.0.0.0/8,loadbalancer')).toThrow(/"loadbalancer"/);
    expect(() => trustProxyFromEnv('10.0.0.0/33')).toThrow(/"10.0.0.0\/33"/);
    expect(() => trustProxyFromEnv('2')).toThrow(/"2"/);
  });
});
