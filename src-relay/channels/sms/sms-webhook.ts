import type { ChannelDelivery } from '../../../src-shared/domain/model.js';
import { TwilioIncomingForm, TwilioStatusForm } from '../../../src-shared/protocol/channels/sms.js';
import type { ChannelWebhook } from '../../conversations/channel-messages.js';
import { isSignedByTwilio } from '../../telephony/twilio-signature.js';
import type { WebhookParse, WebhookRequest } from '../port/channel-adapter.js';
import type { SmsCredentials } from './sms-credentials.js';
import { failureOfTwilioCode, twilioDetail } from './twilio-errors.js';
import { acceptedTypeNamed } from '../../../src-shared/domain/attachments.js';
import type { InboundMedia } from '../../conversations/channel-messages.js';

/** The form as Twilio sent it; a name sent more than once keeps every value, as Twilio signs them. */
export function formOf(rawBody: Buffer): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(rawBody.toString('utf8'))) {
    const earlier = form[name];
    form[name] = earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
  }
  return form;
}

/**
 * X-Twilio-Signature covers the address Twilio called (the relay's public URL, as it was given
 * in the console or as StatusCallback) and every form field, keyed with the auth token: checked
 * with twilio-node's validateRequest, as the voice webhooks are.
 */
export function smsSignatureValid(request: WebhookRequest, credentials: SmsCredentials): boolean {
  return isSignedByTwilio(credentials.authToken, '', { url: request.url, headers: request.headers, body: formOf(request.rawBody) });
}

/**
 * An incoming SMS, or a status callback of one we sent: the same route takes both (the account's
 * webhook URL is each reply's StatusCallback), told apart by MessageStatus. Each incoming message
 * is stored once by its MessageSid (Twilio's I-Twilio-Idempotency-Token names one delivery of a
 * webhook, repeated on its retries, and adds nothing to the sid). A message to another number of
 * the Twilio account, or of another account, is not this account's and is left out.
 */
export function parseSmsWebhook(rawBody: Buffer, credentials: SmsCredentials, now: number): WebhookParse {
  const form = Object.fromEntries(Object.entries(formOf(rawBody)).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]));
  const empty = { ok: true as const, webhook: { messages: [], statuses: [] } };
  if (form.MessageStatus !== undefined && form.MessageStatus !== 'received') {
    const status = TwilioStatusForm.safeParse(form);
    if (!status.success) return { ok: false, error: 'a status callback without its MessageSid or AccountSid' };
    if (status.data.AccountSid !== credentials.accountSid) return empty;
    const delivery = deliveryOf(status.data, now);
    return { ok: true, webhook: { messages: [], statuses: delivery ? [{ providerMessageId: status.data.MessageSid, delivery }] : [] } };
  }
  const incoming = TwilioIncomingForm.safeParse(form);
  if (!incoming.success) return { ok: false, error: `not an incoming message: ${incoming.error.issues[0]?.path.join('.') ?? ''} ${incoming.error.issues[0]?.message ?? ''}` };
  const message = incoming.data;
  if (message.AccountSid !== credentials.accountSid || (credentials.from !== undefined && message.To !== credentials.from)) return empty;
  const media = mmsMediaOf(form, Number(message.NumMedia));
  const webhook: ChannelWebhook = {
    messages: [{ providerMessageId: message.MessageSid, externalUserId: message.From, displayName: message.From, language: null, body: bodyOf(message, media), sentAt: now, ...(media.length ? { media } : {}) }],
    statuses: [],
  };
  return { ok: true, webhook };
}

/** Text as written; an MMS with no words reads as its files' names. */
function bodyOf(message: TwilioIncomingForm, media: InboundMedia[]): string {
  return message.Body.trim() || media.map((file) => file.name).join(', ') || message.Body;
}

/** An MMS's files: MediaUrl{N} with MediaContentType{N}, for N below NumMedia. */
function mmsMediaOf(form: Record<string, string | undefined>, count: number): InboundMedia[] {
  const media: InboundMedia[] = [];
  for (let index = 0; index < count; index++) {
    const url = form[`MediaUrl${index}`];
    if (!url || !/^https?:\/\//.test(url)) continue;
    const mediaType = form[`MediaContentType${index}`]?.split(';')[0]?.trim() || null;
    const ending = (mediaType && acceptedTypeNamed(mediaType)?.extensions[0]) || 'bin';
    media.push({ ref: url, name: `media-${index + 1}.${ending}`, mediaType, size: null });
  }
  return media;
}

const STATES: Record<string, ChannelDelivery['state']> = { sent: 'sent', delivered: 'delivered', read: 'read', undelivered: 'failed', failed: 'failed' };

/** What a status callback tells; accepted, queued, sending, scheduled and canceled tell the agent nothing new. */
function deliveryOf(status: TwilioStatusForm, now: number): ChannelDelivery | null {
  const state = STATES[status.MessageStatus];
  if (!state) return null;
  if (state !== 'failed') return { state, at: now, failure: null, detail: null };
  const code = status.ErrorCode === undefined ? null : Number(status.ErrorCode);
  return {
    state,
    at: now,
    failure: code === null ? 'undeliverable' : failureOfTwilioCode(code),
    detail: code === null ? `Twilio reported the message ${status.MessageStatus}` : twilioDetail(code, status.ErrorMessage),
  };
}
