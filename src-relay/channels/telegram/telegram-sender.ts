import type { ChannelFailure } from '../../../src-shared/domain/model.js';
import { TelegramErrorAnswer, TelegramSendAnswer } from '../../../src-shared/protocol/channels/telegram.js';
import type { OutboundText, ProviderApi, SendOutcome } from '../port/channel-adapter.js';
import { postJson, type ProviderAnswer } from '../port/provider-call.js';
import type { TelegramCredentials } from './telegram-credentials.js';

/**
 * POST {api}/bot<token>/sendMessage with the chat id and the text, no parse_mode: Telegram shows
 * it exactly as the agent wrote it (no Markdown turned into formatting or shown as asterisks).
 * The Bot API takes no idempotency key: a send is retried only when it surely failed or timed out.
 */
export async function sendTelegramText(text: OutboundText, credentials: TelegramCredentials, api: ProviderApi): Promise<SendOutcome> {
  const answer = await postJson(api, `/bot${credentials.botToken}/sendMessage`, {
    chat_id: text.recipient,
    text: text.body,
    link_preview_options: { is_disabled: true },
  });
  return telegramOutcome(answer);
}

/** What the Bot API's answer to a send method (sendMessage, sendPhoto, sendDocument, ...) means for the reply. */
export function telegramOutcome(answer: ProviderAnswer): SendOutcome {
  if (!answer.ok) return { kind: 'retry', detail: answer.detail };
  const sent = TelegramSendAnswer.safeParse(answer.body);
  if (answer.status === 200 && sent.success) return { kind: 'sent', providerMessageId: `${sent.data.result.chat.id}:${sent.data.result.message_id}` };
  const refused = TelegramErrorAnswer.safeParse(answer.body);
  const detail = refused.success ? `Telegram error ${refused.data.error_code}: ${refused.data.description}` : `Telegram answered ${answer.status}`;
  if (answer.status >= 500 || answer.status === 429) {
    const afterSeconds = refused.success ? refused.data.parameters?.retry_after : undefined;
    return { kind: 'retry', detail, ...(afterSeconds ? { afterMs: afterSeconds * 1000 } : {}) };
  }
  if (answer.status === 200) return { kind: 'failed', failure: 'unconfirmed', detail: 'Telegram answered 200 without the sent message' };
  return { kind: 'failed', failure: failureOf(answer.status, refused.success ? refused.data.description : ''), detail };
}

/** Telegram explains a refusal in `description`: "Forbidden: bot was blocked by the user", "Bad Request: chat not found". */
function failureOf(status: number, description: string): ChannelFailure {
  if (status === 403 && /blocked by the user/i.test(description)) return 'blocked';
  if (status === 403 && /user is deactivated|bot can't initiate/i.test(description)) return 'invalid-recipient';
  if (status === 400 && /chat not found|user not found|peer_id_invalid/i.test(description)) return 'invalid-recipient';
  return 'rejected';
}
