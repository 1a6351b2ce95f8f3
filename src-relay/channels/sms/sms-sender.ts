import { TwilioAccountResource, TwilioErrorAnswer, TwilioMessageResource } from '../../../src-shared/protocol/channels/sms.js';
import type { ConnectionCheck, OutboundText, ProviderApi, SendOutcome } from '../port/channel-adapter.js';
import { jsonOf, requestProvider } from '../port/provider-request.js';
import type { SmsCredentials } from './sms-credentials.js';
import { failureOfTwilioCode, TWILIO_RATE_LIMITED, twilioDetail } from './twilio-errors.js';
import { inMegabytes, MB } from '../../../src-shared/domain/attachments.js';

/**
 * POST {api}/2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded with Basic auth: To,
 * From (or MessagingServiceSid), Body, and StatusCallback = the account's webhook URL, so that
 * Twilio's status callbacks come back to the route that takes its incoming messages (without
 * RELAY_PUBLIC_URL there is none, and only a Messaging Service's own callback setting brings
 * them). Twilio's Messages API takes no idempotency key: a send is retried only when it surely
 * failed or timed out.
 */
export async function sendSmsText(text: OutboundText, credentials: SmsCredentials, api: ProviderApi): Promise<SendOutcome> {
  const media = mmsRefusal(text);
  if (media) return media;
  const form = new URLSearchParams({ To: text.recipient, Body: text.body });
  // An MMS: Twilio fetches each file from the relay's signed public URL.
  for (const file of text.files ?? []) form.append('MediaUrl', file.url ?? '');
  if (credentials.messagingServiceSid) form.set('MessagingServiceSid', credentials.messagingServiceSid);
  else if (credentials.from) form.set('From', credentials.from);
  if (text.webhookUrl) form.set('StatusCallback', text.webhookUrl);
  const answer = await requestProvider(api, {
    method: 'POST',
    path: `/2010-04-01/Accounts/${encodeURIComponent(credentials.accountSid)}/Messages.json`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basicAuth(credentials) },
    body: form.toString(),
  });
  if (!answer.ok) return { kind: 'retry', detail: answer.detail };
  const body = jsonOf(answer.text);
  if (answer.status >= 200 && answer.status < 300) {
    const created = TwilioMessageResource.safeParse(body);
    // Taken, but with an answer we cannot read: sending again could deliver it twice.
    return created.success ? { kind: 'sent', providerMessageId: created.data.sid } : { kind: 'failed', failure: 'unconfirmed', detail: `Twilio answered ${answer.status} without a message sid` };
  }
  const refused = TwilioErrorAnswer.safeParse(body);
  const detail = refused.success ? twilioDetail(refused.data.code, refused.data.message) : `Twilio answered ${answer.status}`;
  if (answer.status >= 500 || answer.status === 429 || refused.data?.code === TWILIO_RATE_LIMITED) return { kind: 'retry', detail };
  return { kind: 'failed', failure: refused.success ? failureOfTwilioCode(refused.data.code) : 'rejected', detail };
}

/** GET {api}/2010-04-01/Accounts/{AccountSid}.json: the account the SID and token open. */
export async function checkSmsConnection(credentials: SmsCredentials, api: ProviderApi): Promise<ConnectionCheck> {
  const answer = await requestProvider(api, {
    method: 'GET',
    path: `/2010-04-01/Accounts/${encodeURIComponent(credentials.accountSid)}.json`,
    headers: { authorization: basicAuth(credentials) },
  });
  if (!answer.ok) return { ok: false, error: `Twilio did not answer: ${answer.detail}` };
  const body = jsonOf(answer.text);
  const account = TwilioAccountResource.safeParse(body);
  if (answer.status === 200 && account.success) {
    if (account.data.status !== 'active') return { ok: false, error: `The Twilio account is ${account.data.status}.` };
    return { ok: true, accountName: account.data.friendly_name };
  }
  const refused = TwilioErrorAnswer.safeParse(body);
  return { ok: false, error: refused.success ? twilioDetail(refused.data.code, refused.data.message) : `Twilio answered ${answer.status}` };
}

export function basicAuth(credentials: SmsCredentials): string {
  return 'Basic ' + Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString('base64');
}

/** Twilio takes at most 10 media of 5 MB in all, fetched from URLs: the relay needs its public address (RELAY_PUBLIC_URL) to give them. */
const MMS_TOTAL_MAX = 5 * MB;
const MMS_MEDIA_MAX = 10;

function mmsRefusal(text: OutboundText): SendOutcome | null {
  const files = text.files ?? [];
  if (files.length === 0) return null;
  if (files.some((file) => !file.url)) return { kind: 'failed', failure: 'rejected', detail: 'An MMS needs the relay\'s public address (RELAY_PUBLIC_URL): Twilio fetches its files from there.' };
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (files.length > MMS_MEDIA_MAX || total > MMS_TOTAL_MAX) return { kind: 'failed', failure: 'too-large', detail: `Twilio takes up to ${MMS_MEDIA_MAX} files of ${inMegabytes(MMS_TOTAL_MAX)} in all in one MMS; these are ${inMegabytes(total)}.` };
  return null;
}
