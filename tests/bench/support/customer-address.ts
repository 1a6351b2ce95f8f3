/**
 * Each simulated customer comes from an address of its own, as real ones do behind the load
 * balancer: the bench's relays believe the loopback proxy's X-Forwarded-For (relay-process.ts), so
 * the web chat's limits per address (src-relay/webchat/chat-limits.ts) count each customer alone.
 */
export function customerHeaders(i: number): Record<string, string> {
  return { 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` };
}

/** What a relay behind that proxy is told to trust. */
export const LOOPBACK_PROXY = ['127.0.0.1', '::1'];
