import { cloneElement, type ReactElement, type ReactNode } from 'react';
import { adminContext } from '../admin/admin-store.js';
import { channelAccountsContext } from '../admin/channel-accounts-store.js';
import { attachmentsContext } from '../conversation/attachments-store.js';
import { emailComposeContext } from '../email/email-compose-store.js';
import { newEmailContext } from '../email/new-email-store.js';
import { cannedRepliesContext } from '../conversation/canned-replies-store.js';
import { mentionsContext } from '../conversation/mentions-store.js';
import { customerContext } from '../customer/customer-store.js';
import { replyPreviewContext } from '../conversation/reply-preview-store.js';
import { replyChecksContext } from '../conversation/reply-checks-store.js';
import { translationRoutesContext } from '../conversation/translation-routes-store.js';
import { replyTemplatesContext } from '../conversation/reply-templates-store.js';
import { serviceNotesContext } from '../conversation/service-notes-store.js';
import { knowledgeContext } from '../knowledge/knowledge-store.js';
import { noticesContext } from '../notices/notices-store.js';
import { searchContext } from '../search/search-store.js';
import { modelsContext } from '../settings/models-store.js';
import { softphoneContext } from '../softphone/softphone-store.js';
import { conversationContext } from '../state/conversation-store.js';
import { inboxContext } from '../state/inbox-store.js';
import { sessionContext } from '../state/session-store.js';
import { supervisorContext } from '../supervisor/supervisor-store.js';
import { privacyContext } from '../privacy/privacy-store.js';
import { twoFactorContext } from '../session/two-factor-store.js';
import { desktopContext } from '../desktop/desktop-store.js';
import { viewsContext } from '../views/views-store.js';
import type { Stores } from './stores.js';
import { resolveUndoContext } from '../conversation/resolve-undo-store.js';

/** Gives every store to the components below, each through its own feature's context. */
export function StoresProvider({ stores, children }: { stores: Stores; children: ReactNode }) {
  const providers: ReactElement<{ children?: ReactNode }>[] = [
    <sessionContext.Provider value={stores.session} />,
    <twoFactorContext.Provider value={stores.twoFactor} />,
    <inboxContext.Provider value={stores.inbox} />,
    <conversationContext.Provider value={stores.conversation} />,
    <searchContext.Provider value={stores.search} />,
    <noticesContext.Provider value={stores.notices} />,
    <replyPreviewContext.Provider value={stores.replyPreview} />,
    <replyChecksContext.Provider value={stores.replyChecks} />,
    <translationRoutesContext.Provider value={stores.translationRoutes} />,
    <modelsContext.Provider value={stores.models} />,
    <serviceNotesContext.Provider value={stores.serviceNotes} />,
    <cannedRepliesContext.Provider value={stores.cannedReplies} />,
    <knowledgeContext.Provider value={stores.knowledge} />,
    <mentionsContext.Provider value={stores.mentions} />,
    <supervisorContext.Provider value={stores.supervisor} />,
    <adminContext.Provider value={stores.admin} />,
    <softphoneContext.Provider value={stores.softphone} />,
    <channelAccountsContext.Provider value={stores.channelAccounts} />,
    <customerContext.Provider value={stores.customer} />,
    <replyTemplatesContext.Provider value={stores.replyTemplates} />,
    <attachmentsContext.Provider value={stores.attachments} />,
    <emailComposeContext.Provider value={stores.emailCompose} />,
    <newEmailContext.Provider value={stores.newEmail} />,
    <privacyContext.Provider value={stores.privacy} />,
    <desktopContext.Provider value={stores.desktop} />,
    <viewsContext.Provider value={stores.views} />,
    <resolveUndoContext.Provider value={stores.resolveUndo} />,
  ];
  // Nested, the first outermost; none of them ever changes value, so the order does not matter.
  return providers.reduceRight<ReactNode>((inside, provider) => cloneElement(provider, undefined, inside), children);
}
