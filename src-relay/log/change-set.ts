import type { Article, ChannelDelivery, Conversation, Message } from '../../src-shared/domain/model.js';
import type { EventData } from '../../src-shared/protocol/sync.js';
import type { LogBus } from '../bus/log-bus.js';
import type { EventPlacement, LoggedEvent } from '../storage/port/events.js';
import type { RelayRepositories, RelayStorage } from '../storage/port/relay-storage.js';
import { holds, viewerOf } from './visibility.js';

/** How far back a new assignee is brought up to date when a conversation is handed to them. */
const HANDOVER_MESSAGES = 500;

/**
 * The only way the relay changes conversations and messages: each write appends its event
 * with the next seq in the same transaction. Await each write before the next: the seqs
 * follow the order of the writes.
 */
export interface ChangeSet {
  readonly tenantId: string;
  /** When the change happens; the events carry it. */
  readonly at: number;
  /**
   * The commit's transaction: everything read or written while the commit runs goes through it,
   * never through `core.store` (on PostgreSQL that is another connection, outside the transaction).
   */
  readonly store: RelayRepositories;
  addConversation(conversation: Conversation): Promise<void>;
  changeConversation(previous: Conversation, next: Conversation): Promise<void>;
  addMessage(message: Message, conversation: Conversation, clientMessageId: string | null): Promise<void>;
  /**
   * A message's files changed (a customer's file fetched after the message was stored, or given up
   * on): logged again whole where it is seen; desks keep messages by id, so it replaces the one they have.
   */
  changeMessageFiles(message: Message, conversation: Conversation): Promise<void>;
  /** How far a messaging app took a reply; seen where the message is seen. */
  markDelivery(message: Message, conversation: Conversation, delivery: ChannelDelivery): Promise<void>;
  /** Tells one colleague that a note named them; logged for them alone. */
  mention(mentionedId: string, message: Message, conversation: Conversation): Promise<void>;
  /** Stores a new version of an article; every workstation of the tenant gets it. */
  saveArticle(article: Article, editedBy: string): Promise<void>;
  /** Erases the conversation and everything logged about it; returns how many messages went. */
  eraseConversation(conversation: Conversation, expiry?: 'delete' | 'anonymise' | null): Promise<number>;
  /** Tells whoever sees the conversation what became of its customer (src-relay/customers): logged there, erased with it. */
  logCustomer(conversation: Conversation, data: CustomerEventData): Promise<void>;
}

/** What is logged about a customer: their identities and suggestions, a merge, an unmerge. */
export type CustomerEventData = Extract<EventData, { type: 'customer.updated' | 'customer.merged' | 'customer.unmerged' }>;

/** Runs `work` in one transaction and, once it is committed, publishes its events; resolves once they are handed to the fan-out. */
export type Commit = <T>(tenantId: string, work: (changes: ChangeSet) => Promise<T>, at?: number) => Promise<T>;

export function createCommit(storage: RelayStorage, bus: LogBus, now: () => number): Commit {
  return async (tenantId, work, at) => {
    const events: LoggedEvent[] = [];
    // Named for its tenant: the tenant's commits run one at a time, on every node (storage/port).
    // The clock is read once the commit's turn has come, not when it was asked for: so events carry
    // when they were written, in seq order, however long the commit waited for the tenant.
    const result = await storage.transaction((tx) => work(new RecordingChangeSet(tx, tenantId, at ?? now(), events)), { tenantId });
    await bus.publish(tenantId, events);
    return result;
  };
}

class RecordingChangeSet implements ChangeSet {
  constructor(
    readonly store: RelayRepositories,
    readonly tenantId: string,
    readonly at: number,
    /** What this commit logged, to publish once it is committed. */
    private readonly events: LoggedEvent[],
  ) {}

  async addConversation(conversation: Conversation): Promise<void> {
    await this.store.conversations.insertConversation(this.tenantId, conversation);
    await this.append(placementOf(conversation, null), { type: 'conversation.upserted', conversation });
  }

  async changeConversation(previous: Conversation, next: Conversation): Promise<void> {
    await this.store.conversations.updateConversation(next);
    await this.append(placementOf(next, previous), { type: 'conversation.upserted', conversation: next });
    if (next.assigneeId !== null && next.assigneeId !== previous.assigneeId) await this.handOver(previous, next, next.assigneeId);
  }

