import { z } from 'zod';

/** What an administrator gets from @BotFather, and the secret the relay gives Telegram in setWebhook (docs/channels.md, "Telegram"). */
export const TelegramCredentials = z.object({
  /** "<bot id>:<secret>", as @BotFather gives it. */
  botToken: z.string().regex(/^\d{1,20}:[A-Za-z0-9_-]{20,100}$/, 'expected a bot token as @BotFather gives it, such as 123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11'),
  /** setWebhook's secret_token: Telegram sends it in X-Telegram-Bot-Api-Secret-Token with every update. */
  secretToken: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'expected 16 to 256 characters of A-Z, a-z, 0-9, _ and -'),
});
export type TelegramCredentials = z.infer<typeof TelegramCredentials>;
