import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SipAccount } from '../../src-shared/protocol/phone-settings.js';
import { useSoftphone, useSoftphoneStore } from './softphone-store.js';
import { DevicePickers, KEYPAD } from './Softphone.js';

/** The phone's settings and dial pad: which lines are up, placing a call, devices, and the agent's SIP account. */
export function PhonePanel({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const lines = useSoftphone((s) => s.lines);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (open && dialog && !dialog.open) dialog.showModal();
    if (!open && dialog?.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={dialogRef} className="dialog phone-panel" data-testid="phone-panel" aria-labelledby="phone-title" onClose={onClose}>
      <h2 id="phone-title">{t('phone.title')}</h2>
      <ul className="phone-lines">
        {lines.map((line) => (
          <li key={line.provider} data-testid="phone-line" data-provider={line.provider} data-status={line.status}>
            {t(`phone.provider.${line.provider}`)}: {t(`phone.status.${line.status}`)}
            {line.error && <span className="softphone-error"> {line.error}</span>}
          </li>
        ))}
      </ul>
      {open && <DialPad onDialled={onClose} />}
      {open && <DevicePickers />}
      {open && <SipAccountForm />}
      <button type="button" className="button button--quiet" onClick={onClose}>
        {t('phone.close')}
      </button>
    </dialog>
  );
}

function DialPad({ onDialled }: { onDialled: () => void }) {
  const { t } = useTranslation();
  const softphone = useSoftphoneStore();
  const canDial = useSoftphone((s) => s.lines.some((line) => line.provider !== 'webrtc' && line.status === 'ready'));
  const [target, setTarget] = useState('');
  const dial = async () => {
    await softphone.getState().dial(target.trim());
    if (softphone.getState().current) onDialled();
  };
  return (
    <section className="phone-section" aria-labelledby="phone-dial-title">
      <h3 id="phone-dial-title">{t('phone.dialTitle')}</h3>
      {!canDial && <p className="admin-hint">{t('phone.noDialLine')}</p>}
      <div className="softphone-row">
        <input className="input" data-testid="phone-dial-input" aria-label={t('phone.dialTarget')} placeholder="+44 20 7946 0000" value={target} onChange={(e) => setTarget(e.target.value)} />
        <button type="button" className="button button--primary" data-testid="phone-dial" disabled={!canDial || target.trim() === ''} onClick={() => void dial()}>
          {t('phone.call')}
        </button>
      </div>
      <div className="softphone-keypad">
        {KEYPAD.map((key) => (
          <button key={key} type="button" className="button button--quiet" onClick={() => setTarget(target + key)}>
            {key}
          </button>
        ))}
      </div>
    </section>
  );
}

const EMPTY = { server: '', uri: '', authorizationUser: '', displayName: '', password: '' };

/** The agent's SIP account; saving reloads the window, whose CSP then lets this PBX through. */
function SipAccountForm() {
  const { t } = useTranslation();
  const softphone = useSoftphoneStore();
  const [fields, setFields] = useState(EMPTY);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void softphone.getState().sipAccount().then((account) => {
      if (account) setFields({ ...EMPTY, ...account });
    });
  }, [softphone]);
  const field = (name: keyof typeof EMPTY, type = 'text') => (
    <label className="field admin-field">
      <span className="field-label">{t(`phone.sip.${name}`)}</span>
      <input className="input" type={type} data-testid={`sip-${name}`} value={fields[name]} onChange={(e) => setFields({ ...fields, [name]: e.target.value })} />
    </label>
  );
  const save = async (account: SipAccount | null) => {
    const refusal = await softphone.getState().saveSipAccount(account);
    if (refusal) return setError(refusal);
    location.reload();
  };
  const submit = () => {
    const parsed = SipAccount.safeParse(withoutBlanks(fields));
    if (!parsed.success) return setError(parsed.error.issues.map((issue) => issue.message).join('; '));
    void save(parsed.data);
  };
  return (
    <section className="phone-section" aria-labelledby="phone-sip-title">
      <h3 id="phone-sip-title">{t('phone.sip.title')}</h3>
      <p className="admin-hint">{t('phone.sip.hint')}</p>
      <div className="admin-grid">
        {field('server')}
        {field('uri')}
        {field('authorizationUser')}
        {field('displayName')}
        {field('password', 'password')}
      </div>
      {error && (
        <p className="softphone-error" role="alert">
          {error}
        </p>
      )}
      <div className="softphone-row">
        <button type="button" className="button button--primary" data-testid="sip-save" onClick={submit}>
          {t('phone.sip.save')}
        </button>
        <button type="button" className="button button--quiet" data-testid="sip-remove" onClick={() => void save(null)}>
          {t('phone.sip.remove')}
        </button>
      </div>
    </section>
  );
}

function withoutBlanks(fields: typeof EMPTY): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([name, value]) => value.trim() !== '' || name === 'password'));
}
