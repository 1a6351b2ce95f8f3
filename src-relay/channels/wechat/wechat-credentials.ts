import { z } from 'zod';

/** What an administrator copies from the WeChat Official Accounts Platform (docs/channels.md, "WeChat"). */
export const WechatCredentials = z.object({
  /** 开发 > 基本配置: AppID (wx and 16 hexadecimal digits). */
  appId: z.string().regex(/^wx[0-9a-f]{16}$/, 'expected the AppID as the console shows it, such as wx1234567890abcdef'),
  /** AppSecret: the relay gets its access tokens with it. */
  appSecret: z.string().min(16).max(128),
  /** The server configuration's Token (3 to 32 letters or digits): WeChat signs every push with it. */
  token: z.string().regex(/^[A-Za-z0-9]{3,32}$/, 'expected the Token entered in the server configuration: 3 to 32 letters or digits'),
  /**
   * The EncodingAESKey, for the safe (or compatible) message mode: the relay then takes sealed
   * pushes only. Absent: plaintext mode.
   */
  encodingAesKey: z.string().regex(/^[A-Za-z0-9]{43}$/, 'expected the 43-character EncodingAESKey from the server configuration').optional(),
});
export type WechatCredentials = z.infer<typeof WechatCredentials>;
