import { WECHAT_RULES } from '../../../src-shared/domain/channel-rules.js';
import type { ChannelAdapter } from '../port/channel-adapter.js';
import { WechatCredentials } from './wechat-credentials.js';
import { parseWechatPush, verifyWechatPush } from './wechat-push.js';
import { fetchWechatMedia, sendWechatFiles } from './wechat-media.js';
import { checkWechatConnection, sendWechatText } from './wechat-sender.js';
import { wechatHandshake } from './wechat-signature.js';

/** A WeChat Official Account (a verified service account) through its customer-service messages. */
export const wechatAdapter: ChannelAdapter<WechatCredentials> = {
  provider: 'wechat',
  credentials: WechatCredentials,
  rules: WECHAT_RULES,
  defaultApiBaseUrl: 'https://api.weixin.qq.com',
  idempotentRetries: false,
  handshake: (query, credentials) => wechatHandshake(query, credentials.token),
  verify: verifyWechatPush,
  parse: parseWechatPush,
  // WeChat expects "success" (or an empty body) within 5 seconds, else it tries again and then tells the user the account cannot answer.
  acknowledge: () => ({ status: 200, body: 'success' }),
  fetchMedia: fetchWechatMedia,
  send: (text, credentials, api) => (text.files?.length ? sendWechatFiles(text, credentials, api, text.files) : sendWechatText(text, credentials, api)),
  checkConnection: checkWechatConnection,
};
