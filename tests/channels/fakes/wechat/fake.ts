import {
  MediaStore,
  deliverConcurrently,
  deliverWebhook,
  parseMultipart,
  randomId,
  signingSecret,
  startProviderApi,
  type DeliverOptions,
  type DeliveryAttempt,
  type FakeResponse,
  type ProviderAnswer,
  type ProviderRequest,
  type Reach,
  type RetrySchedule,
  type SentRequest,
  type WebhookDelivery,
} from '../shared-provider-api.js';
import { WECHAT_OK, wechatError, wechatMsgId, wechatXml } from './payloads.js';
import { wechatEncrypt, wechatMsgSignature, wechatSignature } from './signing.js';

/**
 * A fake WeChat Official Account platform (api.weixin.qq.com) for customer-service messages.
 * Docs followed:
 * - access token: GET /cgi-bin/token and POST /cgi-bin/stable_token
 *   https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Get_access_token.html
 * - customer-service send: POST /cgi-bin/message/custom/send (48 hours after the user's last
 *   message, errcode 45015 outside it, 45047 when the reply count is spent)
 *   https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html
 * - template send: POST /cgi-bin/message/template/send (answers a msgid)
 * - the API's server addresses: GET /cgi-bin/get_api_domain_ip
 *   https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Get_the_WeChat_server_IP_address.html
 * - temporary media: POST /cgi-bin/media/upload (multipart "media"), GET /cgi-bin/media/get
 *   https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/New_temporary_materials.html
 * - server URL, signature, safe mode, 5-second answer and retries:
 *   https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Access_Overview.html and
 *   https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Passive_user_reply_message.html
 * WeChat drops the connection when the server has not answered within 5 seconds and sends the
 * same push again, three tries in all ("总共重试三次"); it asks developers to deduplicate by MsgId.
 * Every push carries signature, timestamp, nonce and openid in the query; safe mode adds
 * encrypt_type=aes and msg_signature and sends only ToUserName and Encrypt in the body;
 * compatible mode sends the plaintext fields and Encrypt side by side.
 * All API errors are HTTP 200 with { errcode, errmsg }.
 */

export interface WechatFakeOptions {
  appId: string;
  appSecret: string;
  /** The Token set in the console, for `signature` and `msg_signature`. */
  token: string;
  /** The message mode set in the console; safe and compatible need encodingAesKey. */
  mode?: 'plain' | 'safe' | 'compatible';
  encodingAesKey?: string;
  retry?: RetrySchedule;
  /** How long WeChat waits for an answer (5 s). */
  answerWithinMs?: number;
  /** Enforce the 48-hour window and the 5 replies per customer message (learned from deliver()). */
  enforceWindow?: boolean;
  /** Where pushes really go for the server URL given (see Reach in shared-provider-api.ts). */
  reach?: Reach;
}

export interface WechatFake {
  apiBaseUrl: string;
  sent: SentRequest[];
  /** Access tokens handed out; only these are accepted. */
  tokens: string[];
  deliveries: DeliveryAttempt[];
  /** Texts the custom send API took (WeChat answers no message id, so there is none). */
  texts(): { to: string; text: string }[];
  /** Uploaded media by media_id (what the relay sent as attachments). */
  uploads: MediaStore;
  respondNext(...responses: FakeResponse[]): void;
  respondFor(openId: string, response: FakeResponse): void;
  /** Media a customer sent: returns the MediaId to put in wechatImage. */
  addMedia(bytes: Buffer, contentType: string, fileName?: string): string;
  /** Makes every token handed out so far expire (the next call gets 42001). */
  expireTokens(): void;
  customerWrote(openId: string, atMs: number): void;
  deliver(xml: string, options: DeliverOptions): Promise<number>;
  redeliver(xml: string, options: { webhookUrl: string }): Promise<number>;
  /** The server-URL check: GET with signature, timestamp, nonce and echostr, which must come back as the body. */
  handshake(webhookUrl: string, options?: { signature?: DeliverOptions['signature'] }): Promise<{ status: number; body: string; echostr: string }>;
  close(): Promise<void>;
}

const WINDOW_MS = 48 * 3600_000;
const REPLIES_PER_MESSAGE = 5;

