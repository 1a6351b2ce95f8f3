import { z } from 'zod';

/** An agent's SIP account on the company PBX, entered on their desk. */
export const SipAccount = z
  .object({
    /** The PBX's SIP-over-WebSocket address. */
    server: z.url({ protocol: /^wss?$/, error: 'the PBX address is a ws:// or wss:// URL' }).max(300),
    /** The agent's address of record. */
    uri: z.string().regex(/^sips?:[^@\s]+@[^@\s]+$/, 'a SIP address looks like sip:alice@pbx.example.com').max(300),
    authorizationUser: z.string().max(100).optional(),
    password: z.string().max(200),
    displayName: z.string().max(100).optional(),
  })
  .strict();
export type SipAccount = z.infer<typeof SipAccount>;

/** What the renderer's strict CSP must also allow for the softphone's providers. */
export const TWILIO_CONNECT_SOURCES = ['wss://*.twilio.com', 'https://eventgw.twilio.com'] as const;

/** The origin a SIP account's WebSocket connects to, for connect-src. */
export function sipConnectSource(account: SipAccount | null): string | null {
  if (!account) return null;
  return /^wss?:\/\/[^/?#]+/i.exec(account.server)?.[0].toLowerCase() ?? null;
}
