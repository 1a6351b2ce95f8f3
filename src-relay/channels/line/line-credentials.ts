import { z } from 'zod';

/** What an administrator copies from the LINE Developers Console (docs/channels.md, "LINE"). */
export const LineCredentials = z.object({
  /** Basic settings > Channel secret: LINE signs each webhook with it. */
  channelSecret: z.string().regex(/^[0-9a-f]{32}$/i, 'expected the channel secret: 32 hexadecimal characters, under Basic settings'),
  /** Messaging API > Channel access token (long-lived): the Bearer token of every API call. */
  channelAccessToken: z.string().regex(/^[A-Za-z0-9+/=._-]{20,2048}$/, 'expected the channel access token, as issued under Messaging API'),
});
export type LineCredentials = z.infer<typeof LineCredentials>;
