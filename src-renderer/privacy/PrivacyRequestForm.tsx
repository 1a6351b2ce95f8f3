import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIVACY_REQUEST_KINDS, REQUEST_CHANNELS, PrivacyRequestKind, RequestChannel } from '../../src-shared/privacy/privacy-requests.js';
import { PRIVACY_REGIMES, PrivacyRegime } from '../../src-shared/privacy/request-deadlines.js';
import { ChoiceField } from './ChoiceField.js';
import { usePrivacy, usePrivacyStore, type RequestPrefill } from './privacy-store.js';

/**
 * The form to open a data subject request. From a conversation it comes with the customer and
 * the channel; the privacy team can open one for any customer by id. The relay picks the law by
 * the customer's market unless one is chosen, and answers the legal due date.
 */
export function PrivacyRequestForm({ prefill, customerName }: { prefill: RequestPrefill; customerName?: string }) {
  const { t } = useTranslation();
  const privacy = usePrivacyStore();
  const [customerId, setCustomerId] = useState(prefill.customerId);
  const [kind, setKind] = useState<PrivacyRequestKind>('access');
  const [channel, setChannel] = useState<RequestChannel>(prefill.channel);
  const [requesterName, setRequesterName] = useState(prefill.requesterName);
  const [onBehalf, setOnBehalf] = useState(false);
  const [regime, setRegime] = useState<PrivacyRegime | ''>('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const fromConversation = prefill.conversationId !== null;

  const submit = async () => {
    setProblem(
      await privacy.getState().submit({ customerId, kind, channel, conversationId: prefill.conversationId, requesterName, onBehalf, regime: regime === '' ? null : regime, note }),
    );
  };
  return (
    <form
      className="privacy-form"
      data-testid="privacy-request-form"
      aria-label={t('privacy.form.title')}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h4>{t('privacy.form.title')}</h4>
      {fromConversation ? (
        <p className="privacy-hint" dir="auto">
          {t('privacy.form.forCustomer', { name: customerName ?? customerId })}
        </p>
      ) : (
        <label className="privacy-field">
          {t('privacy.form.customerId')}
          <input className="input" data-testid="privacy-customer-id" required value={customerId} onChange={(e) => setCustomerId(e.target.value)} />
        </label>
      )}
      <ChoiceField label={t('privacy.form.kind')} testId="privacy-kind" value={kind} choices={PRIVACY_REQUEST_KINDS} labelOf={(k) => t(`privacy.kind.${k}`)} onChange={setKind} />
      <ChoiceField label={t('privacy.form.channel')} testId="privacy-channel" value={channel} choices={REQUEST_CHANNELS} labelOf={(c) => t(`privacy.channel.${c}`)} onChange={setChannel} />
      <label className="privacy-field">
        {t('privacy.form.requester')}
        <input className="input" data-testid="privacy-requester" required value={requesterName} onChange={(e) => setRequesterName(e.target.value)} dir="auto" />
      </label>
      <label className="privacy-check">
        <input type="checkbox" checked={onBehalf} onChange={(e) => setOnBehalf(e.target.checked)} />
        {t('privacy.form.onBehalf')}
      </label>
      <label className="privacy-field">
        {t('privacy.form.regime')}
        <select className="input" data-testid="privacy-regime" value={regime} onChange={(e) => setRegime(e.target.value === '' ? '' : PrivacyRegime.parse(e.target.value))}>
          <option value="">{t('privacy.form.regimeByMarket')}</option>
          {PRIVACY_REGIMES.map((r) => (
            <option key={r} value={r}>
              {t(`privacy.regime.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="privacy-field">
        {t('privacy.form.note')}
        <textarea className="input" value={note} onChange={(e) => setNote(e.target.value)} dir="auto" />
      </label>
      <div className="privacy-actions">
        <button type="submit" className="button button--primary" data-testid="privacy-submit">
          {t('privacy.form.submit')}
        </button>
        <button type="button" className="button button--quiet" onClick={() => privacy.getState().cancelForm()}>
          {t('privacy.form.cancel')}
        </button>
      </div>
      {problem && (
        <p className="privacy-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

/** Said once a request is opened: that it is, and when the law wants it answered. */
export function OpenedNote({ conversationId }: { conversationId: string | null }) {
  const { t, i18n } = useTranslation();
  const opened = usePrivacy((s) => s.opened);
  if (!opened || opened.conversationId !== conversationId) return null;
  return (
    <p className="privacy-opened" role="status" data-testid="privacy-opened">
      {t('privacy.opened', { due: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' }).format(opened.dueAt) })}
    </p>
  );
}
