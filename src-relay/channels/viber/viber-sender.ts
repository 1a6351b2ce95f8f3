import { ViberAccountInfo, ViberSendAnswer } from '../../../src-shared/protocol/channels/viber.js';
import { readViberJson } from '../../../src-shared/protocol/channels/viber-json.js';
import type { ConnectionCheck, OutboundText, ProviderApi, SendOutcome } from '../port/channel-adapter.js';
import { requestProvider } from '../port/provider-request.js';
import type { ViberCredentials } from './viber-credentials.js';
import { failureOfViberStatus, isRetryableViberStatus, viberDetail } from './viber-errors.js';

/**
 * POST {api}/pa/send_message with X-Viber-Auth-Token: a text from the account's sender name.
 * Viber answers HTTP 200 whatever happened; `status` says (0: sent, under the 64-bit
 * message_token its status callbacks will carry, read without rounding). It takes no
 * idempotency key: a send is retried only when it surely failed or timed out.
 */
export function sendViberText(text: OutboundText, credentials: ViberCredentials, api: ProviderApi): Promise<SendOutcome> {
  return sendViberMessage(text, credentials, api, { type: 'text', text: text.body });
}

/** One message of any type (`{ type: 'picture', media, text }`, a file, a video) to the reply's recipient. */
export async function sendViberMessage(text: OutboundText, credentials: ViberCredentials, api: ProviderApi, message: Record<string, unknown>): Promise<SendOutcome> {
  const sender = { name: credentials.senderName, ...(credentials.senderAvatar ? { avatar: credentials.senderAvatar } : {}) };
  const answer = await requestProvider(api, {
    method: 'POST',
    path: '/pa/send_message',
    headers: { 'content-type': 'application/json', 'x-viber-auth-token': credentials.authToken },
    body: JSON.stringify({ receiver: text.recipient, sender, ...message }),
  });
  if (!answer.ok) return { kind: 'retry', detail: answer.detail };
  if (answer.status >= 500 || answer.status === 429) return { kind: 'retry', detail: `Viber answered ${answer.status}` };
  const read = readViberJson(answer.text);
  const sent = read.ok ? ViberSendAnswer.safeParse(read.value) : null;
  if (answer.status !== 200 || !sent?.success) return { kind: 'failed', failure: answer.status === 200 ? 'unconfirmed' : 'rejected', detail: `Viber answered ${answer.status} with no status it documents` };
  const { status, status_message: statusMessage, message_token: token } = sent.data;
  if (status === 0) return token ? { kind: 'sent', providerMessageId: token } : { kind: 'failed', failure: 'unconfirmed', detail: 'Viber answered ok without a message token' };
  if (isRetryableViberStatus(status)) return { kind: 'retry', detail: viberDetail(status, statusMessage) };
  return { kind: 'failed', failure: failureOfViberStatus(status), detail: viberDetail(status, statusMessage) };
}

/** POST {api}/pa/get_account_info: the bot the token belongs to. */
export async function checkViberConnection(credentials: ViberCredentials, api: ProviderApi): Promise<ConnectionCheck> {
  const answer = await requestProvider(api, { method: 'POST', path: '/pa/get_account_info', headers: { 'content-type': 'application/json', 'x-viber-auth-token': credentials.authToken }, body: '{}' });
  if (!answer.ok) return { ok: false, error: `Viber did not answer: ${answer.detail}` };
  const read = readViberJson(answer.text);
  const info = read.ok ? ViberAccountInfo.safeParse(read.value) : null;
  if (!info?.success) return { ok: false, error: `Viber answered ${answer.status} with no status it documents` };
  if (info.data.status !== 0) return { ok: false, error: viberDetail(info.data.status, info.data.status_message) };
  return { ok: true, accountName: info.data.uri ? `${info.data.name ?? 'Viber bot'} (${info.data.uri})` : (info.data.name ?? 'Viber bot') };
}
