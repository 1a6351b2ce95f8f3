import type { Article, Conversation, Message } from '../../src-shared/domain/model.js';
import type { LogBus } from '../bus/log-bus.js';
import type { EventPlacement, LoggedEvent } from '../storage/events-store.js';
import type { RelayStore } from '../storage/relay-store.js';
import { holds, viewerOf } from './visibility.js';

/** How far back a new assignee is brought up to date when a conversation is handed to them. */
const HANDOVER_MESSAGES = 500;

/**
 * The only way the relay changes conversations and messages: each write appends its event
 * with the next seq in the same transaction.
 */
export interface ChangeSet {
  readonly tenantId: string;
  /** When the change happens; the events carry it. */
  readonly at: number;
  addConversation(conversation: Conversation): void;
  changeConversation(previous: Conversation, next: Conversation): void;
  addMessage(message: Message, conversation: Conversation, clientMessageId: string | null): void;
  /** Tells one colleague that a note named them; logged for them alone. */
  mention(mentionedId: string, message: Message, conversation: Conversation): void;
  /** Stores a new version of an article; every workstation of the tenant gets it. */
  saveArticle(article: Article, editedBy: string): void;
  /** Erases the conversation and everything logged about it; returns how many messages went. */
  eraseConversation(conversation: Conversation): number;
}

/** Runs `work` in one transaction and, once it is committed, publishes its events. */
export type Commit = <T>(tenantId: string, work: (changes: ChangeSet) => T, at?: number) => T;

export function createCommit(store: RelayStore, bus: LogBus, now: () => number): Commit {
  return (tenantId, work, at = now()) => {
    const changes = new RecordingChangeSet(store, tenantId, at);
    const result = store.transaction(() => work(changes));
    bus.publish(tenantId, changes.events);
    return result;
  };
}

class RecordingChangeSet implements ChangeSet {
  readonly events: LoggedEvent[] = [];

  constructor(
    private readonly store: RelayStore,
    readonly tenantId: string,
    readonly at: number,
  ) {}

  addConversation(conversation: Conversation): void {
    this.store.conversations.insertConversation(this.tenantId, conversation);
    this.append(placementOf(conversation, null), { type: 'conversation.upserted', conversation });
  }

  changeConversation(previous: Conversation, next: Conversation): void {
    this.store.conversations.updateConversation(next);
    this.append(placementOf(next, previous), { type: 'conversation.upserted', conversation: next });
    if (next.assigneeId !== null && next.assigneeId !== previous.assigneeId) this.handOver(previous, next, next.assigneeId);
  }

  addMessage(message: Message, conversation: Conversation, clientMessageId: string | null): void {
    this.store.conversations.insertMessage(this.tenantId, message, clientMessageId);
    this.append(placementOf(conversation, null), { type: 'message.created', message });
  }

  mention(mentionedId: string, message: Message, conversation: Conversation): void {
    const placement = { ...placementOf(conversation, null), teamId: null, assigneeId: mentionedId };
    this.append(placement, { type: 'note.mentioned', mentionedId, customerName: conversation.customerName, message });
  }

  saveArticle(article: Article, editedBy: string): void {
    this.store.articles.save(this.tenantId, article, editedBy);
    this.append(TENANT_WIDE, { type: 'article.saved', article });
  }

  eraseConversation(conversation: Conversation): number {
    const erased = this.append(placementOf(conversation, null), { type: 'conversation.erased', conversationId: conversation.id });
    // Events of this same commit are published after it: they must not carry what was just erased.
    const kept = this.events.filter((event) => event === erased || event.conversationId !== conversation.id);
    this.events.splice(0, this.events.length, ...kept);
    this.store.events.purgeConversation(this.tenantId, conversation.id, erased.seq);
    this.store.ratings.erase(this.tenantId, conversation.id);
    return this.store.conversations.eraseConversation(this.tenantId, conversation.id, this.at);
  }

  /**
   * A new assignee who could not see the conversation before has none of its messages: log
   * them again under the new placement. Clients store messages by id, so a repeat is harmless.
   */
  private handOver(previous: Conversation, next: Conversation, assigneeId: string): void {
    const assignee = this.store.accounts.findAgent(assigneeId);
    if (!assignee || holds(viewerOf(assignee.agent), previous.assigneeId, previous.teamId)) return;
    for (const { message } of this.store.conversations.listMessages(next.id, HANDOVER_MESSAGES)) {
      this.append(placementOf(next, null), { type: 'message.created', message });
    }
  }

  private append(placement: EventPlacement, data: LoggedEvent['data']): LoggedEvent {
    const event = this.store.events.append(this.tenantId, this.at, placement, data);
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
