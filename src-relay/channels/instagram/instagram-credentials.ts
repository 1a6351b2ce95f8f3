import { z } from 'zod';

/** What an administrator copies from Meta's App Dashboard (docs/channels.md, "Instagram"). */
export const InstagramCredentials = z.object({
  /** The Instagram professional account's id: webhooks name it, and only its events are this account's. */
  instagramAccountId: z.string().regex(/^\d{1,32}$/, "expected the Instagram professional account's id (digits), as shown in Messenger API Settings > Instagram"),
  /** An access token of the Facebook Page linked to the account, with instagram_manage_messages. */
  pageAccessToken: z.string().min(10).max(1024),
  /** The app secret (App settings > Basic): Meta signs each webhook with it. */
  appSecret: z.string().min(8).max(256),
  /** Chosen by the administrator and entered in the webhook settings; Meta sends it back once to check the address. */
  verifyToken: z.string().min(8).max(256),
  graphVersion: z.string().regex(/^v\d+\.\d+$/).default('v23.0'),
});
export type InstagramCredentials = z.infer<typeof InstagramCredentials>;
