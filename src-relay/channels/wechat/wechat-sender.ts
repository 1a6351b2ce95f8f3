import type { ChannelFailure } from '../../../src-shared/domain/model.js';
import { WechatResult } from '../../../src-shared/protocol/channels/wechat.js';
import type { ConnectionCheck, OutboundText, ProviderApi, SendOutcome } from '../port/channel-adapter.js';
import { postJson } from '../port/provider-call.js';
import { getJson } from '../port/provider-call.js';
import type { WechatCredentials } from './wechat-credentials.js';
import { wechatAccessToken } from './wechat-token.js';

/** The access token was not (or no longer) good: fetch another and try once more. */
const STALE_TOKEN = new Set([40001, 40014, 42001]);

/** Codes of the customer-service send API (全局返回码, "Global return codes"), by what the agent is told. */
const FAILURES: Record<number, ChannelFailure> = {
  45015: 'outside-window', // response out of time limit (48 hours) or the user unfollowed
  45047: 'reply-limit', // out of response count limit (5 per customer message)
  40003: 'invalid-recipient', // invalid openid
  43004: 'blocked', // require subscribe: the user no longer follows the account
};

/** WeChat's temporary failures: system busy, and the API's call quotas, which renew. */
const PASSING = new Set([-1, 45009, 45011]);

/**
 * POST {api}/cgi-bin/message/custom/send?access_token=… with a text message: WeChat shows the
 * text as it is (links become clickable, no Markdown). It answers only { errcode, errmsg }, with
 * no message id and never a delivery report: the relay's own message id stands for it. A send
 * whose window closed while it waited (a retry) is not tried. No idempotency key: a send is
 * retried only when it surely failed or timed out.
 */
export function sendWechatText(text: OutboundText, credentials: WechatCredentials, api: ProviderApi): Promise<SendOutcome> {
  return sendWechatMessage(text, credentials, api, { msgtype: 'text', text: { content: text.body } });
}

/** One customer-service message of any type (`{ msgtype: 'image', image: { media_id } }`) to the reply's recipient. */
export async function sendWechatMessage(text: OutboundText, credentials: WechatCredentials, api: ProviderApi, message: Record<string, unknown>): Promise<SendOutcome> {
  if (text.window === 'closed') return { kind: 'failed', failure: 'outside-window', detail: 'Not sent: the customer last wrote more than 48 hours ago.' };
  let answer = await attempt(text, credentials, api, false, message);
  if (answer.kind === 'stale-token') answer = await attempt(text, credentials, api, true, message);
  if (answer.kind === 'stale-token') return { kind: 'retry', detail: answer.detail };
  return answer;
}

async function attempt(text: OutboundText, credentials: WechatCredentials, api: ProviderApi, renew: boolean, message: Record<string, unknown>): Promise<SendOutcome | { kind: 'stale-token'; detail: string }> {
  const token = await wechatAccessToken(credentials, api, renew);
  if (!token.ok) return token.passing ? { kind: 'retry', detail: token.detail } : { kind: 'failed', failure: 'rejected', detail: token.detail };
  const path = `/cgi-bin/message/custom/send?access_token=${encodeURIComponent(token.token)}`;
  const answer = await postJson(api, path, { touser: text.recipient, ...message });
  if (!answer.ok) return { kind: 'retry', detail: answer.detail };
  const result = WechatResult.safeParse(answer.body);
  if (!result.success) return answer.status >= 500 ? { kind: 'retry', detail: `WeChat answered ${answer.status}` } : { kind: 'failed', failure: 'rejected', detail: `WeChat answered ${answer.status}` };
  const { errcode, errmsg } = result.data;
  const detail = `WeChat error ${errcode}: ${errmsg ?? 'no details'}`.slice(0, 500);
  if (errcode === 0) return { kind: 'sent', providerMessageId: `relay:${text.messageId}` };
  if (STALE_TOKEN.has(errcode)) return { kind: 'stale-token', detail };
  if (PASSING.has(errcode)) return { kind: 'retry', detail };
  return { kind: 'failed', failure: FAILURES[errcode] ?? 'rejected', detail };
}

/** The "test connection": an access token from the AppID and AppSecret, then a harmless call with it (the API's server addresses). */
export async function checkWechatConnection(credentials: WechatCredentials, api: ProviderApi): Promise<ConnectionCheck> {
  const token = await wechatAccessToken(credentials, api);
  if (!token.ok) return { ok: false, error: `WeChat refused ${token.detail}` };
  const answer = await getJson(api, `/cgi-bin/get_api_domain_ip?access_token=${encodeURIComponent(token.token)}`);
  if (!answer.ok) return { ok: false, error: `WeChat did not answer: ${answer.detail}` };
  const result = WechatResult.safeParse(answer.body);
  if (answer.status === 200 && (!result.success || result.data.errcode === 0)) return { ok: true, accountName: `WeChat ${credentials.appId}` };
  return { ok: false, error: result.success ? `WeChat error ${result.data.errcode}: ${result.data.errmsg ?? ''}` : `WeChat answered ${answer.status}` };
}
