import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { methods } from '../../src-shared/api/contract.js';
import { useSession, useSessionStore } from '../state/session-store.js';
import { LanguagePicker } from './LanguagePicker.js';
import { SsoSignIn } from './SsoSignIn.js';
import { TwoFactorSetup } from './TwoFactorSetup.js';
import './session.css';

export function LoginScreen() {
  const { t } = useTranslation();
  const session = useSessionStore();
  const loggingIn = useSession((s) => s.loggingIn);
  const loginError = useSession((s) => s.loginError);
  const twoFactorStep = useSession((s) => s.twoFactorStep);
  const [code, setCode] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [incomplete, setIncomplete] = useState(false);

  useEffect(() => {
    void session.getState().loadSsoProviders();
  }, [session]);

  function submit(event: FormEvent): void {
    event.preventDefault();
    const login = methods['session.login'].input.safeParse(twoFactorStep === 'code' ? { email, password, code } : { email, password });
    setIncomplete(!login.success);
    if (login.success) void session.getState().login(login.data.email, login.data.password, login.data.code);
  }

  if (twoFactorStep === 'enrol') {
    return (
      <main className="login">
        <div className="login-card">
          <p className="login-subtitle" role="status">
            {t('login.enrolRequired')}
          </p>
          <TwoFactorSetup onDone={() => void session.getState().finishTwoFactor()} />
        </div>
      </main>
    );
  }

  const error = incomplete ? t('login.incomplete') : loginError;
  return (
    <main className="login">
      {/* Checked here with the contract's schema, so the message is ours and not the browser's. */}
      <form className="login-card" onSubmit={submit} noValidate aria-labelledby="login-title">
        <div className="login-language">
          <LanguagePicker />
        </div>
        <p className="login-brand">{t('app.name')}</p>
        <h1 id="login-title" className="login-title">
          {t('login.title')}
        </h1>
        <p className="login-subtitle">{t('login.subtitle')}</p>
        <label className="field">
          <span className="field-label">{t('login.email')}</span>
          <input
            data-testid="login-email"
            className="input"
            type="email"
            autoComplete="username"
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'login-error' : undefined}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('login.password')}</span>
          <input
            data-testid="login-password"
            className="input"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'login-error' : undefined}
          />
        </label>
        {twoFactorStep === 'code' && (
          <label className="field">
            <span className="field-label">{t('login.code')}</span>
            <input
              data-testid="login-code"
              className="input"
              inputMode="numeric"
              autoComplete="one-time-code"
              autoFocus
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
            <span className="field-hint">{t('login.codeHint')}</span>
          </label>
        )}
        {error && (
          <p id="login-error" data-testid="login-error" className="login-error" role="alert">
            {error}
          </p>
        )}
        <button data-testid="login-submit" type="submit" className="button button--primary login-submit" disabled={loggingIn}>
          {loggingIn ? t('login.submitting') : t('login.submit')}
        </button>
        <SsoSignIn />
      </form>
    </main>
  );
}
