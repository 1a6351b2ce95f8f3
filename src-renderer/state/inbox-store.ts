import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConversationListFilter, InboxView } from '../../src-shared/api/contract.js';
import type { Channel } from '../../src-shared/domain/model.js';
import type { LocalConversation as Conversation } from '../../src-shared/api/contract.js';
import type { ApiClient } from './api-client.js';
import { createStoreContext } from './store-context.js';
import { coalesced } from './coalesced.js';

export const INBOX_PAGE = 50;
/** The contract's largest page; a refresh re-reads at most this many rows. */
const REFRESH_MAX = 200;

export interface InboxState {
  /** Which conversations: all, the agent's own, a team, a saved filter... (views.ts); the tab, label and channel narrow it. */
  view: InboxView;
  filter: ConversationListFilter;
  /** Only conversations with this label, or all. */
  label: string | null;
  /** Only conversations on this channel, or all. */
  channel: Channel | null;
  conversations: Conversation[];
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  selectedId: string | null;
  setView(view: InboxView): Promise<void>;
  setFilter(filter: ConversationListFilter): Promise<void>;
  setLabel(label: string | null): Promise<void>;
  setChannel(channel: Channel | null): Promise<void>;
  /** Re-reads the list from the top, as far down as the user had scrolled; keeps the selection. */
  refresh(): Promise<void>;
  loadMore(): Promise<void>;
  select(conversationId: string | null): void;
  selectNext(): void;
  selectPrevious(): void;
  /** Shows a conversation the core just returned without waiting for the change event. */
  upsert(conversation: Conversation): void;
  reset(): void;
}

export type InboxStore = StoreApi<InboxState>;

export const inboxContext = createStoreContext<InboxState>('inbox');
export const { useStoreApi: useInboxStore, useSlice: useInbox } = inboxContext;

const ALL: InboxView = { kind: 'all' };

const EMPTY = {
  view: ALL,
  filter: 'all' as ConversationListFilter,
  label: null,
  channel: null as Channel | null,
  conversations: [],
  nextCursor: null,
  loading: false,
  loadingMore: false,
  error: null,
  selectedId: null,
};

export function createInboxStore(client: ApiClient): InboxStore {
  // Bumped when the filter changes or the inbox is cleared: answers for the old list are dropped.
  let generation = 0;
  // Reads may answer out of order; an older read never overwrites a newer one.
  let readsIssued = 0;
  let readApplied = 0;

  return createStore<InboxState>()((set, get) => {
    async function readFromTop(): Promise<void> {
      const asked = generation;
      const ticket = ++readsIssued;
      const { view, filter, label, conversations } = get();
      const limit = Math.min(REFRESH_MAX, Math.max(INBOX_PAGE, conversations.length));
      set({ loading: true });
      const result = await client.call('conversations.list', { view, status: filter, label, ...channelOf(get()), cursor: null, limit });
      if (asked !== generation || ticket < readApplied) return;
      readApplied = ticket;
      if (!result.ok) {
        set({ loading: false, error: result.error.message });
        return;
      }
      set({ loading: false, error: null, conversations: result.value.items, nextCursor: result.value.nextCursor });
    }

    return {
      ...EMPTY,

      async setView(view) {
        if (sameView(view, get().view)) return;
        generation += 1;
        set({ view, conversations: [], nextCursor: null, loadingMore: false, error: null });
        await readFromTop();
      },

      async setFilter(filter) {
        if (filter === get().filter) return;
        generation += 1;
        set({ filter, conversations: [], nextCursor: null, loadingMore: false, error: null });
        // Not queued behind a read for the previous filter.
        await readFromTop();
      },

      async setLabel(label) {
        if (label === get().label) return;
        generation += 1;
        set({ label, conversations: [], nextCursor: null, loadingMore: false, error: null });
        await readFromTop();
      },

      async setChannel(channel) {
        if (channel === get().channel) return;
        generation += 1;
        set({ channel, conversations: [], nextCursor: null, loadingMore: false, error: null });
        await readFromTop();
      },

      refresh: coalesced(readFromTop),

      async loadMore() {
        const { nextCursor, view, filter, label, loadingMore, loading } = get();
        if (!nextCursor || loadingMore || loading) return;
        const asked = generation;
        set({ loadingMore: true });
        const result = await client.call('conversations.list', { view, status: filter, label, ...channelOf(get()), cursor: nextCursor, limit: INBOX_PAGE });
        if (asked !== generation) return;
        if (!result.ok) {
          set({ loadingMore: false, error: result.error.message });
          return;
        }
        const known = new Set(get().conversations.map((c) => c.id));
        const fresh = result.value.items.filter((c) => !known.has(c.id));
        set({ loadingMore: false, error: null, conversations: [...get().conversations, ...fresh], nextCursor: result.value.nextCursor });
      },

      select(conversationId) {
        set({ selectedId: conversationId });
      },

      selectNext() {
        const { conversations, selectedId } = get();
        const index = conversations.findIndex((c) => c.id === selectedId);
        const next = conversations[index < 0 ? 0 : Math.min(index + 1, conversations.length - 1)];
        if (next) set({ selectedId: next.id });
      },

      selectPrevious() {
        const { conversations, selectedId } = get();
        const index = conversations.findIndex((c) => c.id === selectedId);
        const previous = conversations[Math.max(index - 1, 0)];
        if (previous) set({ selectedId: previous.id });
      },

      upsert(conversation) {
        set({ conversations: get().conversations.map((c) => (c.id === conversation.id ? conversation : c)) });
      },

      reset() {
        generation += 1;
        set(EMPTY);
      },
    };
  });
}

/** The channel narrowing of a list call, left out when there is none. */
function channelOf(state: Pick<InboxState, 'channel'>): { channel?: Channel } {
  return state.channel ? { channel: state.channel } : {};
}

export function sameView(a: InboxView, b: InboxView): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
