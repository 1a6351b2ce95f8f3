import { TelegramErrorAnswer, TelegramGetMeAnswer } from '../../../src-shared/protocol/channels/telegram.js';
import type { ConnectionCheck, ProviderApi } from '../port/channel-adapter.js';
import { getJson } from '../port/provider-call.js';
import type { TelegramCredentials } from './telegram-credentials.js';

/**
 * The administrator's "test connection": getMe, the Bot API's own test of a bot token, which
 * answers the bot. (The secret token is tested by the first update Telegram sends with it.)
 */
export async function checkTelegramConnection(credentials: TelegramCredentials, api: ProviderApi): Promise<ConnectionCheck> {
  const answer = await getJson(api, `/bot${credentials.botToken}/getMe`);
  if (!answer.ok) return { ok: false, error: `Telegram could not be reached: ${answer.detail}.` };
  const bot = TelegramGetMeAnswer.safeParse(answer.body);
  if (answer.status === 200 && bot.success) {
    const { username, first_name: firstName } = bot.data.result;
    return { ok: true, accountName: username ? `@${username} (${firstName})` : firstName };
  }
  const refused = TelegramErrorAnswer.safeParse(answer.body);
  if (!refused.success) return { ok: false, error: `Telegram answered HTTP ${answer.status}.` };
  const advice = refused.data.error_code === 401 || refused.data.error_code === 404
    ? 'Telegram knows no bot with this token: copy it again from @BotFather (/token), or it was revoked.'
    : 'Telegram refused the test.';
  return { ok: false, error: `${advice} (Telegram error ${refused.data.error_code}: ${refused.data.description})` };
}