  async addMessage(message: Message, conversation: Conversation, clientMessageId: string | null): Promise<void> {
    await this.store.conversations.insertMessage(this.tenantId, message, clientMessageId);
    await this.append(placementOf(conversation, null), { type: 'message.created', message });
  }

  async changeMessageFiles(message: Message, conversation: Conversation): Promise<void> {
    await this.store.channelMedia.setMessageFiles(message.id, message.attachments ?? [], message.pendingFiles ?? []);
    await this.append(placementOf(conversation, null), { type: 'message.created', message });
  }

  async markDelivery(message: Message, conversation: Conversation, delivery: ChannelDelivery): Promise<void> {
    await this.store.channels.setMessageDelivery(message.id, delivery);
    await this.append(placementOf(conversation, null), { type: 'message.delivery', messageId: message.id, conversationId: conversation.id, delivery });
  }

  async mention(mentionedId: string, message: Message, conversation: Conversation): Promise<void> {
    const placement = { ...placementOf(conversation, null), teamId: null, assigneeId: mentionedId };
    await this.append(placement, { type: 'note.mentioned', mentionedId, customerName: conversation.customerName, message });
  }

  async saveArticle(article: Article, editedBy: string): Promise<void> {
    await this.store.articles.save(this.tenantId, article, editedBy);
    await this.append(TENANT_WIDE, { type: 'article.saved', article });
  }

  /**
   * `expiry`: the company's retention period ran out rather than a customer asked; desks drop
   * it without a notice, and an anonymised conversation's rating counts on without its comment.
   */
  async eraseConversation(conversation: Conversation, expiry: 'delete' | 'anonymise' | null = null): Promise<number> {
    const data = { type: 'conversation.erased' as const, conversationId: conversation.id, ...(expiry ? { reason: 'retention' as const } : {}) };
    const erased = await this.append(placementOf(conversation, null), data);
    // Events of this same commit are published after it: they must not carry what was just erased.
    const kept = this.events.filter((event) => event === erased || event.conversationId !== conversation.id);
    this.events.splice(0, this.events.length, ...kept);
    await this.store.events.purgeConversation(this.tenantId, conversation.id, erased.seq);
    if (expiry === 'anonymise') await this.store.ratings.forgetComment(this.tenantId, conversation.id);
    else await this.store.ratings.erase(this.tenantId, conversation.id);
    return this.store.conversations.eraseConversation(this.tenantId, conversation.id, this.at);
  }

  async logCustomer(conversation: Conversation, data: CustomerEventData): Promise<void> {
    await this.append(placementOf(conversation, null), data);
  }

  /**
   * A new assignee who could not see the conversation before has none of its messages: log
   * them again under the new placement. Clients store messages by id, so a repeat is harmless.
   */
  private async handOver(previous: Conversation, next: Conversation, assigneeId: string): Promise<void> {
    const assignee = await this.store.accounts.findAgent(assigneeId);
    if (!assignee || holds(viewerOf(assignee.agent), previous.assigneeId, previous.teamId)) return;
    for (const { message } of await this.store.conversations.listMessages(next.id, HANDOVER_MESSAGES)) {
      await this.append(placementOf(next, null), { type: 'message.created', message });
    }
  }

  private async append(placement: EventPlacement, data: LoggedEvent['data']): Promise<LoggedEvent> {
    const event = await this.store.events.append(this.tenantId, this.at, placement, data);
    this.events.push(event);
    return event;
  }
}

/** Not about a conversation: placed nowhere, seen by the whole tenant (log/visibility.ts). */
const TENANT_WIDE: EventPlacement = { conversationId: null, teamId: null, assigneeId: null, previousTeamId: null, previousAssigneeId: null };

function placementOf(conversation: Conversation, previous: Conversation | null): EventPlacement {
  return {
    conversationId: conversation.id,
    teamId: conversation.teamId,
    assigneeId: conversation.assigneeId,
    previousTeamId: previous?.teamId ?? null,
    previousAssigneeId: previous?.assigneeId ?? null,
  };
}
