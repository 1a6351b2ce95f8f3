import { z } from 'zod';

/** What an administrator copies from Meta's App Dashboard (docs/channels.md, "WhatsApp"). */
export const WhatsAppCredentials = z.object({
  /** The business phone number's id (not the number itself). */
  phoneNumberId: z.string().regex(/^\d{1,32}$/, 'expected the phone number id (digits), as shown under WhatsApp > API Setup'),
  /** A system user's permanent token with whatsapp_business_messaging. */
  accessToken: z.string().min(10).max(1024),
  /** The app secret (App settings > Basic): Meta signs each webhook with it. */
  appSecret: z.string().min(8).max(256),
  /** Chosen by the administrator and entered in the webhook settings; Meta sends it back once to check the address. */
  verifyToken: z.string().min(8).max(256),
  /** The WhatsApp Business Account's id (WhatsApp Manager > Account tools): where its approved templates are read. Absent: no templates. */
  businessAccountId: z.string().regex(/^\d{1,32}$/, 'expected the WhatsApp Business Account ID (digits), as shown under WhatsApp > API Setup').optional(),
  graphVersion: z.string().regex(/^v\d+\.\d+$/).default('v23.0'),
});
export type WhatsAppCredentials = z.infer<typeof WhatsAppCredentials>;
