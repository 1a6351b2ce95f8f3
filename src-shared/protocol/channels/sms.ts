import { z } from 'zod';

/**
 * Twilio Programmable Messaging's wire format for SMS, as its documentation gives it: the two
 * form-encoded webhooks (an incoming message, and a status callback of a message we sent), the
 * Message resource the send API answers with, its error body, and the Account resource. Only the
 * fields the relay reads are named; Twilio sends many more, which are ignored.
 */

const Sid = (prefix: string) => z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`));

/** An incoming SMS or MMS (SmsStatus "received", no MessageStatus). */
export const TwilioIncomingForm = z.object({
  MessageSid: Sid('(SM|MM)'),
  AccountSid: Sid('AC'),
  /** The customer's number in E.164 (a short code or alphanumeric sender id on some routes). */
  From: z.string().min(1).max(64),
  /** The company's Twilio number the customer wrote to. */
  To: z.string().min(1).max(64),
  Body: z.string().max(16_000).default(''),
  NumMedia: z.string().regex(/^\d{1,2}$/).default('0'),
  MediaContentType0: z.string().max(128).optional(),
});
export type TwilioIncomingForm = z.infer<typeof TwilioIncomingForm>;

/** A status callback: where a message we sent has got to; ErrorCode on undelivered and failed. */
export const TwilioStatusForm = z.object({
  MessageSid: Sid('(SM|MM)'),
  AccountSid: Sid('AC'),
  MessageStatus: z.string().max(32),
  ErrorCode: z.string().regex(/^\d{1,6}$/).optional(),
  ErrorMessage: z.string().max(500).optional(),
});
export type TwilioStatusForm = z.infer<typeof TwilioStatusForm>;

/** POST /2010-04-01/Accounts/{AccountSid}/Messages.json answers 201 with the Message resource. */
export const TwilioMessageResource = z.object({
  sid: Sid('(SM|MM)'),
  status: z.string(),
  num_segments: z.string().optional(),
});

/** Twilio's REST error body. */
export const TwilioErrorAnswer = z.object({
  code: z.number().int(),
  message: z.string(),
  more_info: z.string().optional(),
  status: z.number().int().optional(),
});
export type TwilioErrorAnswer = z.infer<typeof TwilioErrorAnswer>;

/** GET /2010-04-01/Accounts/{AccountSid}.json: the account the credentials open. */
export const TwilioAccountResource = z.object({
  sid: Sid('AC'),
  friendly_name: z.string(),
  status: z.string(),
});
