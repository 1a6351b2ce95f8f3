import { createAdminStore, type AdminStore } from '../admin/admin-store.js';
import { createChannelAccountsStore, type ChannelAccountsStore } from '../admin/channel-accounts-store.js';
import { createAttachmentsStore, type AttachmentsStore } from '../conversation/attachments-store.js';
import { createCannedRepliesStore, type CannedRepliesStore } from '../conversation/canned-replies-store.js';
import { mentionedIn } from '../conversation/mentions.js';
import { createCustomerStore, type CustomerStore } from '../customer/customer-store.js';
import { createMentionsStore, type MentionsStore } from '../conversation/mentions-store.js';
import { createReplyPreviewStore, type ReplyPreviewStore } from '../conversation/reply-preview-store.js';
import { createReplyChecksStore, type ReplyChecksStore } from '../conversation/reply-checks-store.js';
import { createTranslationRoutesStore, type TranslationRoutesStore } from '../conversation/translation-routes-store.js';
import { createServiceNotesStore, type ServiceNotesStore } from '../conversation/service-notes-store.js';
import { createEmailComposeStore, type EmailComposeStore } from '../email/email-compose-store.js';
import { createNewEmailStore, type NewEmailStore } from '../email/new-email-store.js';
import { createKnowledgeStore, type KnowledgeStore } from '../knowledge/knowledge-store.js';
import { createNoticesStore, type NoticesStore } from '../notices/notices-store.js';
import { createSearchStore, type SearchStore } from '../search/search-store.js';
import { createModelsStore, type ModelsStore } from '../settings/models-store.js';
import { createTwoFactorStore, type TwoFactorStore } from '../session/two-factor-store.js';
import { addPhoneProviders } from '../softphone/providers.js';
import { createSoftphoneStore, type SoftphoneStore } from '../softphone/softphone-store.js';
import { createWebRtcAdapter } from '../softphone/webrtc-adapter.js';
import type { ApiClient } from '../state/api-client.js';
import { createConversationStore, type ConversationStore } from '../state/conversation-store.js';
import { createInboxStore, type InboxStore } from '../state/inbox-store.js';
import { createSessionStore, type SessionStore } from '../state/session-store.js';
import { createSupervisorStore, type SupervisorStore } from '../supervisor/supervisor-store.js';
import { createPrivacyStore, REGISTER_REFRESH_MS, type PrivacyStore } from '../privacy/privacy-store.js';
import { createReplyTemplatesStore, type ReplyTemplatesStore } from '../conversation/reply-templates-store.js';
import { createDesktopStore, type DesktopStore } from '../desktop/desktop-store.js';
import { createResolveUndoStore, type ResolveUndoStore } from '../conversation/resolve-undo-store.js';
import { followDesktop } from './desktop-wiring.js';
import { createViewsStore, type ViewsStore } from '../views/views-store.js';

export interface Stores {
  session: SessionStore;
  inbox: InboxStore;
  conversation: ConversationStore;
  search: SearchStore;
  notices: NoticesStore;
  replyPreview: ReplyPreviewStore;
  replyChecks: ReplyChecksStore;
  translationRoutes: TranslationRoutesStore;
  models: ModelsStore;
  serviceNotes: ServiceNotesStore;
  cannedReplies: CannedRepliesStore;
  knowledge: KnowledgeStore;
  mentions: MentionsStore;
  supervisor: SupervisorStore;
  admin: AdminStore;
  softphone: SoftphoneStore;
  channelAccounts: ChannelAccountsStore;
  customer: CustomerStore;
  replyTemplates: ReplyTemplatesStore;
  attachments: AttachmentsStore;
  emailCompose: EmailComposeStore;
  newEmail: NewEmailStore;
  privacy: PrivacyStore;
  twoFactor: TwoFactorStore;
  desktop: DesktopStore;
  views: ViewsStore;
  resolveUndo: ResolveUndoStore;
}

/**
 * The renderer's composition root: builds every store and feeds them from the api client's
 * events. The stores never talk to each other directly; the rules for what follows what live here.
 */
