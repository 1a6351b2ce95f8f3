import type { TemplateChoice } from '../../../src-shared/domain/message-templates.js';
import { WhatsAppErrorAnswer, WhatsAppSendAnswer } from '../../../src-shared/protocol/channels/whatsapp.js';
import type { OutboundText, ProviderApi, SendOutcome } from '../port/channel-adapter.js';
import { postJson, type ProviderAnswer } from '../port/provider-call.js';
import { detailOf } from './notification.js';
import type { WhatsAppCredentials } from './whatsapp-credentials.js';
import { failureOfWhatsAppCode, isRetryableWhatsAppCode } from './whatsapp-errors.js';

/**
 * An approved template as Meta's send API takes it: its name, its language's code, and the body's
 * values as text parameters in the order of {{1}}, {{2}}, ... (no components without values).
 */
function templateContent(template: TemplateChoice): Record<string, unknown> {
  const components = template.parameters.length === 0 ? [] : [{ type: 'body', parameters: template.parameters.map((value) => ({ type: 'text', text: value })) }];
  return { type: 'template', template: { name: template.name, language: { code: template.language }, components } };
}

/**
 * POST {graph}/{version}/{phone-number-id}/messages with the access token, a plain text message
 * (or an approved template, outside the customer-service window)
 * (WhatsApp shows *bold* and _italic_ itself; the agent's text goes as written, link previews off).
 * The Cloud API takes no idempotency key: a send is retried only when it surely failed or timed out.
 */
export async function sendWhatsAppText(text: OutboundText, credentials: WhatsAppCredentials, api: ProviderApi): Promise<SendOutcome> {
  const answer = await postJson(
    api,
    `/${credentials.graphVersion}/${encodeURIComponent(credentials.phoneNumberId)}/messages`,
    { messaging_product: 'whatsapp', recipient_type: 'individual', to: text.recipient, ...(text.template ? templateContent(text.template) : { type: 'text', text: { preview_url: false, body: text.body } }) },
    { authorization: `Bearer ${credentials.accessToken}` },
  );
  return whatsAppOutcome(answer);
}

/** What the Cloud API's answer to a send (or an upload, whose answer holds an id too) means for the reply. */
export function whatsAppOutcome(answer: ProviderAnswer, idOf: (body: unknown) => string | undefined = sentMessageId): SendOutcome {
  if (!answer.ok) return { kind: 'retry', detail: answer.detail };
  if (answer.status >= 200 && answer.status < 300) {
    const id = idOf(answer.body);
    // Taken, but with an answer we cannot read: sending again could deliver it twice.
    return id ? { kind: 'sent', providerMessageId: id } : { kind: 'failed', failure: 'unconfirmed', detail: `WhatsApp answered ${answer.status} without a message id` };
  }
  const refused = WhatsAppErrorAnswer.safeParse(answer.body);
  if (answer.status >= 500 || answer.status === 429 || (refused.success && isRetryableWhatsAppCode(refused.data.error.code))) {
    return { kind: 'retry', detail: refused.success ? detailOf(refused.data.error) : `WhatsApp answered ${answer.status}` };
  }
  if (!refused.success) return { kind: 'failed', failure: 'rejected', detail: `WhatsApp answered ${answer.status}` };
  return { kind: 'failed', failure: failureOfWhatsAppCode(refused.data.error.code), detail: detailOf(refused.data.error) };
}

function sentMessageId(body: unknown): string | undefined {
  const sent = WhatsAppSendAnswer.safeParse(body);
  return sent.success ? sent.data.messages[0]?.id : undefined;
}
