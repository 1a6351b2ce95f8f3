import { LineBotInfo, LineErrorAnswer, LinePushAnswer } from '../../../src-shared/protocol/channels/line.js';
import type { ConnectionCheck, OutboundText, ProviderApi, SendOutcome } from '../port/channel-adapter.js';
import { jsonOf, requestProvider, type ProviderResponse } from '../port/provider-request.js';
import type { LineCredentials } from './line-credentials.js';
import { lineRetryKey } from './line-retry-key.js';

/**
 * POST {api}/v2/bot/message/push with the channel access token and one text message, under an
 * X-Line-Retry-Key derived from our message id: LINE runs a push once per key, so a send whose
 * answer was lost (a timeout, the relay stopping) is simply sent again, and a 409 carrying
 * x-line-accepted-request-id says that an earlier attempt was taken. LINE shows text as written.
 */
export function sendLineText(text: OutboundText, credentials: LineCredentials, api: ProviderApi): Promise<SendOutcome> {
  return sendLineMessages(text, credentials, api, [{ type: 'text', text: text.body }]);
}

/** One push of up to 5 messages (text, image, ...), under the retry key of the reply's push `part`: LINE sends them all once. */
export async function sendLineMessages(text: OutboundText, credentials: LineCredentials, api: ProviderApi, messages: Record<string, unknown>[], part = 0): Promise<SendOutcome> {
  const answer = await requestProvider(api, {
    method: 'POST',
    path: '/v2/bot/message/push',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${credentials.channelAccessToken}`, 'x-line-retry-key': lineRetryKey(text.messageId, part) },
    body: JSON.stringify({ to: text.recipient, messages }),
  });
  if (!answer.ok) return { kind: 'retry', detail: answer.detail };
  const body = jsonOf(answer.text);
  if (answer.status >= 200 && answer.status < 300) return { kind: 'sent', providerMessageId: sentId(answer, LinePushAnswer.safeParse(body).data?.sentMessages[0]?.id) };
  const refused = LineErrorAnswer.safeParse(body);
  const accepted = answer.headers.get('x-line-accepted-request-id');
  if (answer.status === 409 && accepted) return { kind: 'sent', providerMessageId: refused.data?.sentMessages?.[0]?.id ?? `request:${accepted}` };
  const detail = refused.success ? detailOf(answer.status, refused.data) : `LINE answered ${answer.status}`;
  if (answer.status === 429 && /monthly limit/i.test(refused.data?.message ?? '')) return { kind: 'failed', failure: 'quota-exceeded', detail };
  if (answer.status >= 500 || answer.status === 429) return { kind: 'retry', detail };
  if (answer.status === 400 && refused.success && namesRecipient(refused.data)) return { kind: 'failed', failure: 'invalid-recipient', detail };
  return { kind: 'failed', failure: 'rejected', detail };
}

/** The message's id, or the request's when LINE did not list what it sent (it has no statuses to match anyway). */
function sentId(answer: Extract<ProviderResponse, { ok: true }>, messageId: string | undefined): string {
  return messageId ?? `request:${answer.headers.get('x-line-request-id') ?? 'unknown'}`;
}

/** LINE's 400 for a user id that is not (or no longer) a friend's: "The property, 'to', in the request body is invalid". */
function namesRecipient(error: LineErrorAnswer): boolean {
  return /'to'/.test(error.message) || (error.details ?? []).some((one) => one.property === 'to');
}

function detailOf(status: number, error: LineErrorAnswer): string {
  const details = (error.details ?? []).map((one) => `${one.property ?? ''}: ${one.message ?? ''}`).join('; ');
  return `LINE error ${status}: ${error.message}${details ? ` (${details})` : ''}`.slice(0, 500);
}

/** GET {api}/v2/bot/info: the bot the access token belongs to. */
export async function checkLineConnection(credentials: LineCredentials, api: ProviderApi): Promise<ConnectionCheck> {
  const answer = await requestProvider(api, { method: 'GET', path: '/v2/bot/info', headers: { authorization: `Bearer ${credentials.channelAccessToken}` } });
  if (!answer.ok) return { ok: false, error: `LINE did not answer: ${answer.detail}` };
  const body = jsonOf(answer.text);
  const info = LineBotInfo.safeParse(body);
  if (answer.status === 200 && info.success) return { ok: true, accountName: info.data.basicId ? `${info.data.displayName} (${info.data.basicId})` : info.data.displayName };
  const refused = LineErrorAnswer.safeParse(body);
  return { ok: false, error: refused.success ? detailOf(answer.status, refused.data) : `LINE answered ${answer.status}` };
}