export async function startWechatFake(options: WechatFakeOptions): Promise<WechatFake> {
  const mode = options.mode ?? 'plain';
  if (mode !== 'plain' && !options.encodingAesKey) throw new Error(`WeChat ${mode} mode needs an encodingAesKey`);
  const tokens: string[] = [];
  const expired = new Set<string>();
  const media = new MediaStore();
  const uploads = new MediaStore();
  const deliveries: DeliveryAttempt[] = [];
  const windows = new Map<string, { since: number; replies: number }>();
  const built = new Map<string, { url: string; rawBody: string; headers: Record<string, string> }>();
  const retry = options.retry ?? { attempts: 3, delayMs: 100 };

  const issue = (appid: unknown, secret: unknown): ProviderAnswer => {
    if (appid !== options.appId) return wechatError(40013);
    if (secret !== options.appSecret) return wechatError(40125);
    const token = randomId('', 136, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-');
    tokens.push(token);
    return { status: 200, body: { access_token: token, expires_in: 7200 } };
  };
  const refuse = (request: ProviderRequest): ProviderAnswer | null => {
    const token = request.query.access_token;
    if (!token) return wechatError(41001);
    if (expired.has(token)) return wechatError(42001);
    return tokens.includes(token) ? null : wechatError(40001);
  };

  const windowRefusal = (openId: string): ProviderAnswer | null => {
    if (!options.enforceWindow) return null;
    const window = windows.get(openId);
    if (!window || Date.now() - window.since > WINDOW_MS) return wechatError(45015);
    if (window.replies >= REPLIES_PER_MESSAGE) return wechatError(45047);
    window.replies += 1;
    return null;
  };

  const customSend = (request: ProviderRequest): ProviderAnswer => {
    const body = request.body as { touser?: unknown; msgtype?: unknown; text?: { content?: unknown }; [kind: string]: unknown } | undefined;
    if (!body || typeof body !== 'object') return wechatError(44002);
    if (typeof body.touser !== 'string' || body.touser === '') return wechatError(40003);
    const kind = String(body.msgtype);
    if (kind === 'text') {
      if (typeof body.text?.content !== 'string') return wechatError(47001);
      if (Buffer.byteLength(body.text.content) > 2048) return wechatError(45002);
    } else if (['image', 'voice', 'video'].includes(kind)) {
      const mediaId = (body[kind] as { media_id?: unknown } | undefined)?.media_id;
      if (typeof mediaId !== 'string' || !uploads.get(mediaId)) return wechatError(40007);
    } else {
      return wechatError(40008);
    }
    return windowRefusal(body.touser) ?? WECHAT_OK;
  };

  const upload = async (request: ProviderRequest): Promise<ProviderAnswer> => {
    const type = request.query.type ?? '';
    const limits: Record<string, number> = { image: 10 << 20, voice: 2 << 20, video: 10 << 20, thumb: 64 << 10 };
    const limit = limits[type];
    if (limit === undefined) return wechatError(40004);
    const file = (await parseMultipart(request))?.get('media');
    if (!file || typeof file === 'string') return wechatError(41005);
    const bytes = Buffer.from(await file.arrayBuffer());
    if (bytes.length > limit) return wechatError(type === 'image' ? 40009 : 40006);
    const mediaId = uploads.add(bytes, file.type || 'application/octet-stream', file.name, randomId('', 64, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'));
    return { status: 200, body: { type, media_id: mediaId, created_at: Math.floor(Date.now() / 1000) } };
  };

  const mediaGet = (request: ProviderRequest): ProviderAnswer => {
    const id = request.query.media_id ?? '';
    const item = media.get(id) ?? uploads.get(id);
    const answer = media.answer(id) ?? uploads.answer(id);
    if (!item || !answer) return wechatError(40007);
    return { ...answer, headers: { ...answer.headers, 'content-disposition': `attachment; filename="${item.fileName}"` } };
  };

  const api = await startProviderApi(
    [
      { method: 'GET', path: /^\/cgi-bin\/token$/, answer: (request) => issue(request.query.appid, request.query.secret) },
      {
        method: 'POST',
        path: /^\/cgi-bin\/stable_token$/,
        answer: (request) => {
          const body = request.body as { appid?: unknown; secret?: unknown } | undefined;
          return issue(body?.appid, body?.secret);
        },
      },
      {
        method: 'POST',
        path: /^\/cgi-bin\/message\/custom\/send$/,
        refuse,
        send: true,
        recipientOf: (request) => (request.body as { touser?: string } | undefined)?.touser,
        answer: customSend,
      },
      {
        method: 'POST',
        path: /^\/cgi-bin\/message\/template\/send$/,
        refuse,
        send: true,
        recipientOf: (request) => (request.body as { touser?: string } | undefined)?.touser,
        answer: (request) => {
          const body = request.body as { touser?: unknown; template_id?: unknown } | undefined;
          if (typeof body?.touser !== 'string') return wechatError(40003);
          if (typeof body.template_id !== 'string') return wechatError(40037);
          return { status: 200, body: { errcode: 0, errmsg: 'ok', msgid: Number(wechatMsgId().slice(0, 15)) } };
        },
      },
      // A harmless call that needs a token, as a connection check makes it (获取微信API接口IP地址).
      { method: 'GET', path: /^\/cgi-bin\/get_api_domain_ip$/, refuse, answer: () => ({ status: 200, body: { ip_list: ['101.226.103.61', '101.91.34.103'] } }) },
      { method: 'POST', path: /^\/cgi-bin\/media\/upload$/, refuse, answer: upload },
      { method: 'GET', path: /^\/cgi-bin\/media\/get$/, refuse, answer: mediaGet },
    ],
    () => ({ status: 404, body: 'Not Found', raw: '<html><body>404 Not Found</body></html>', headers: { 'content-type': 'text/html' } }),
  );

  /** The push as WeChat sends it in the account's mode, signed in its query. */
  const build = (xml: string, deliverOptions: DeliverOptions) => {
    const secret = signingSecret(options.token, deliverOptions.signature);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomId('', 10, '0123456789');
    const url = new URL(deliverOptions.webhookUrl);
    const openId = /<FromUserName><!\[CDATA\[(.*?)\]\]><\/FromUserName>/.exec(xml)?.[1] ?? '';
    let rawBody = xml;
    if (secret !== null) {
      url.searchParams.set('signature', wechatSignature(secret, timestamp, nonce));
    }
    url.searchParams.set('timestamp', timestamp);
    url.searchParams.set('nonce', nonce);
    url.searchParams.set('openid', openId);
    if (mode !== 'plain') {
      const encrypt = wechatEncrypt(options.encodingAesKey ?? '', options.appId, xml);
      const account = /<ToUserName><!\[CDATA\[(.*?)\]\]><\/ToUserName>/.exec(xml)?.[1] ?? '';
      rawBody = mode === 'safe' ? wechatXml({ ToUserName: account, Encrypt: encrypt }) : xml.replace(/<\/xml>\s*$/, `<Encrypt><![CDATA[${encrypt}]]></Encrypt>\n</xml>`);
      url.searchParams.set('encrypt_type', 'aes');
      if (secret !== null) url.searchParams.set('msg_signature', wechatMsgSignature(secret, timestamp, nonce, encrypt));
    }
    return { url: url.toString(), rawBody, headers: { 'content-type': 'text/xml', 'user-agent': 'Mozilla/4.0' } };
  };
  const delivery = (xml: string, deliverOptions: DeliverOptions): WebhookDelivery => {
    const request = build(xml, deliverOptions);
    built.set(deliverOptions.webhookUrl + '\n' + xml, request);
    return {
      build: () => request,
      retry: deliverOptions.retry ?? retry,
      timeoutMs: options.answerWithinMs ?? 5_000,
      // WeChat tries again when it gets no answer in time; an HTTP error is shown to the user instead.
      retryAfter: (status) => status === 0,
      ...(options.reach ? { reach: options.reach } : {}),
    };
  };

  return {
    apiBaseUrl: api.apiBaseUrl,
    sent: api.sent,
    tokens,
    deliveries,
    texts: () =>
      api.sent
        .filter((request) => request.path === '/cgi-bin/message/custom/send' && (request.response.body as { errcode?: number } | undefined)?.errcode === 0)
        .map((request) => request.body as { touser: string; msgtype: string; text?: { content: string } })
        .filter((body) => body.msgtype === 'text')
        .map((body) => ({ to: body.touser, text: body.text?.content ?? '' })),
    uploads,
    respondNext: api.respondNext,
    respondFor: api.respondFor,
    addMedia: (bytes, contentType, fileName = 'media.jpg') => media.add(bytes, contentType, fileName, randomId('', 64, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')),
    expireTokens: () => tokens.forEach((token) => expired.add(token)),
    customerWrote: (openId, atMs) => void windows.set(openId, { since: atMs, replies: 0 }),
    deliver: (xml, deliverOptions) => {
      const openId = /<FromUserName><!\[CDATA\[(.*?)\]\]><\/FromUserName>/.exec(xml)?.[1];
      if (openId && /<MsgType><!\[CDATA\[(text|image|voice|video|location|link)\]\]>/.test(xml)) windows.set(openId, { since: Date.now(), replies: 0 });
      const one = delivery(xml, deliverOptions);
      return deliverOptions.concurrent ? deliverConcurrently(one, deliverOptions.concurrent, deliveries) : deliverWebhook(one, deliveries);
    },
    redeliver: (xml, { webhookUrl }) => {
      const request = built.get(webhookUrl + '\n' + xml) ?? build(xml, { webhookUrl });
      const once = { build: () => request, retry: { attempts: 1, delayMs: 0 }, timeoutMs: options.answerWithinMs ?? 5_000, retryAfter: () => false };
      return deliverWebhook({ ...once, ...(options.reach ? { reach: options.reach } : {}) }, deliveries);
    },
    handshake: async (webhookUrl, verifyOptions = {}) => {
      const secret = signingSecret(options.token, verifyOptions.signature);
      const timestamp = String(Math.floor(Date.now() / 1000));
      const nonce = randomId('', 9, '0123456789');
      const echostr = randomId('', 19, '0123456789');
      const url = new URL(webhookUrl);
      if (secret !== null) url.searchParams.set('signature', wechatSignature(secret, timestamp, nonce));
      url.searchParams.set('echostr', echostr);
      url.searchParams.set('timestamp', timestamp);
      url.searchParams.set('nonce', nonce);
      const response = await fetch(options.reach ? options.reach(url.toString()) : url);
      return { status: response.status, body: await response.text(), echostr };
    },
    close: api.close,
  };
}
