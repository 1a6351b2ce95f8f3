import type { Agent } from '../../src-shared/domain/model.js';
import type { NewEmail } from '../../src-shared/protocol/email.js';
import { sendReply } from '../conversations/agent-messages.js';
import type { RelayCore } from '../relay-core.js';
import type { Refusal } from '../relay-rule.js';
import { openEmailConversation } from './open-email-conversation.js';

export type NewEmailOutcome = { ok: true; conversationId: string } | { ok: false; status: 400 | 404 | 409; refusal: Refusal };

const NO_SUCH_MAILBOX: Refusal = { code: 'not_found', message: 'There is no such mailbox.' };

/** Thrown inside the commit, so that a reply refused after the conversation was opened leaves nothing behind. */
class ReplyRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

/**
 * A new mail an agent writes to a customer: a conversation of the mailbox's team, held by the
 * agent, with its thread (subject and reply token, so the customer's answer joins it), and the
 * mail as its first reply, sent as any email reply is. A mailbox outside the agent's teams is
 * answered as one that does not exist. The same message id again answers the same conversation.
 */
export async function startNewEmail(core: RelayCore, agent: Agent, mail: NewEmail): Promise<NewEmailOutcome> {
  const repeat = await core.store.conversations.findMessage(mail.messageId);
  if (repeat) {
    const own = repeat.tenantId === agent.tenantId && repeat.message.authorId === agent.id;
    return own ? { ok: true, conversationId: repeat.message.conversationId } : { ok: false, status: 409, refusal: { code: 'conflict', message: 'This message id is already taken.' } };
  }
  const account = await core.store.channels.findAccount(mail.accountId);
  const mine = account && account.tenantId === agent.tenantId && account.provider === 'email' && !account.disconnectedAt;
  if (!mine || (agent.role !== 'admin' && !agent.teamIds.includes(account.teamId))) return { ok: false, status: 404, refusal: NO_SUCH_MAILBOX };
  const customer = { address: mail.to, name: mail.name || mail.to.split('@')[0] || mail.to };
  try {
    const conversationId = await core.commit(agent.tenantId, async (changes) => {
      const conversation = await openEmailConversation(core, changes, account, customer, mail.subject, agent.id);
      const email = { subject: mail.subject, ...(mail.cc?.length ? { cc: mail.cc } : {}), ...(mail.bcc?.length ? { bcc: mail.bcc } : {}) };
      const reply = { kind: 'reply.send' as const, conversationId: conversation.id, messageId: mail.messageId, body: mail.body, email, ...(mail.attachments?.length ? { attachments: mail.attachments } : {}) };
      const refusal = await sendReply({ core, changes, agent, presenceSetFor: [] }, reply);
      if (refusal) throw new ReplyRefused(refusal);
      return conversation.id;
    });
    return { ok: true, conversationId };
  } catch (error) {
    if (error instanceof ReplyRefused) return { ok: false, status: error.refusal.code === 'not_found' ? 404 : 400, refusal: error.refusal };
    throw error;
  }
}
