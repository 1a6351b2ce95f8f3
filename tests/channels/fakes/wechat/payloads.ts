import { randomId, type ProviderAnswer } from '../shared-provider-api.js';

/**
 * WeChat Official Account message pushes (XML) and API error answers, as documented:
 * - ordinary messages (text, image with PicUrl and MediaId): 接收普通消息
 *   https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
 * - template send job finished event (TEMPLATESENDJOBFINISH):
 *   https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
 * - global return codes: https://developers.weixin.qq.com/doc/offiaccount/Getting_Started/Global_Return_Code.html
 * Status callbacks: none for customer-service messages. The custom send API answers only
 * { errcode, errmsg } and WeChat never reports delivery or reading; the one status push is
 * TEMPLATESENDJOBFINISH, for template messages.
 */

export interface WechatParty {
  /** The official account's original id (gh_...), the ToUserName of inbound messages. */
  account: string;
  /** The customer's OpenID for this account. */
  openId: string;
}

const cdata = (value: string) => `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

/** Fields WeChat writes bare: numbers, and 64-bit ids kept as text here. */
const BARE = ['CreateTime', 'MsgId', 'MsgID'];

/** An XML push as WeChat writes it: text fields in CDATA, numbers and ids bare. */
export function wechatXml(fields: Record<string, string | number>): string {
  const body = Object.entries(fields)
    .map(([name, value]) => `<${name}>${typeof value === 'number' || BARE.includes(name) ? value : cdata(value)}</${name}>`)
    .join('\n');
  return `<xml>${body}\n</xml>`;
}

/** A MsgId: a 64-bit decimal (kept as text, it does not fit a JavaScript number). */
export function wechatMsgId(): string {
  return randomId(String(1 + Math.floor(Math.random() * 8)), 18, '0123456789');
}

const now = () => Math.floor(Date.now() / 1000);

export function wechatText(party: WechatParty & { content: string; msgId?: string; createTime?: number }): string {
  return wechatXml({
    ToUserName: party.account,
    FromUserName: party.openId,
    CreateTime: party.createTime ?? now(),
    MsgType: 'text',
    Content: party.content,
    MsgId: party.msgId ?? wechatMsgId(),
  });
}

/** An image: PicUrl is a link to the picture, MediaId fetches it through /cgi-bin/media/get. */
export function wechatImage(party: WechatParty & { picUrl: string; mediaId: string; msgId?: string }): string {
  return wechatXml({
    ToUserName: party.account,
    FromUserName: party.openId,
    CreateTime: now(),
    MsgType: 'image',
    PicUrl: party.picUrl,
    MediaId: party.mediaId,
    MsgId: party.msgId ?? wechatMsgId(),
  });
}

/** The end of a template message's delivery: status "success", "failed:user block" or "failed: system failed". */
export function wechatTemplateJobFinished(party: WechatParty & { msgId: string; status: string }): string {
  return wechatXml({
    ToUserName: party.account,
    FromUserName: party.openId,
    CreateTime: now(),
    MsgType: 'event',
    Event: 'TEMPLATESENDJOBFINISH',
    MsgID: party.msgId,
    Status: party.status,
  });
}

const ERRORS: Record<number, string> = {
  [-1]: 'system error',
  40037: 'invalid template_id',
  40001: 'invalid credential, access_token is invalid or not latest',
  40003: 'invalid openid',
  40004: 'invalid media type',
  40006: 'invalid media size',
  40007: 'invalid media_id',
  40008: 'invalid message type',
  40009: 'invalid image size',
  40013: 'invalid appid',
  40125: 'invalid appsecret',
  41001: 'access_token missing',
  41005: 'media data missing',
  42001: 'access_token expired',
  43004: 'require subscribe',
  44002: 'empty post data',
  45002: 'content size out of limit',
  45015: 'response out of time limit or subscription is canceled',
  45047: 'out of response count limit',
  47001: 'data format error',
};

/** WeChat's answer for `errcode`: HTTP 200 with { errcode, errmsg } (and a request id in errmsg). */
export function wechatError(errcode: number): ProviderAnswer {
  const errmsg = `${ERRORS[errcode] ?? 'unknown error'} rid: ${randomId('', 8)}-${randomId('', 8)}-${randomId('', 8)}`;
  return { status: 200, body: { errcode, errmsg } };
}

export const WECHAT_OK: ProviderAnswer = { status: 200, body: { errcode: 0, errmsg: 'ok' } };
