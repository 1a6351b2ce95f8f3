import { z } from 'zod';

/** What an administrator copies from the Viber Admin Panel, and how replies are signed (docs/channels.md, "Viber"). */
export const ViberCredentials = z.object({
  /** The bot's authentication token ("app key"): the API's credential, and the key of every callback's signature. */
  authToken: z.string().regex(/^[A-Za-z0-9-]{20,128}$/, 'expected the bot\'s authentication token, such as 445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9'),
  /** The sender name every reply shows (Viber requires one, at most 28 characters). */
  senderName: z.string().trim().min(1).max(28),
  /** The sender's avatar: an image URL, optional. */
  senderAvatar: z.url({ protocol: /^https$/ }).optional(),
});
export type ViberCredentials = z.infer<typeof ViberCredentials>;
