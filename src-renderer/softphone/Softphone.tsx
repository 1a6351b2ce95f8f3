import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WRAP_UP_CODES, WrapUpCode } from '../../src-shared/domain/model.js';
import { callDuration } from '../format/duration.js';
import { useNow } from '../format/use-now.js';
import { useSoftphone, useStores } from '../state/stores-context.js';
import type { CallView } from '../state/softphone-store.js';
import './softphone.css';

export const KEYPAD = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** The softphone bar: a ringing call, the call that is up with its controls, or its wrap-up. */
export function Softphone() {
  const { t } = useTranslation();
  const current = useSoftphone((s) => s.current);
  const wrapUp = useSoftphone((s) => s.wrapUp);
  const error = useSoftphone((s) => s.error);
  if (!current && !wrapUp) return null;
  return (
    <section className="softphone" data-testid="softphone" data-state={current?.state ?? 'wrap-up'} aria-label={t('call.title')}>
      {current?.state === 'ringing' && <Ringing call={current} />}
      {current && current.state !== 'ringing' && <InCall call={current} />}
      {!current && wrapUp && <WrapUpForm />}
      {error && (
        <p className="softphone-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function Ringing({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const { softphone } = useStores();
  return (
    <div className="softphone-row" role="alert">
      <span className="softphone-ring" aria-hidden="true" />
      <strong dir="auto">{call.remote}</strong>
      <span>{t(`call.incoming.${call.provider}`)}</span>
      <button type="button" className="button button--primary" data-testid="call-accept" onClick={() => void softphone.getState().answer()}>
        {t('call.accept')}
      </button>
      <button type="button" className="button button--quiet" data-testid="call-decline" onClick={() => softphone.getState().decline()}>
        {t('call.decline')}
      </button>
    </div>
  );
}

function InCall({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const { softphone } = useStores();
  const now = useNow(1000);
  const [keypad, setKeypad] = useState(false);
  return (
    <>
      <div className="softphone-row">
        <strong dir="auto">{call.remote}</strong>
        <span data-testid="call-state">{t(`call.state.${call.state}`)}</span>
        <span className="softphone-timer" data-testid="call-timer">
          {call.answeredAt === null ? '' : callDuration(Math.floor((now - call.answeredAt) / 1000))}
        </span>
        <button type="button" className="button button--quiet" data-testid="call-mute" aria-pressed={call.muted} onClick={() => softphone.getState().toggleMute()}>
          {t(call.muted ? 'call.unmute' : 'call.mute')}
        </button>
        <button type="button" className="button button--quiet" data-testid="call-hold" aria-pressed={call.held} disabled={call.state === 'connecting'} onClick={() => void softphone.getState().toggleHold()}>
          {t(call.held ? 'call.resume' : 'call.hold')}
        </button>
        <button type="button" className="button button--quiet" data-testid="call-keypad" aria-expanded={keypad} onClick={() => setKeypad(!keypad)}>
          {t('call.keypad')}
        </button>
        <button type="button" className="button softphone-hang-up" data-testid="call-hang-up" onClick={() => softphone.getState().hangup()}>
          {t('call.hangUp')}
        </button>
      </div>
      {keypad && (
        <div className="softphone-keypad" role="group" aria-label={t('call.keypad')}>
          {KEYPAD.map((key) => (
            <button key={key} type="button" className="button button--quiet" onClick={() => softphone.getState().sendDigits(key)}>
              {key}
            </button>
          ))}
        </div>
      )}
      <DevicePickers />
    </>
  );
}

/** Microphone and speaker; labels appear once the microphone is allowed, so they are read when a call is up. */
export function DevicePickers() {
  const { t } = useTranslation();
  const { softphone } = useStores();
  const inputs = useSoftphone((s) => s.inputs);
  const outputs = useSoftphone((s) => s.outputs);
  const inputId = useSoftphone((s) => s.inputId);
  const outputId = useSoftphone((s) => s.outputId);
  useEffect(() => {
    void softphone.getState().loadDevices();
  }, [softphone]);
  return (
    <div className="softphone-row softphone-devices">
      <label>
        {t('call.microphone')}{' '}
        <select data-testid="call-microphone" value={inputId} onChange={(e) => void softphone.getState().chooseDevices({ inputId: e.target.value })}>
          <option value="">{t('call.systemDefault')}</option>
          {inputs.map((device) => (
            <option key={device.id} value={device.id}>
              {device.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('call.speaker')}{' '}
        <select data-testid="call-speaker" value={outputId} onChange={(e) => void softphone.getState().chooseDevices({ outputId: e.target.value })}>
          <option value="">{t('call.systemDefault')}</option>
          {outputs.map((device) => (
            <option key={device.id} value={device.id}>
              {device.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function WrapUpForm() {
  const { t } = useTranslation();
  const { softphone } = useStores();
  const [code, setCode] = useState<WrapUpCode>('resolved');
  const [notes, setNotes] = useState('');
  return (
    <form
      className="softphone-row softphone-wrap-up"
      data-testid="call-wrap-up-form"
      onSubmit={(event) => {
        event.preventDefault();
        void softphone.getState().saveWrapUp(code, notes);
      }}
    >
      <strong>{t('call.wrapUpTitle')}</strong>
      <select data-testid="call-wrap-up-code" aria-label={t('call.wrapUpCode')} value={code} onChange={(e) => setCode(WrapUpCode.catch('other').parse(e.target.value))}>
        {WRAP_UP_CODES.map((option) => (
          <option key={option} value={option}>
            {t(`call.wrapUp.${option}`)}
          </option>
        ))}
      </select>
      <textarea className="input" data-testid="call-wrap-up-notes" rows={2} maxLength={4000} placeholder={t('call.notesPlaceholder')} value={notes} onChange={(e) => setNotes(e.target.value)} />
      <button type="submit" className="button button--primary" data-testid="call-wrap-up-save">
        {t('call.saveWrapUp')}
      </button>
    </form>
  );
}
