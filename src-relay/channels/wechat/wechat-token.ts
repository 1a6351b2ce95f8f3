import { createHash } from 'node:crypto';
import { WechatResult, WechatTokenAnswer } from '../../../src-shared/protocol/channels/wechat.js';
import type { ProviderApi } from '../port/channel-adapter.js';
import { postJson } from '../port/provider-call.js';
import type { WechatCredentials } from './wechat-credentials.js';

/** A token is renewed this long before WeChat says it expires (it gives 7200 s). */
const RENEW_EARLY_MS = 5 * 60_000;

export type TokenOutcome = { ok: true; token: string } | { ok: false; passing: boolean; detail: string };

/** Tokens by API address and AppID (and secret, so that new credentials never use an old token), or the fetch under way. */
const tokens = new Map<string, { token: string; expiresAt: number } | { pending: Promise<TokenOutcome> }>();

/**
 * The account's access token, fetched once and kept until shortly before it expires; `renew`
 * drops the kept one (WeChat answered 40001 or 42001 with it). It comes from
 * POST /cgi-bin/stable_token without force_refresh: unlike /cgi-bin/token, fetching it does not
 * invalidate the token other relay nodes hold, so a cluster shares one. Concurrent sends wait for
 * one fetch.
 */
export async function wechatAccessToken(credentials: WechatCredentials, api: ProviderApi, renew = false): Promise<TokenOutcome> {
  const key = `${api.baseUrl}\n${credentials.appId}\n${createHash('sha256').update(credentials.appSecret).digest('hex')}`;
  const kept = tokens.get(key);
  // A fetch under way gives a fresh token: a renewal joins it too.
  if (kept && 'pending' in kept) return kept.pending;
  if (!renew && kept && kept.expiresAt > Date.now()) return { ok: true, token: kept.token };
  const pending = fetchToken(credentials, api).then((outcome): TokenOutcome => {
    if (tokens.get(key) === entry) {
      if (outcome.ok) tokens.set(key, { token: outcome.token, expiresAt: Date.now() + outcome.expiresInMs - RENEW_EARLY_MS });
      else tokens.delete(key);
    }
    return outcome.ok ? { ok: true, token: outcome.token } : outcome;
  });
  const entry = { pending };
  tokens.set(key, entry);
  return pending;
}

async function fetchToken(credentials: WechatCredentials, api: ProviderApi): Promise<(TokenOutcome & { ok: false }) | { ok: true; token: string; expiresInMs: number }> {
  const answer = await postJson(api, '/cgi-bin/stable_token', { grant_type: 'client_credential', appid: credentials.appId, secret: credentials.appSecret, force_refresh: false });
  if (!answer.ok) return { ok: false, passing: true, detail: `the access token: ${answer.detail}` };
  const token = WechatTokenAnswer.safeParse(answer.body);
  if (answer.status === 200 && token.success) return { ok: true, token: token.data.access_token, expiresInMs: token.data.expires_in * 1000 };
  const refused = WechatResult.safeParse(answer.body);
  if (!refused.success) return { ok: false, passing: answer.status >= 500, detail: `the access token: WeChat answered ${answer.status}` };
  const { errcode, errmsg } = refused.data;
  // -1: system busy; 45009/45011: the API's call quota, which renews.
  return { ok: false, passing: [-1, 45009, 45011].includes(errcode), detail: `the access token: WeChat error ${errcode}: ${errmsg ?? ''}${hintOf(errcode)}` };
}

/** The refusals an administrator can fix, named. */
function hintOf(errcode: number): string {
  if (errcode === 40164 || errcode === 61004) return " (add the relay's public IP address to the account's IP whitelist)";
  if (errcode === 40013 || errcode === 40125 || errcode === 40001) return ' (check the AppID and AppSecret)';
  return '';
}
