import type { Agent } from '../../../src-shared/domain/model.js';
import { checkReply, type CompiledReplyRules } from '../../../src-shared/reply-checks/check-reply.js';
import type { CheckedPart, ReplyCheckHit, ReplyFlagRecord } from '../../../src-shared/reply-checks/reply-flags.js';
import { ApiFailure, type ApiHandlers } from '../api-router.js';
import type { CoreParts } from './core-parts.js';

/** What the checks read of a conversation: the customer's market and language. */
type CheckedConversation = { market: string | null; language: string; insight?: { language: string | null } | null };

export const NO_REPLY_RULES: CompiledReplyRules = { rules: [] };

/** A reply as it would go: `body` to the customer, `original` the agent's words when `body` is their translation. */
export interface OutgoingReply {
  body: string;
  original?: { body: string; language: string } | undefined;
}

/**
 * The company's reply rules on this device (docs/privacy.md, "Reply checks"): the composer asks
 * while the agent writes, and `conversations.reply` asks again before the reply is queued, so a
 * renderer that skipped the first still cannot send a blocked reply.
 */
export class ReplyChecks {
  constructor(private readonly rules: CompiledReplyRules) {}

  /** The rules the draft breaks, in the agent's language, and those its translation breaks, in the customer's. */
  hits(conversation: CheckedConversation, agent: Agent, draft: string, translation: { body: string; language: string } | null): ReplyCheckHit[] {
    const market = conversation.market;
    const inPart = (part: CheckedPart, text: string, language: string) => checkReply(this.rules, { text, language, market }).map((hit) => ({ ...hit, part }));
    return [...inPart('draft', draft, agent.language), ...(translation ? inPart('translation', translation.body, translation.language) : [])];
  }

  /**
   * Refuses a reply that breaks a `block` rule, or a `warn` rule the agent did not choose to
   * override; otherwise answers what the reply carries to the relay: each warning sent anyway,
   * and each rule shown while writing that the agent then fixed.
   */
  verdict(conversation: CheckedConversation, agent: Agent, reply: OutgoingReply, checks: { overrides: string[]; shown: string[] }): ReplyFlagRecord[] {
    const hits = reply.original
      ? this.hits(conversation, agent, reply.original.body, { body: reply.body, language: conversation.insight?.language ?? conversation.language })
      : this.hits(conversation, agent, reply.body, null);
    const block = hits.find((hit) => hit.action === 'block');
    if (block) throw new ApiFailure('bad_request', `This reply cannot be sent until it is changed (${block.ruleId}): ${block.description}`);
    const unconfirmed = hits.find((hit) => hit.action === 'warn' && !checks.overrides.includes(hit.ruleId));
    if (unconfirmed) throw new ApiFailure('bad_request', `Check this reply before sending (${unconfirmed.ruleId}): ${unconfirmed.description} Choose "Send anyway" to send it as it is.`);
    const sentAnyway = new Set(hits.map((hit) => hit.ruleId));
    const fixed = checks.shown.filter((id) => !sentAnyway.has(id)).flatMap((id) => {
      const rule = this.rules.rules.find((compiled) => compiled.rule.id === id)?.rule;
      return rule ? [{ ruleId: id, action: rule.action, overridden: false }] : [];
    });
    return [...[...sentAnyway].map((ruleId) => ({ ruleId, action: 'warn' as const, overridden: true })), ...new Map(fixed.map((flag) => [flag.ruleId, flag])).values()];
  }
}

/** `replies.check`: the composer's question as the agent types (debounced there). */
export function replyCheckHandlers({ guards }: Pick<CoreParts, 'guards'>, checks: ReplyChecks): Pick<ApiHandlers, 'replies.check'> {
  return {
    'replies.check': async ({ conversationId, draft, translation }) => {
      const agent = guards.requireAgent();
      const conversation = guards.requireShownConversation(conversationId);
      return { hits: checks.hits(conversation, agent, draft, translation) };
    },
  };
}
