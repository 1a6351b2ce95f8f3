import { useTranslation } from 'react-i18next';
import type { SsoProvider } from '../../src-shared/protocol/single-sign-on.js';
import { useSession, useSessionStore } from '../state/session-store.js';

/**
 * "Sign in with <provider>": the relay's sign-in opens in the browser (a new tab on the web
 * host; the system browser on the desktop, through its window-open handler) and this screen
 * waits for it. The token never passes through the browser: the workstation fetches it.
 */
export function SsoSignIn() {
  const { t } = useTranslation();
  const session = useSessionStore();
  const providers = useSession((s) => s.ssoProviders);
  const waiting = useSession((s) => s.ssoWaiting);
  if (providers.length === 0) return null;

  async function start(provider: SsoProvider): Promise<void> {
    const url = await session.getState().startSso(provider);
    if (url) window.open(url, '_blank', 'noopener');
  }

  if (waiting) {
    return (
      <div className="login-sso">
        <p data-testid="sso-waiting" className="login-subtitle" role="status">
          {t('login.ssoWaiting', { name: waiting.name })}
        </p>
        <button type="button" className="button" onClick={() => session.getState().cancelSso()}>
          {t('login.ssoCancel')}
        </button>
      </div>
    );
  }
  return (
    <div className="login-sso">
      <p className="login-sso-or">{t('login.ssoOr')}</p>
      {providers.map((provider) => (
        <button key={provider.tenantId} type="button" data-testid="sso-start" className="button login-submit" onClick={() => void start(provider)}>
          {t('login.sso', { name: provider.name })}
        </button>
      ))}
    </div>
  );
}
