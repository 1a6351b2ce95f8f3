import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AdminState } from './admin-store.js';
import type { CannedRepliesState } from './canned-replies-store.js';
import type { ConversationState } from './conversation-store.js';
import type { InboxState } from './inbox-store.js';
import type { KnowledgeState } from './knowledge-store.js';
import type { MentionsState } from './mentions-store.js';
import type { SupervisorState } from './supervisor-store.js';
import type { SoftphoneState } from './softphone-store.js';
import type { ModelsState } from './models-store.js';
import type { NoticesState } from './notices-store.js';
import type { ReplyPreviewState } from './reply-preview-store.js';
import type { ServiceNotesState } from './service-notes-store.js';
import type { SearchState } from './search-store.js';
import type { SessionState } from './session-store.js';
import type { Stores } from './stores.js';

const StoresContext = createContext<Stores | null>(null);

export function StoresProvider({ stores, children }: { stores: Stores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores needs a StoresProvider above it.');
  return stores;
}

export function useSession<T>(select: (state: SessionState) => T): T {
  return useStore(useStores().session, select);
}

export function useInbox<T>(select: (state: InboxState) => T): T {
  return useStore(useStores().inbox, select);
}

export function useConversation<T>(select: (state: ConversationState) => T): T {
  return useStore(useStores().conversation, select);
}

export function useNotices<T>(select: (state: NoticesState) => T): T {
  return useStore(useStores().notices, select);
}

export function useSearch<T>(select: (state: SearchState) => T): T {
  return useStore(useStores().search, select);
}

export function useReplyPreview<T>(select: (state: ReplyPreviewState) => T): T {
  return useStore(useStores().replyPreview, select);
}

export function useModels<T>(select: (state: ModelsState) => T): T {
  return useStore(useStores().models, select);
}

export function useServiceNotes<T>(select: (state: ServiceNotesState) => T): T {
  return useStore(useStores().serviceNotes, select);
}

export function useCannedReplies<T>(select: (state: CannedRepliesState) => T): T {
  return useStore(useStores().cannedReplies, select);
}

export function useKnowledge<T>(select: (state: KnowledgeState) => T): T {
  return useStore(useStores().knowledge, select);
}

export function useMentions<T>(select: (state: MentionsState) => T): T {
  return useStore(useStores().mentions, select);
}

export function useSupervisor<T>(select: (state: SupervisorState) => T): T {
  return useStore(useStores().supervisor, select);
}

export function useAdmin<T>(select: (state: AdminState) => T): T {
  return useStore(useStores().admin, select);
}

export function useSoftphone<T>(select: (state: SoftphoneState) => T): T {
  return useStore(useStores().softphone, select);
}
