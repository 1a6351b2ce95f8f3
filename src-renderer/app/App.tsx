import { lazy, Suspense, useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConversationView } from '../conversation/ConversationView.js';
import { ResolveUndoToast } from '../conversation/ResolveUndoToast.js';
import { useResolveUndoStore } from '../conversation/resolve-undo-store.js';
import { CustomerPanel } from '../customer/CustomerPanel.js';
import { Inbox } from '../inbox/Inbox.js';
import { NewActivityAnnouncer } from '../inbox/NewActivityAnnouncer.js';
import { NoticesBar } from '../notices/NoticesBar.js';
import { UpdateNotice } from '../desktop/UpdateNotice.js';
import { LoginScreen } from '../session/LoginScreen.js';
import { TopBar } from '../session/TopBar.js';
import { ModelsPanel } from '../settings/ModelsPanel.js';
import { TwoFactorDialog } from '../session/TwoFactorDialog.js';
import { ShortcutsHelp } from '../shortcuts/ShortcutsHelp.js';
import { PhonePanel } from '../softphone/PhonePanel.js';
import { Softphone } from '../softphone/Softphone.js';
import { useShortcuts, type ShortcutActions } from '../shortcuts/use-shortcuts.js';
import { useConversationStore } from '../state/conversation-store.js';
import { useInboxStore } from '../state/inbox-store.js';
import { useSession, useSessionStore } from '../state/session-store.js';
import { useSupervisor } from '../supervisor/supervisor-store.js';
import { usePrivacy } from '../privacy/privacy-store.js';
import { PrivacyRequestsView } from '../privacy/PrivacyRequestsView.js';

// Supervisors' and administrators' views (with Chart.js) load only when opened.
const SupervisorView = lazy(() => import('../supervisor/SupervisorView.js').then((module) => ({ default: module.SupervisorView })));

export function App() {
  const status = useSession((s) => s.status);
  switch (status) {
    case 'loading':
      return <Notice titleKey="app.loading" />;
    case 'unreachable':
      return <Unreachable />;
    case 'signed-out':
      return <LoginScreen />;
    case 'signed-in':
      return <Workstation />;
  }
}

function Workstation() {
  const inbox = useInboxStore();
  const conversation = useConversationStore();
  const resolveUndo = useResolveUndoStore();
  const listRef = useRef<HTMLDivElement>(null);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [modelsOpen, setModelsOpen] = useState(false);
  const [phoneOpen, setPhoneOpen] = useState(false);
  const [twoFactorOpen, setTwoFactorOpen] = useState(false);
  const liveOpen = useSupervisor((s) => s.open);
  const privacyOpen = usePrivacy((s) => s.open);

  const focusList = useCallback(() => listRef.current?.focus({ preventScroll: true }), []);
  const actions = useMemo<ShortcutActions>(
    () => ({
      next: () => {
        inbox.getState().selectNext();
        focusList();
      },
      previous: () => {
        inbox.getState().selectPrevious();
        focusList();
      },
      reply: () => composerRef.current?.focus(),
      resolve: () => {
        if (conversation.getState().conversation) void conversation.getState().setStatus('resolved');
      },
      undo: () => void resolveUndo.getState().undo(),
      search: () => {
        searchRef.current?.focus();
        searchRef.current?.select();
      },
      help: () => setHelpOpen((open) => !open),
    }),
    [inbox, conversation, resolveUndo, focusList],
  );
  useShortcuts(actions, helpOpen || modelsOpen || phoneOpen || twoFactorOpen);

  return (
    <div className="workstation">
      <TopBar searchRef={searchRef} onShowShortcuts={() => setHelpOpen(true)} onShowModels={() => setModelsOpen(true)} onShowPhone={() => setPhoneOpen(true)} onShowTwoFactor={() => setTwoFactorOpen(true)} onLeaveSearch={focusList} />
      <NoticesBar />
      <NewActivityAnnouncer />
      <UpdateNotice />
      <Softphone />
      <main className="workspace">
        <Inbox listRef={listRef} />
        {privacyOpen ? (
          <PrivacyRequestsView />
        ) : liveOpen ? (
          <Suspense fallback={null}>
            <SupervisorView />
          </Suspense>
        ) : (
          <div className="conversation-with-customer">
            <ConversationView composerRef={composerRef} onLeaveComposer={focusList} />
            <CustomerPanel />
          </div>
        )}
      </main>
      <ShortcutsHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
      <ModelsPanel open={modelsOpen} onClose={() => setModelsOpen(false)} />
      <PhonePanel open={phoneOpen} onClose={() => setPhoneOpen(false)} />
      <TwoFactorDialog open={twoFactorOpen} onClose={() => setTwoFactorOpen(false)} />
      <ResolveUndoToast />
    </div>
  );
}

function Unreachable() {
  const { t } = useTranslation();
  const session = useSessionStore();
  const loadError = useSession((s) => s.loadError);
  return (
    <Notice titleKey="app.unreachable">
      <p>{t('app.unreachableHint')}</p>
      {loadError && <p className="notice-detail">{loadError}</p>}
      <button type="button" className="button button--primary" onClick={() => void session.getState().load()}>
        {t('app.retry')}
      </button>
    </Notice>
  );
}

export function MissingKey() {
  const { t } = useTranslation();
  return (
    <Notice titleKey="app.missingKey">
      <p>{t('app.missingKeyHint')}</p>
    </Notice>
  );
}

function Notice({ titleKey, children }: { titleKey: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <main className="notice">
      <div className="notice-card">
        <p className="notice-brand">{t('app.name')}</p>
        <h1 className="notice-title">{t(titleKey)}</h1>
        {children}
      </div>
    </main>
  );
}
