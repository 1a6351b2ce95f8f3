import { createHmac, randomBytes } from 'node:crypto';
import type { FakeAnswer } from '../fake-http.js';

/**
 * WhatsApp Cloud API payloads as Meta documents them ("Webhooks > messages", "Error codes"):
 * the notification around one message or status, the send API's error answer, and Meta's way of
 * serialising and signing a notification.
 */

const nowSeconds = () => String(Math.floor(Date.now() / 1000));

/** A fresh message id in Meta's shape. */
export function wamid(): string {
  return `wamid.${randomBytes(24).toString('base64')}`;
}

function notification(phoneNumberId: string, value: Record<string, unknown>): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId }, ...value } }],
      },
    ],
  };
}

/** A user's text message to the business number. */
export function whatsAppTextMessage(message: { phoneNumberId: string; from: string; name: string; body: string; id?: string; timestamp?: string }): Record<string, unknown> {
  return notification(message.phoneNumberId, {
    contacts: [{ profile: { name: message.name }, wa_id: message.from }],
    messages: [{ from: message.from, id: message.id ?? wamid(), timestamp: message.timestamp ?? nowSeconds(), type: 'text', text: { body: message.body } }],
  });
}

/** A user's image: the media id only (the relay shows that something came; attachments come later). */
export function whatsAppImageMessage(message: { phoneNumberId: string; from: string; name: string; caption?: string; id?: string }): Record<string, unknown> {
  return notification(message.phoneNumberId, {
    contacts: [{ profile: { name: message.name }, wa_id: message.from }],
    messages: [{ from: message.from, id: message.id ?? wamid(), timestamp: nowSeconds(), type: 'image', image: { id: '1479537139650973', mime_type: 'image/jpeg', sha256: 'x', caption: message.caption } }],
  });
}

/** A media message a user sent (image, document, audio or video), naming the file by the media id the fake holds it under. */
export function whatsAppMediaMessage(message: { phoneNumberId: string; from: string; name: string; type: 'image' | 'document' | 'audio' | 'video'; mediaId: string; mimeType: string; caption?: string; filename?: string; id?: string }): Record<string, unknown> {
  const media = { id: message.mediaId, mime_type: message.mimeType, sha256: 'x', ...(message.caption ? { caption: message.caption } : {}), ...(message.filename ? { filename: message.filename } : {}) };
  return notification(message.phoneNumberId, {
    contacts: [{ profile: { name: message.name }, wa_id: message.from }],
    messages: [{ from: message.from, id: message.id ?? wamid(), timestamp: nowSeconds(), type: message.type, [message.type]: media }],
  });
}

export type WhatsAppStatusName = 'sent' | 'delivered' | 'read' | 'failed';

/** What Meta says of a message the business sent; a failed one carries Meta's error. */
export function whatsAppStatus(status: {
  phoneNumberId: string;
  id: string;
  status: WhatsAppStatusName;
  recipientId: string;
  timestamp?: string;
  error?: { code: number; title: string; details: string };
}): Record<string, unknown> {
  const errors = status.error
    ? [{ code: status.error.code, title: status.error.title, message: status.error.title, error_data: { details: status.error.details }, href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/' }]
    : undefined;
  const pricing = status.status === 'failed' ? {} : { conversation: { id: 'a75d17ad06104c51166f948319b03c6a', origin: { type: 'service' } }, pricing: { billable: true, pricing_model: 'CBP', category: 'service' } };
  return notification(status.phoneNumberId, {
    statuses: [{ id: status.id, status: status.status, timestamp: status.timestamp ?? nowSeconds(), recipient_id: status.recipientId, ...pricing, ...(errors ? { errors } : {}) }],
  });
}

/** Meta's documented titles for the codes the tests use. */
const TITLES: Record<number, { status: number; title: string; details: string }> = {
  131047: { status: 400, title: 'Re-engagement message', details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' },
  131026: { status: 400, title: 'Message Undeliverable', details: 'Unable to deliver message. Reasons can include: the recipient phone number is not a WhatsApp phone number.' },
  131030: { status: 400, title: 'Recipient phone number not in allowed list', details: 'Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.' },
  131000: { status: 500, title: 'Something went wrong', details: 'Message failed to send due to an unknown error.' },
  130429: { status: 429, title: 'Rate limit hit', details: 'Cloud API message throughput has been reached.' },
  190: { status: 401, title: 'Error validating access token', details: 'Error validating access token: Session has expired.' },
  100: { status: 400, title: 'Invalid parameter', details: 'Invalid parameter' },
  132000: { status: 400, title: 'Number of parameters does not match the expected number of params', details: 'body: number of localizable_params (1) does not match the expected number of params (2)' },
  132001: { status: 404, title: 'Template name does not exist in the translation', details: 'template name (order_shipped) does not exist in de' },
  132018: { status: 400, title: 'There was an issue with the parameters in your template.', details: 'Param text cannot have new-line/tab characters or more than 4 consecutive spaces' },
  131053: { status: 400, title: 'Media upload error', details: 'Unable to upload the media used in the message: the file is larger than allowed for its type.' },
};

/** The send API's error answer for a Meta error code: `{error: {message, type, code, error_data, fbtrace_id}}` with its HTTP status. */
export function whatsAppError(code: number): FakeAnswer {
  const known = TITLES[code] ?? { status: 400, title: `Error ${code}`, details: `Error ${code}` };
  return {
    status: known.status,
    body: {
      error: {
        message: `(#${code}) ${known.title}`,
        type: 'OAuthException',
        code,
        error_data: { messaging_product: 'whatsapp', details: known.details },
        fbtrace_id: 'Az8or2yhqkZfEZ-_4Qn_Bam',
      },
    },
  };
}

export function whatsAppErrorDetails(code: number): { code: number; title: string; details: string } {
  const known = TITLES[code] ?? { title: `Error ${code}`, details: `Error ${code}` };
  return { code, title: known.title, details: known.details };
}

/**
 * JSON as Meta sends it: non-ASCII characters escaped as \uXXXX with lower-case hex, and "/" as
 * "\/". The signature covers these exact bytes, so a receiver that re-serialised the parsed body
 * would compute another one.
 */
export function metaJson(payload: unknown): string {
  return JSON.stringify(payload)
    .replace(/\//g, '\\/')
    .replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `X-Hub-Signature-256`: sha256= and the lower-case hex HMAC-SHA256 of the raw body with the app secret. */
export function metaSignature(rawBody: string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody, 'utf8').digest('hex')}`;
}
