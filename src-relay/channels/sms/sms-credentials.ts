import { z } from 'zod';

/** What an administrator copies from the Twilio Console (docs/channels.md, "SMS (Twilio)"). */
export const SmsCredentials = z
  .object({
    /** Account Info > Account SID. */
    accountSid: z.string().regex(/^AC[0-9a-f]{32}$/i, 'expected the Account SID: AC and 32 hexadecimal characters'),
    /** Account Info > Auth Token: the send API's password, and the key of every webhook's signature. */
    authToken: z.string().regex(/^[0-9a-f]{32}$/i, 'expected the Auth Token: 32 hexadecimal characters'),
    /** The Twilio number replies are sent from, in E.164; its incoming messages are this account's. */
    from: z.string().regex(/^\+[1-9]\d{6,14}$/, 'expected the Twilio number in E.164, such as +15005550006').optional(),
    /** Or a Messaging Service that picks the sender from its pool. */
    messagingServiceSid: z.string().regex(/^MG[0-9a-f]{32}$/i, 'expected a Messaging Service SID: MG and 32 hexadecimal characters').optional(),
  })
  .refine((credentials) => credentials.from !== undefined || credentials.messagingServiceSid !== undefined, {
    message: 'give the Twilio number replies are sent from (from), or a Messaging Service (messagingServiceSid)',
    path: ['from'],
  });
export type SmsCredentials = z.infer<typeof SmsCredentials>;
