import { z } from 'zod';

/**
 * The WhatsApp Cloud API's wire format, as Meta documents it: the webhook notification
 * (object whatsapp_business_account, entry[].changes[].value with messages[] or statuses[]),
 * the send API's answer, and its error object. Only the fields the relay reads are named;
 * anything else Meta sends is allowed and ignored.
 */

/** Meta's error object, in the send API's error answer and in a failed status's errors[]. */
export const WhatsAppError = z.object({
  code: z.number().int(),
  title: z.string().optional(),
  message: z.string().optional(),
  type: z.string().optional(),
  error_subcode: z.number().int().optional(),
  error_data: z.object({ details: z.string().optional() }).partial().optional(),
  fbtrace_id: z.string().optional(),
});
export type WhatsAppError = z.infer<typeof WhatsAppError>;

/** A media message's file, as Meta refers to it: its media id (for GET /{media-id}), type and caption. */
export const WhatsAppMediaObject = z
  .object({ id: z.string().min(1).max(256), mime_type: z.string().max(100), sha256: z.string().max(128), caption: z.string(), filename: z.string().max(255) })
  .partial();
export type WhatsAppMediaObject = z.infer<typeof WhatsAppMediaObject>;

/** GET /{media-id}: where to download it (with the same token), for 5 minutes. */
export const WhatsAppMediaUrl = z.object({
  url: z.string().url(),
  mime_type: z.string().max(100).optional(),
  file_size: z.union([z.number().int(), z.string().regex(/^\d+$/)]).optional(),
  id: z.string().optional(),
});
/** POST /{phone-number-id}/media: the id to send the upload by. */
export const WhatsAppMediaUploaded = z.object({ id: z.string().min(1).max(256) });

/** An inbound message. `type` says which object holds its content (`text`, `image`, `location`, ...). */
export const WhatsAppMessage = z.object({
  from: z.string().min(1).max(64),
  id: z.string().min(1).max(256),
  /** Seconds since the epoch, as a string. */
  timestamp: z.string().regex(/^\d+$/),
  type: z.string().max(64),
  text: z.object({ body: z.string() }).optional(),
  image: WhatsAppMediaObject.optional(),
  video: WhatsAppMediaObject.optional(),
  document: WhatsAppMediaObject.optional(),
  audio: WhatsAppMediaObject.optional(),
});
export type WhatsAppMessage = z.infer<typeof WhatsAppMessage>;

/** What Meta says of a message the business sent. */
export const WhatsAppStatus = z.object({
  id: z.string().min(1).max(256),
  status: z.string().max(32),
  timestamp: z.string().regex(/^\d+$/),
  recipient_id: z.string().max(64).optional(),
  errors: z.array(WhatsAppError).optional(),
});
export type WhatsAppStatus = z.infer<typeof WhatsAppStatus>;

export const WhatsAppContact = z.object({
  wa_id: z.string().max(64),
  profile: z.object({ name: z.string().max(256) }).partial().optional(),
});

export const WhatsAppChangeValue = z.object({
  messaging_product: z.literal('whatsapp'),
  metadata: z.object({ display_phone_number: z.string().optional(), phone_number_id: z.string() }),
  contacts: z.array(WhatsAppContact).optional(),
  messages: z.array(WhatsAppMessage).optional(),
  statuses: z.array(WhatsAppStatus).optional(),
});

/** The webhook notification. A change of another field (account_update, templates) carries another value: it is kept unparsed. */
export const WhatsAppNotification = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.object({
      id: z.string(),
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })),
    }),
  ),
});
export type WhatsAppNotification = z.infer<typeof WhatsAppNotification>;

/** POST /{phone-number-id}/messages answers this when it took the message. */
export const WhatsAppSendAnswer = z.object({
  messaging_product: z.literal('whatsapp'),
  contacts: z.array(z.object({ input: z.string(), wa_id: z.string() })).optional(),
  messages: z.array(z.object({ id: z.string().min(1), message_status: z.string().optional() })).min(1),
});

/** ... and this when it did not. */
export const WhatsAppErrorAnswer = z.object({ error: WhatsAppError });

/** GET /{version}/{phone-number-id} answers the business phone number (the connection test reads who it is). */
export const WhatsAppPhoneNumber = z.object({
  id: z.string(),
  verified_name: z.string().optional(),
  display_phone_number: z.string().optional(),
  quality_rating: z.string().optional(),
});
