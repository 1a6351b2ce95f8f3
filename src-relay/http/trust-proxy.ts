import ipaddr from 'ipaddr.js';
import type { TrustProxy } from './app.js';

/**
 * RELAY_TRUST_PROXY: `true` (every hop: only behind a proxy that overwrites the header), or the
 * proxies' addresses and CIDR ranges, comma-separated. Unset, the address the
 * connection comes from is the client's, and a forged X-Forwarded-For is ignored.
 */
export function trustProxyFromEnv(value: string | undefined): TrustProxy | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (text === 'true') return true;
  const entries = text.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !isAddressOrRange(entry));
  if (bad !== undefined) {
    throw new Error(`RELAY_TRUST_PROXY must be true, or the proxies' addresses and CIDR ranges such as 10.0.0.0/8,::1; "${bad}" is none of these.`);
  }
  return entries;
}

/** Written the usual way: ipaddr.js alone would also take "2" or "0x7f.1" as IPv4 addresses. */
function isAddressOrRange(entry: string): boolean {
  if (ipaddr.IPv4.isValidFourPartDecimal(entry) || ipaddr.IPv6.isValid(entry)) return true;
  try {
    const [range] = ipaddr.parseCIDR(entry);
    return range.kind() === 'ipv6' || ipaddr.IPv4.isValidFourPartDecimal(entry.split('/')[0] ?? '');
  } catch {
    return false;
  }
}
