import type { EventName, EventPayload, Notice } from '../../src-shared/api/contract.js';

export type EmitApiEvent = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** The conversations, messages, customers, notices and articles one unit of work touched, announced together afterwards. */
export class ChangeSet {
  private readonly conversationIds = new Set<string>();
  private readonly messageIds = new Map<string, Set<string>>();
  private readonly customerIds = new Set<string>();
  private noticesChanged = false;
  private articlesChanged = false;

  notices(): void {
    this.noticesChanged = true;
  }

  articles(): void {
    this.articlesChanged = true;
  }

  conversation(id: string): void {
    this.conversationIds.add(id);
  }

  customer(id: string): void {
    this.customerIds.add(id);
  }

  message(conversationId: string, messageId: string): void {
    const ids = this.messageIds.get(conversationId) ?? new Set<string>();
    ids.add(messageId);
    this.messageIds.set(conversationId, ids);
  }

  /** One `messages.changed` per conversation, then one `conversations.changed` and one `customers.changed`, then the notices as they are now. */
  announce(emit: EmitApiEvent, shownNotices?: () => Notice[]): void {
    for (const [conversationId, ids] of this.messageIds) {
      emit('messages.changed', { conversationId, messageIds: [...ids] });
    }
    if (this.conversationIds.size > 0) emit('conversations.changed', { conversationIds: [...this.conversationIds] });
    if (this.customerIds.size > 0) emit('customers.changed', { customerIds: [...this.customerIds] });
    if (this.noticesChanged && shownNotices) emit('notices.changed', { notices: shownNotices() });
    if (this.articlesChanged) emit('articles.changed', {});
  }
}
