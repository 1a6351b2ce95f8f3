import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TwoFactorCode } from '../../src-shared/protocol/two-factor.js';
import { QrCode } from './QrCode.js';
import { useTwoFactor, useTwoFactorStore } from './two-factor-store.js';

/**
 * Setting up two-factor sign-in: the QR code and key of a new secret, the confirming code, then
 * the recovery codes, shown once. `onDone` follows the recovery codes (a sign-in that waited for
 * this completes there). With it on, a current code turns it off where the company allows.
 */
export function TwoFactorSetup({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const store = useTwoFactorStore();
  const { status, enrolment, recoveryCodes, busy, error } = useTwoFactor((s) => s);
  const [code, setCode] = useState('');

  useEffect(() => {
    store.getState().reset();
    void store.getState().load();
  }, [store]);

  function submit(event: FormEvent, action: 'confirm' | 'disable'): void {
    event.preventDefault();
    const parsed = TwoFactorCode.safeParse(code);
    if (!parsed.success) return;
    setCode('');
    void store.getState()[action](parsed.data);
  }

  const codeField = (
    <label className="field">
      <span className="field-label">{t('twoFactor.code')}</span>
      <input data-testid="two-factor-code" className="input" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
    </label>
  );
  return (
    <section className="two-factor" data-testid="two-factor" aria-labelledby="two-factor-title">
      <h2 id="two-factor-title">{t('twoFactor.title')}</h2>
      {error && (
        <p className="login-error" role="alert" data-testid="two-factor-error">
          {error}
        </p>
      )}
      {recoveryCodes ? (
        <>
          <h3>{t('twoFactor.recoveryTitle')}</h3>
          <p>{t('twoFactor.recoveryIntro')}</p>
          <ul className="two-factor-codes" data-testid="two-factor-recovery-codes">
            {recoveryCodes.map((recovery) => (
              <li key={recovery}>
                <code>{recovery}</code>
              </li>
            ))}
          </ul>
          <button type="button" data-testid="two-factor-done" className="button button--primary" onClick={onDone}>
            {t('twoFactor.done')}
          </button>
        </>
      ) : enrolment ? (
        <form onSubmit={(event) => submit(event, 'confirm')}>
          <p>{t('twoFactor.intro')}</p>
          <QrCode text={enrolment.uri} label={t('twoFactor.qr')} />
          <p>
            {t('twoFactor.key')}: <code data-testid="two-factor-key">{enrolment.secret}</code>
          </p>
          {codeField}
          <button type="submit" data-testid="two-factor-confirm" className="button button--primary" disabled={busy}>
            {t('twoFactor.confirm')}
          </button>
        </form>
      ) : status?.enabled ? (
        <form onSubmit={(event) => submit(event, 'disable')}>
          <p data-testid="two-factor-on">
            {t('twoFactor.enabled')} {status.required && t('twoFactor.required')}
          </p>
          {!status.required && (
            <>
              {codeField}
              <button type="submit" className="button" disabled={busy}>
                {t('twoFactor.disable')}
              </button>
            </>
          )}
        </form>
      ) : (
        <>
          <p>{t('twoFactor.off')}</p>
          <button type="button" data-testid="two-factor-start" className="button button--primary" disabled={busy} onClick={() => void store.getState().start()}>
            {t('twoFactor.start')}
          </button>
        </>
      )}
    </section>
  );
}
