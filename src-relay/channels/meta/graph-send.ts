import { GraphErrorAnswer, GraphMe, GraphSendAnswer } from '../../../src-shared/protocol/channels/messenger.js';
import type { ConnectionCheck, OutboundText, ProviderApi, SendOutcome } from '../port/channel-adapter.js';
import { getJson, postJson, type ProviderAnswer } from '../port/provider-call.js';
import { detailOfGraphError, failureOfGraphError, isRetryableGraphError } from './graph-errors.js';

/** What the Send API needs of an account: the Page access token and the Graph API version. */
export interface GraphSender {
  /** The provider's name as the agent knows it (Messenger, Instagram), in failure details. */
  provider: string;
  accessToken: string;
  graphVersion: string;
}

/**
 * POST {graph}/{version}/me/messages with the Page access token (as a Bearer header: Graph takes
 * either, and a header stays out of access logs): a plain text reply, `RESPONSE` within the
 * 24-hour window and `MESSAGE_TAG` with `HUMAN_AGENT` after it, within 7 days. A send whose
 * window closed while it waited (a retry) is not tried. The Send API takes no idempotency key: a
 * send is retried only when it surely failed or timed out.
 */
export async function sendGraphText(text: OutboundText, sender: GraphSender, api: ProviderApi): Promise<SendOutcome> {
  if (text.window === 'closed') {
    return { kind: 'failed', failure: 'outside-window', detail: `Not sent: the customer last wrote more than 7 days ago, past ${sender.provider}'s human-agent window.` };
  }
  const tagged = windowFields(text);
  const answer = await postJson(
    api,
    `/${sender.graphVersion}/me/messages`,
    { recipient: { id: text.recipient }, ...tagged, message: { text: text.body } },
    { authorization: `Bearer ${sender.accessToken}` },
  );
  return graphOutcome(answer, sender);
}

/** The reply window's part of a send: RESPONSE within 24 hours, the human-agent tag after. */
export function windowFields(text: OutboundText): Record<string, string> {
  return text.window === 'tagged' ? { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' } : { messaging_type: 'RESPONSE' };
}

/** What the Send API's answer means for the reply. */
export function graphOutcome(answer: ProviderAnswer, sender: GraphSender): SendOutcome {
  if (!answer.ok) return { kind: 'retry', detail: answer.detail };
  if (answer.status >= 200 && answer.status < 300) {
    const sent = GraphSendAnswer.safeParse(answer.body);
    // Taken, but with an answer we cannot read: sending again could deliver it twice.
    return sent.success ? { kind: 'sent', providerMessageId: sent.data.message_id } : { kind: 'failed', failure: 'unconfirmed', detail: `${sender.provider} answered ${answer.status} without a message id` };
  }
  const refused = GraphErrorAnswer.safeParse(answer.body);
  if (answer.status >= 500 || answer.status === 429 || (refused.success && isRetryableGraphError(refused.data.error))) {
    return { kind: 'retry', detail: refused.success ? detailOfGraphError(sender.provider, refused.data.error) : `${sender.provider} answered ${answer.status}` };
  }
  if (!refused.success) return { kind: 'failed', failure: 'rejected', detail: `${sender.provider} answered ${answer.status}` };
  return { kind: 'failed', failure: failureOfGraphError(refused.data.error), detail: detailOfGraphError(sender.provider, refused.data.error) };
}

/** The administrator's "test connection": GET /{version}/me?fields=id,name with the token, the Page (or account) it speaks for. */
export async function checkGraphConnection(sender: GraphSender, api: ProviderApi): Promise<ConnectionCheck> {
  const answer = await getJson(api, `/${sender.graphVersion}/me?fields=id,name`, { authorization: `Bearer ${sender.accessToken}` });
  if (!answer.ok) return { ok: false, error: `${sender.provider} did not answer: ${answer.detail}` };
  const me = GraphMe.safeParse(answer.body);
  if (answer.status === 200 && me.success) return { ok: true, accountName: me.data.name ?? me.data.username ?? me.data.id };
  const refused = GraphErrorAnswer.safeParse(answer.body);
  return { ok: false, error: refused.success ? detailOfGraphError(sender.provider, refused.data.error) : `${sender.provider} answered ${answer.status}` };
}
