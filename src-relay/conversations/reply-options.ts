import { messagingRulesOf, replyWindow, replyWindowEndsAt } from '../../src-shared/domain/channel-rules.js';
import type { Agent } from '../../src-shared/domain/model.js';
import type { ReplyOptions } from '../../src-shared/protocol/channels/templates.js';
import type { RelayRepositories } from '../storage/port/relay-storage.js';
import { findActionable } from './conversation-finders.js';

/**
 * How a reply to the conversation may go now, for the agent's composer: the provider's window as
 * the relay reckons it (from the customer's last message at the provider), when it ends, and
 * the account's approved templates where the provider has them. Null when the agent may not act
 * on the conversation (the caller answers as if it did not exist).
 */
export async function replyOptionsOf(store: RelayRepositories, agent: Agent, conversationId: string, at: number): Promise<ReplyOptions | null> {
  const found = await findActionable(store, agent, conversationId);
  if (!found.ok) return null;
  const { conversation } = found;
  const team = (await store.accounts.listTeams(agent.tenantId)).find((candidate) => candidate.id === conversation.teamId);
  const fallbackLanguage = team?.languages[0] ?? 'en';
  const rules = messagingRulesOf(conversation.channel);
  const contact = rules ? await store.channels.findContactOfConversation(conversation.id) : null;
  if (!rules || !contact) return { channel: null, window: 'open', windowEndsAt: null, templatesSupported: false, templates: [], fallbackLanguage };
  const window = replyWindow(rules, contact.lastInboundAt, at);
  const windowEndsAt = replyWindowEndsAt(rules, contact.lastInboundAt, window);
  const templatesSupported = rules.approvedTemplates === true;
  const templates = templatesSupported ? await store.channels.listTemplates(contact.accountId) : [];
  return { channel: conversation.channel, window, windowEndsAt, templatesSupported, templates, fallbackLanguage };
}
