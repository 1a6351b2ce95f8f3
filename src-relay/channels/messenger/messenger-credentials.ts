import { z } from 'zod';

/** What an administrator copies from Meta's App Dashboard (docs/channels.md, "Messenger"). */
export const MessengerCredentials = z.object({
  /** The Facebook Page's id: webhooks name it, and only its events are this account's. */
  pageId: z.string().regex(/^\d{1,32}$/, "expected the Page's id (digits), as shown in the Page's About or in Messenger API Settings"),
  /** A Page access token with pages_messaging (a system user's, which does not expire). */
  pageAccessToken: z.string().min(10).max(1024),
  /** The app secret (App settings > Basic): Meta signs each webhook with it. */
  appSecret: z.string().min(8).max(256),
  /** Chosen by the administrator and entered in the webhook settings; Meta sends it back once to check the address. */
  verifyToken: z.string().min(8).max(256),
  graphVersion: z.string().regex(/^v\d+\.\d+$/).default('v23.0'),
});
export type MessengerCredentials = z.infer<typeof MessengerCredentials>;
