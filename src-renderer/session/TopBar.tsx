import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { PrivacyButton } from '../privacy/PrivacyButton.js';
import { SearchBox } from '../search/SearchBox.js';
import { useSession, useSessionStore } from '../state/session-store.js';
import { useSupervisor, useSupervisorStore } from '../supervisor/supervisor-store.js';
import { ConnectionIndicator } from './ConnectionIndicator.js';
import { LanguagePicker } from './LanguagePicker.js';
import { PresenceSelect } from './PresenceSelect.js';
import { WipeDeviceButton } from './WipeDeviceButton.js';
import { ModelFetchProgress } from '../settings/ModelFetchProgress.js';
import './session.css';

interface TopBarProps {
  searchRef: RefObject<HTMLInputElement | null>;
  onShowShortcuts: () => void;
  onShowModels: () => void;
  onShowPhone: () => void;
  onShowTwoFactor: () => void;
  onLeaveSearch: () => void;
}

export function TopBar({ searchRef, onShowShortcuts, onShowModels, onShowPhone, onShowTwoFactor, onLeaveSearch }: TopBarProps) {
  const { t } = useTranslation();
  const session = useSessionStore();
  const agent = useSession((s) => s.agent);
  const actionError = useSession((s) => s.actionError);
  const hostLinked = useSession((s) => s.hostLinked);
  const supervisor = useSupervisorStore();
  const liveOpen = useSupervisor((s) => s.open);
  const steers = agent !== null && agent.role !== 'agent';

  return (
    <>
      <header className="top-bar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('app.name')}</span>
        </div>
        <SearchBox inputRef={searchRef} onLeave={onLeaveSearch} />
        <div className="top-bar-end">
          <ConnectionIndicator />
          <PresenceSelect />
          <span className="agent-name" title={agent ? t('topBar.signedInAs', { name: agent.email }) : undefined}>
            {agent?.name}
          </span>
          {steers && (
            <button
              type="button"
              data-testid="open-live"
              aria-pressed={liveOpen}
              className={`button ${liveOpen ? 'button--primary' : 'button--quiet'}`}
              onClick={() => (liveOpen ? supervisor.getState().close() : supervisor.getState().show())}
            >
              {t('topBar.live')}
            </button>
          )}
          <PrivacyButton />
          <button type="button" data-testid="open-phone" className="button button--quiet" onClick={onShowPhone}>
            {t('topBar.phone')}
          </button>
          <button type="button" data-testid="open-models" className="button button--quiet" onClick={onShowModels}>
            {t('topBar.models')}
          </button>
          <button type="button" data-testid="open-two-factor" className="button button--quiet" onClick={onShowTwoFactor}>
            {t('twoFactor.open')}
          </button>
          <button type="button" data-testid="open-shortcuts" className="button button--quiet icon-button" onClick={onShowShortcuts} aria-label={t('topBar.shortcuts')} title={t('topBar.shortcuts')}>
            ?
          </button>
          <button type="button" data-testid="sign-out" className="button button--quiet" onClick={() => void session.getState().logout()}>
            {t('topBar.signOut')}
          </button>
          <LanguagePicker />
          <WipeDeviceButton />
        </div>
      </header>
      <ModelFetchProgress onOpen={onShowModels} />
      {!hostLinked && (
        <div className="banner banner--warning" role="status">
          {t('app.hostLost')}
        </div>
      )}
      {actionError && (
        <div className="banner banner--error" role="alert">
          {actionError}
        </div>
      )}
    </>
  );
}
