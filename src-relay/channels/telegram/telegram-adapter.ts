import { TELEGRAM_RULES } from '../../../src-shared/domain/channel-rules.js';
import { jsonBody, type ChannelAdapter } from '../port/channel-adapter.js';
import { sameSecret } from '../port/same-secret.js';
import { checkTelegramConnection } from './telegram-connection.js';
import { TelegramCredentials } from './telegram-credentials.js';
import { fetchTelegramMedia, sendTelegramFiles } from './telegram-media.js';
import { sendTelegramText } from './telegram-sender.js';
import { parseTelegramUpdate } from './telegram-update.js';

/**
 * Telegram through the Bot API. Telegram signs nothing: setWebhook's secret_token comes back in
 * X-Telegram-Bot-Api-Secret-Token on every update, compared here in constant time.
 */
export const telegramAdapter: ChannelAdapter<TelegramCredentials> = {
  provider: 'telegram',
  credentials: TelegramCredentials,
  rules: TELEGRAM_RULES,
  defaultApiBaseUrl: 'https://api.telegram.org',
  idempotentRetries: false,
  verify: ({ headers }, credentials) => {
    const header = headers['x-telegram-bot-api-secret-token'];
    return typeof header === 'string' && sameSecret(header, credentials.secretToken);
  },
  parse: (request) => jsonBody(request, parseTelegramUpdate),
  fetchMedia: fetchTelegramMedia,
  send: (text, credentials, api) => (text.files?.length ? sendTelegramFiles(text, credentials, api, text.files) : sendTelegramText(text, credentials, api)),
  checkConnection: checkTelegramConnection,
};
