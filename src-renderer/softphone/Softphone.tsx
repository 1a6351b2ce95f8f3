import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WRAP_UP_CODES, WrapUpCode } from '../../src-shared/domain/model.js';
import { callDuration } from '../format/duration.js';
import { useNow } from '../format/use-now.js';
import { useMentions } from '../conversation/mentions-store.js';
import type { TransferMode, TransferTarget } from './phone-adapter.js';
import { useSoftphone, useSoftphoneStore, type AudioDevice, type CallView } from './softphone-store.js';
import { useRingtone } from './ringtone.js';
import './softphone.css';

export const KEYPAD = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** The softphone bar: a ringing call, the call that is up with its controls, or its wrap-up. */
export function Softphone() {
  const { t } = useTranslation();
  const current = useSoftphone((s) => s.current);
  const wrapUp = useSoftphone((s) => s.wrapUp);
  const error = useSoftphone((s) => s.error);
  useRingtone(current?.state === 'ringing');
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
  const softphone = useSoftphoneStore();
  const from = call.transferredBy;
  return (
    <div className="softphone-row" role="alert">
      <span className="softphone-ring" aria-hidden="true" />
      <strong dir="auto">{call.remote}</strong>
      <span>{t(`call.incoming.${call.provider}`)}</span>
      {from && (
        <span className="softphone-transferred" data-testid="call-transferred-by" dir="auto">
          {t('call.transferredBy', { name: from.fromName })}
          {from.note && `: ${from.note}`}
        </span>
      )}
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
  const { t, i18n } = useTranslation();
  const softphone = useSoftphoneStore();
  const now = useNow(1000);
  const [keypad, setKeypad] = useState(false);
  const [transferOpen, setTransferOpen] = useState(false);
  return (
    <>
      <div className="softphone-row">
        <strong dir="auto">{call.remote}</strong>
        <span data-testid="call-state">{t(`call.state.${call.state}`)}</span>
        <span className="softphone-timer" data-testid="call-timer">
          {call.answeredAt === null ? '' : callDuration(Math.floor((now - call.answeredAt) / 1000), i18n.language)}
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
        <button type="button" className="button button--quiet" data-testid="call-transfer" aria-expanded={transferOpen} disabled={call.state === 'connecting' || call.transferring} onClick={() => setTransferOpen(!transferOpen)}>
          {t('call.transfer')}
        </button>
        <button type="button" className="button softphone-hang-up" data-testid="call-hang-up" onClick={() => softphone.getState().hangup()}>
          {t('call.hangUp')}
        </button>
      </div>
      {call.transferring && (
        <p className="softphone-row" role="status" data-testid="call-transferring">
          {t('call.transferring')}
        </p>
      )}
      {transferOpen && !call.transferring && <TransferForm call={call} onDone={() => setTransferOpen(false)} />}
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

/** Hand the call on: to a colleague or a team (web calls), or to a number or SIP address (SIP). */
function TransferForm({ call, onDone }: { call: CallView; onDone: () => void }) {
  const { t } = useTranslation();
  const softphone = useSoftphoneStore();
  const [person, setPerson] = useState('');
  const [address, setAddress] = useState('');
  const [mode, setMode] = useState<TransferMode>('blind');
  const [note, setNote] = useState('');
  // Web calls go to colleagues and teams, SIP calls to addresses, Twilio calls to either.
  const toPeople = call.provider !== 'sip';
  const toAddress = call.provider !== 'webrtc';
  const submit = async () => {
    await softphone.getState().transfer(transferTarget(person, address), mode, note.trim());
    onDone();
  };
  return (
    <form
      className="softphone-row softphone-transfer"
      data-testid="call-transfer-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {toPeople && <PeopleSelect value={person} onChange={setPerson} />}
      {toAddress && (
        <input className="input" data-testid="call-transfer-address" aria-label={t('call.transferAddress')} placeholder="+4930123456 / sip:2002@pbx" value={address} onChange={(e) => setAddress(e.target.value)} />
      )}
      <select data-testid="call-transfer-mode" aria-label={t('call.transferMode')} value={mode} onChange={(e) => setMode(e.target.value === 'warm' ? 'warm' : 'blind')}>
        <option value="blind">{t('call.blind')}</option>
        <option value="warm">{t('call.warm')}</option>
      </select>
      <input className="input" data-testid="call-transfer-note" aria-label={t('call.transferNote')} placeholder={t('call.transferNote')} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      <button type="submit" className="button button--primary" data-testid="call-transfer-go" disabled={person === '' && address.trim() === ''}>
        {t('call.transferGo')}
      </button>
    </form>
  );
}

/** A colleague ("agent:<id>") or a team ("team:<id>") picked, else the address typed. */
function transferTarget(person: string, address: string): TransferTarget {
  const [kind, id = ''] = person.split(':', 2);
  if (kind === 'team') return { teamId: id };
  if (kind === 'agent') return { agentId: id };
  return { address: address.trim() };
}

function PeopleSelect({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const colleagues = useMentions((s) => s.colleagues);
  const teams = useMentions((s) => s.teams);
  return (
    <select data-testid="call-transfer-target" aria-label={t('call.transferTo')} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('call.transferTo')}</option>
      <optgroup label={t('call.colleagues')}>
        {colleagues
          .filter((colleague) => colleague.role !== 'admin')
          .map((colleague) => (
            <option key={colleague.id} value={`agent:${colleague.id}`}>
              {colleague.name}
            </option>
          ))}
      </optgroup>
      <optgroup label={t('call.teams')}>
        {teams.map((team) => (
          <option key={team.id} value={`team:${team.id}`}>
            {team.name}
          </option>
        ))}
      </optgroup>
    </select>
  );
}

/** Microphone and speaker; labels appear once the microphone is allowed, so they are read when a call is up. */
export function DevicePickers() {
  const { t } = useTranslation();
  const softphone = useSoftphoneStore();
  const inputs = useSoftphone((s) => s.inputs);
  const outputs = useSoftphone((s) => s.outputs);
  const inputId = useSoftphone((s) => s.inputId);
  const outputId = useSoftphone((s) => s.outputId);
  useEffect(() => {
    void softphone.getState().loadDevices();
  }, [softphone]);
  return (
    <div className="softphone-row softphone-devices">
      <DeviceSelect label={t('call.microphone')} testId="call-microphone" devices={inputs} value={inputId} onChange={(id) => void softphone.getState().chooseDevices({ inputId: id })} />
      <DeviceSelect label={t('call.speaker')} testId="call-speaker" devices={outputs} value={outputId} onChange={(id) => void softphone.getState().chooseDevices({ outputId: id })} />
    </div>
  );
}

function DeviceSelect(props: { label: string; testId: string; devices: AudioDevice[]; value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <label>
      {props.label}{' '}
      <select data-testid={props.testId} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{t('call.systemDefault')}</option>
        {props.devices.map((device) => (
          <option key={device.id} value={device.id}>
            {device.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function WrapUpForm() {
  const { t } = useTranslation();
  const softphone = useSoftphoneStore();
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