export function createStores(client: ApiClient): { stores: Stores; disconnect: () => void } {
  const session = createSessionStore(client);
  const inbox = createInboxStore(client);
  const mentions = createMentionsStore(client);
  const attachments = createAttachmentsStore(client);
  const emailCompose = createEmailComposeStore(client);
  const replyChecks = createReplyChecksStore(client);
  const resolveUndo = createResolveUndoStore(client);
  const conversation = createConversationStore(client, {
    onConversation: (c) => inbox.getState().upsert(c),
    mentionsIn: (body) => mentionedIn(body, mentions.getState().colleagues),
    attachmentsFor: (conversationId) => attachments.getState().readyFor(conversationId),
    attachmentsSent: (conversationId) => attachments.getState().sent(conversationId),
    emailFor: (conversationId) => emailCompose.getState().fieldsFor(conversationId),
    emailSent: (conversationId) => emailCompose.getState().sent(conversationId),
    checksFor: (conversationId) => (replyChecks.getState().conversationId === conversationId ? replyChecks.getState().sendingChecks() : undefined),
    checksSent: () => replyChecks.getState().reset(),
    onResolveHeld: (resolved, undoWindowMs) => resolveUndo.getState().offer(resolved, undoWindowMs),
  });
  const search = createSearchStore(client);
  const notices = createNoticesStore(client);
  const replyPreview = createReplyPreviewStore(client);
  const models = createModelsStore(client);
  const translationRoutes = createTranslationRoutesStore(client);
  const serviceNotes = createServiceNotesStore(client);
  const cannedReplies = createCannedRepliesStore(client);
  const knowledge = createKnowledgeStore(client);
  const supervisor = createSupervisorStore(client);
  const admin = createAdminStore(client);
  const softphone = createSoftphoneStore(client, [createWebRtcAdapter(client)], () => conversation.getState().conversationId);
  const channelAccounts = createChannelAccountsStore(client);
  const customer = createCustomerStore(client);
  const replyTemplates = createReplyTemplatesStore(client);
  const newEmail = createNewEmailStore(client, attachments.getState(), (conversationId) => inbox.getState().select(conversationId));
  const privacy = createPrivacyStore(client);
  const twoFactor = createTwoFactorStore(client);
  const desktop = createDesktopStore(client);
  const views = createViewsStore(client);
  const stores: Stores = { views, resolveUndo, desktop, twoFactor, session, inbox, conversation, search, notices, replyPreview, replyChecks, translationRoutes, models, serviceNotes, cannedReplies, knowledge, mentions, supervisor, admin, softphone, channelAccounts, customer, replyTemplates, attachments, emailCompose, newEmail, privacy };

  const followSelection = inbox.subscribe((state, previous) => {
    if (state.selectedId === previous.selectedId) return;
    replyPreview.getState().reset();
    replyChecks.getState().reset();
    cannedReplies.getState().close();
    mentions.getState().close();
    // Opening a conversation leaves the live view and the privacy register for it.
    if (state.selectedId) supervisor.getState().close();
    if (state.selectedId) privacy.getState().close();
    void conversation.getState().open(state.selectedId);
    void serviceNotes.getState().load(state.selectedId);
    void knowledge.getState().suggest(state.selectedId);
  });

  const followAgent = session.subscribe((state, previous) => {
    const agentId = state.agent?.id ?? null;
    if (agentId === (previous.agent?.id ?? null)) return;
    inbox.getState().reset();
    conversation.getState().reset();
    resolveUndo.getState().dismiss();
    search.getState().clear();
    notices.getState().reset();
    replyPreview.getState().reset();
    replyChecks.getState().reset();
    translationRoutes.getState().reset();
    if (agentId) void translationRoutes.getState().load();
    void serviceNotes.getState().load(null);
    // Another agent's search, article or unsaved edit must not greet the next one.
    void knowledge.getState().search('');
    knowledge.getState().cancelEdit();
    mentions.getState().reset();
    supervisor.getState().close();
    admin.getState().reset();
    channelAccounts.getState().reset();
    privacy.getState().reset();
    if (agentId) void privacy.getState().loadAccess();
    if (agentId) void softphone.getState().start().then(() => addPhoneProviders(client, softphone));
    else void softphone.getState().stop();
    views.getState().reset();
    if (agentId) void Promise.all([inbox.getState().refresh(), notices.getState().load(), mentions.getState().load(), views.getState().load()]);
  });

  // An answered call opens its conversation, with the customer's history beside it; a call
  // transferred here brings its conversation a moment after the answer, so it opens on arrival.
  let openOnArrival: string | null = null;
  const openCallConversation = (conversationId: string) => {
    const here = inbox.getState().conversations.some((c) => c.id === conversationId);
    openOnArrival = here ? null : conversationId;
    if (here) inbox.getState().select(conversationId);
  };
  const followCall = softphone.subscribe((state, previous) => {
    const call = state.current;
    if (call?.state === 'connecting' && previous.current?.state !== 'connecting' && call.conversationId) openCallConversation(call.conversationId);
  });
  const followArrivals = inbox.subscribe((state, previous) => {
    if (openOnArrival && state.conversations !== previous.conversations) openCallConversation(openOnArrival);
  });

  // The customer beside the open conversation: kept while another conversation of theirs loads, changed with the customer.
  const followCustomer = conversation.subscribe((state) => {
    const customerId = state.conversationId === null ? null : state.conversation?.customerId;
    if (customerId !== undefined && customerId !== customer.getState().customerId) void customer.getState().load(customerId);
  });

  // The live view and the privacy register take the same place: opening one closes the other.
  const oneScreen = [
    supervisor.subscribe((state, previous) => {
      if (state.open && !previous.open) privacy.getState().close();
    }),
    privacy.subscribe((state, previous) => {
      if (state.open && !previous.open) supervisor.getState().close();
    }),
  ];
  // New reminders reach the Privacy button while the register is closed.
  const registerTimer = setInterval(() => void privacy.getState().refresh(), REGISTER_REFRESH_MS);

  const unsubscribers = [
    () => clearInterval(registerTimer),
    ...oneScreen,
    followSelection,
    followCustomer,
    followAgent,
    followCall,
    followArrivals,
    ...followDesktop(client, { session, inbox, softphone, desktop }),
    client.on('conversations.changed', ({ conversationIds }) => {
      if (!session.getState().agent) return;
      void inbox.getState().refresh();
      const openId = conversation.getState().conversationId;
      if (openId && conversationIds.includes(openId)) {
        void conversation.getState().refresh();
        void serviceNotes.getState().load(openId);
        void knowledge.getState().suggest(openId);
      }
    }),
    client.on('views.changed', (counts) => {
      if (session.getState().agent) views.getState().apply(counts);
    }),
    // A deleted saved filter cannot stay the inbox's view.
    views.subscribe((state) => {
      const view = inbox.getState().view;
      if (view.kind === 'saved' && state.counts && !state.counts.saved.some((s) => s.filter.id === view.filterId)) void inbox.getState().setView({ kind: 'all' });
    }),
    client.on('articles.changed', () => {
      if (session.getState().agent) void knowledge.getState().articlesChanged();
    }),
    client.on('messages.changed', ({ conversationId }) => {
      if (conversation.getState().conversationId === conversationId) void conversation.getState().refresh();
    }),
    client.on('customers.changed', ({ customerIds }) => {
      const shown = customer.getState().customerId;
      if (shown && customerIds.includes(shown)) void customer.getState().refresh();
    }),
    // A new conversation of the customer, or one that changed, shows in their list.
    client.on('conversations.changed', () => {
      if (customer.getState().customerId) void customer.getState().refresh();
    }),
    client.on('notices.changed', ({ notices: shown }) => notices.getState().apply(shown)),
    client.on('models.changed', (list) => {
      models.getState().apply(list);
      if (session.getState().agent) void translationRoutes.getState().load();
    }),
    client.on('connection.changed', (connection) => {
      session.getState().applyConnection(connection);
      // Each welcome brings the relay's directory: colleagues may have joined or left.
      if (connection.state === 'online' && session.getState().agent) void mentions.getState().load();
    }),
    client.on('presence.changed', ({ presence, reason, until }) => session.getState().applyPresence(presence, reason, until)),
    client.on('session.changed', ({ agent }) => {
      session.getState().applyAgent(agent);
      if (agent) void session.getState().load();
    }),
    client.onHostLink((up) => {
      session.getState().applyHostLink(up);
      if (up) void refetchAll(stores);
    }),
  ];

  return { stores, disconnect: () => unsubscribers.forEach((unsubscribe) => unsubscribe()) };
}

/** After the host link came back, events may have been missed: read everything shown again. */
async function refetchAll({ session, inbox, conversation, notices, views }: Stores): Promise<void> {
  const before = session.getState().agent?.id ?? null;
  await session.getState().load();
  const after = session.getState().agent?.id ?? null;
  // A changed agent already triggered a fresh load through the subscription above.
  if (after && after === before) {
    await Promise.all([inbox.getState().refresh(), conversation.getState().refresh(), notices.getState().load(), views.getState().load()]);
  }
}
