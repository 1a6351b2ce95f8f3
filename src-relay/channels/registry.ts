import { emailAdapter } from './email/email-adapter.js';
import { lineAdapter } from './line/line-adapter.js';
import type { ChannelAdapter } from './port/channel-adapter.js';
import { instagramAdapter } from './instagram/instagram-adapter.js';
import { messengerAdapter } from './messenger/messenger-adapter.js';
import { smsAdapter } from './sms/sms-adapter.js';
import { telegramAdapter } from './telegram/telegram-adapter.js';
import { viberAdapter } from './viber/viber-adapter.js';
import { wechatAdapter } from './wechat/wechat-adapter.js';
import { whatsAppAdapter } from './whatsapp/whatsapp-adapter.js';

/**
 * Every messaging provider the relay connects. Adding one: its folder, and its line here.
 * Each adapter's methods take only credentials its own schema parsed (ChannelRuntime.credentialsOf),
 * which is why they can be listed side by side without their credential types.
 */
export const CHANNEL_ADAPTERS: readonly ChannelAdapter[] = [
  listed(whatsAppAdapter),
  listed(telegramAdapter),
  listed(lineAdapter),
  listed(smsAdapter),
  listed(viberAdapter),
  listed(messengerAdapter),
  listed(instagramAdapter),
  listed(wechatAdapter),
  listed(emailAdapter),
];

function listed<Credentials>(adapter: ChannelAdapter<Credentials>): ChannelAdapter {
  return adapter as unknown as ChannelAdapter;
}
