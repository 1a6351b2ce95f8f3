import { SMS_RULES } from '../../../src-shared/domain/channel-rules.js';
import type { ChannelAdapter } from '../port/channel-adapter.js';
import { SmsCredentials } from './sms-credentials.js';
import { downloadBytes } from '../port/provider-bytes.js';
import { basicAuth, checkSmsConnection, sendSmsText } from './sms-sender.js';
import { parseSmsWebhook, smsSignatureValid } from './sms-webhook.js';

/** An empty TwiML answer: the message is taken, and Twilio sends nothing back to the customer. */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/** SMS through Twilio Programmable Messaging: form-encoded webhooks signed with the address, TwiML answers. */
export const smsAdapter: ChannelAdapter<SmsCredentials> = {
  provider: 'sms',
  credentials: SmsCredentials,
  rules: SMS_RULES,
  defaultApiBaseUrl: 'https://api.twilio.com',
  idempotentRetries: false,
  verify: smsSignatureValid,
  parse: (request, credentials) => parseSmsWebhook(request.rawBody, credentials, Date.now()),
  acknowledge: () => ({ status: 200, body: EMPTY_TWIML, contentType: 'text/xml; charset=utf-8' }),
  // Twilio's media URLs ask for the account's Basic auth when the account requires it.
  fetchMedia: (media, credentials, api, maxBytes) => downloadBytes(media.ref, { authorization: basicAuth(credentials) }, api.timeoutMs, maxBytes),
  send: sendSmsText,
  checkConnection: checkSmsConnection,
};
