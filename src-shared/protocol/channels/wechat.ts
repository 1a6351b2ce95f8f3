import { z } from 'zod';

/**
 * The WeChat Official Account platform's wire format, as its documentation gives it: the XML
 * pushes of users' messages (read into their elements, every value kept as text: MsgId is a
 * 64-bit number that a JavaScript number would round), the safe-mode envelope, and the JSON
 * answers of the API (an access token, or { errcode, errmsg }, always with HTTP 200).
 * Only the fields the relay reads are named; the rest is ignored.
 */

const Text = z.string().max(65_536);

/** An ordinary message (text, image, voice, video, location, link, file) or an event (subscribe, menu clicks, ...). */
export const WechatPush = z.object({
  /** The official account's original id (gh_...). */
  ToUserName: z.string().min(1).max(64),
  /** The user's OpenID for this account: whom replies go to. */
  FromUserName: z.string().min(1).max(64),
  /** Seconds since the epoch. */
  CreateTime: z.string().regex(/^\d{1,12}$/),
  MsgType: z.string().min(1).max(32),
  /** Absent on events; 64-bit, kept as text. */
  MsgId: z.string().regex(/^\d{1,20}$/).optional(),
  Content: Text.optional(),
  /** Voice messages: the speech recognised, when the account turned recognition on. */
  Recognition: Text.optional(),
  /** Location and link messages. */
  Label: Text.optional(),
  Title: Text.optional(),
  Url: Text.optional(),
  Event: z.string().max(64).optional(),
  /** Image, voice and video messages: the temporary media to fetch with media/get (for 3 days). */
  MediaId: z.string().min(1).max(128).optional(),
  /** Voice messages: amr or speex. */
  Format: z.string().max(16).optional(),
});
export type WechatPush = z.infer<typeof WechatPush>;

/** Safe mode (and compatible mode, beside the plain fields): the message sealed with the EncodingAESKey. */
export const WechatSealedPush = z.object({ ToUserName: z.string().max(64).optional(), Encrypt: z.string().min(1).max(1_000_000) });

/** POST /cgi-bin/stable_token (and GET /cgi-bin/token) when it gives a token. */
export const WechatTokenAnswer = z.object({ access_token: z.string().min(1).max(1024), expires_in: z.number().int().positive() });

/** Every API's result: errcode 0 is success, anything else a refusal explained in errmsg. */
export const WechatResult = z.object({ errcode: z.number().int(), errmsg: z.string().optional() });
export type WechatResult = z.infer<typeof WechatResult>;
