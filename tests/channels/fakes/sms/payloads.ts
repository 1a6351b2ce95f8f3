import { randomId, type ProviderAnswer } from '../shared-provider-api.js';

/**
 * Twilio Programmable Messaging webhooks and REST errors, as documented:
 * - incoming message webhook parameters (From, To, Body, NumMedia, MediaUrl{N},
 *   MediaContentType{N}, MessageSid, AccountSid, ...): https://www.twilio.com/docs/messaging/guides/webhook-request
 * - status callbacks (MessageStatus queued / sent / delivered / undelivered / failed / read, and
 *   ErrorCode on failures): https://www.twilio.com/docs/messaging/guides/track-outbound-message-status
 * - REST error body { code, message, more_info, status }: https://www.twilio.com/docs/usage/twilios-response
 *   and error pages such as https://www.twilio.com/docs/api/errors/21610 and /21211
 * Webhooks and callbacks are forms (application/x-www-form-urlencoded), so builders return fields.
 */

export type TwilioForm = Record<string, string>;

export function twilioSid(prefix: 'SM' | 'MM' | 'ME' | 'AC' | 'MG'): string {
  return randomId(prefix, 32);
}

export interface SmsParty {
  accountSid: string;
  /** The customer's number, E.164. */
  from: string;
  /** The company's Twilio number, E.164. */
  to: string;
}

/** An incoming SMS (or MMS when `media` is given: URLs from fake.addMedia, with their types). */
export function smsIncoming(party: SmsParty & { body: string; media?: { url: string; contentType: string }[]; messageSid?: string }): TwilioForm {
  const media = party.media ?? [];
  const sid = party.messageSid ?? twilioSid(media.length > 0 ? 'MM' : 'SM');
  const form: TwilioForm = {
    ToCountry: 'US',
    ToState: '',
    SmsMessageSid: sid,
    NumMedia: String(media.length),
    ToCity: '',
    FromZip: '',
    SmsSid: sid,
    FromState: '',
    SmsStatus: 'received',
    FromCity: '',
    Body: party.body,
    FromCountry: '',
    To: party.to,
    ToZip: '',
    NumSegments: '1',
    MessageSid: sid,
    AccountSid: party.accountSid,
    From: party.from,
    ApiVersion: '2010-04-01',
  };
  media.forEach((item, index) => {
    form[`MediaUrl${index}`] = item.url;
    form[`MediaContentType${index}`] = item.contentType;
  });
  return form;
}

export type MessageStatus = 'accepted' | 'queued' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'read';

/** A status callback for an outbound message; `errorCode` for undelivered / failed (e.g. 30003, 30005, 30007). */
export function smsStatus(party: SmsParty & { messageSid: string; status: MessageStatus; errorCode?: number }): TwilioForm {
  const form: TwilioForm = {
    SmsSid: party.messageSid,
    SmsStatus: party.status,
    MessageStatus: party.status,
    To: party.to,
    MessageSid: party.messageSid,
    AccountSid: party.accountSid,
    From: party.from,
    ApiVersion: '2010-04-01',
  };
  if (party.errorCode !== undefined) form.ErrorCode = String(party.errorCode);
  return form;
}

const ERRORS: Record<number, { status: number; message: string }> = {
  20003: { status: 401, message: 'Authenticate' },
  20404: { status: 404, message: 'The requested resource was not found' },
  20429: { status: 429, message: 'Too Many Requests' },
  21211: { status: 400, message: "Invalid 'To' Phone Number" },
  21602: { status: 400, message: 'Message body is required.' },
  21603: { status: 400, message: "A 'From' phone number is required." },
  21604: { status: 400, message: "A 'To' phone number is required." },
  21610: { status: 400, message: 'Attempt to send to unsubscribed recipient' },
  21614: { status: 400, message: "'To' number is not a valid mobile number" },
  21617: { status: 400, message: 'The concatenated message body exceeds the 1600 character limit.' },
  21620: { status: 400, message: 'Invalid media URL(s)' },
};

/** Twilio's REST error answer for `code`, e.g. twilioError(21610) for a number that sent STOP. */
export function twilioError(code: number, message?: string): ProviderAnswer {
  const known = ERRORS[code] ?? { status: 400, message: 'Bad Request' };
  return {
    status: known.status,
    body: { code, message: message ?? known.message, more_info: `https://www.twilio.com/docs/errors/${code}`, status: known.status },
  };
}
