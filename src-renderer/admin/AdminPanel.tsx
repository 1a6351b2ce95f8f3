import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RoutingSettingsUpdate } from '../../src-shared/protocol/admin.js';
import { useAdmin, useAdminStore } from './admin-store.js';
import { checkFields, type FieldErrors } from './field-errors.js';
import { FieldError } from './FieldError.js';
import { AgentsAdmin } from './AgentsAdmin.js';
import { AuditLogAdmin } from './AuditLogAdmin.js';
import { BlockedSendersAdmin } from './BlockedSendersAdmin.js';
import { ChannelAccountsAdmin } from './ChannelAccountsAdmin.js';
import { MaskingPolicyAdmin } from './MaskingPolicyAdmin.js';
import { ModelSetAdmin } from './ModelSetAdmin.js';
import { SaveStatus, useSave } from './save-status.js';
import { RetentionAdmin } from './RetentionAdmin.js';
import { SlaAdmin } from './SlaAdmin.js';
import { TeamsAdmin } from './TeamsAdmin.js';
import './admin.css';

/** Administrators' view of the company: teams and their hours, accounts and routing, messaging channels, SLA policies, retention of closed conversations, offers, blocked email senders, what is masked for whom, and the audit log. Changes apply live at the relay. */
export function AdminPanel() {
  const { t } = useTranslation();
  const admin = useAdminStore();
  const settings = useAdmin((s) => s.settings);
  const error = useAdmin((s) => s.error);
  useEffect(() => {
    void admin.getState().load();
  }, [admin]);
  if (!settings) return error ? <p className="supervisor-error" role="alert">{error}</p> : <p className="supervisor-loading">{t('app.loading')}</p>;
  return (
    <div className="admin" data-testid="admin-panel">
      <OfferSettings seconds={settings.offerTimeoutSeconds} />
      <TeamsAdmin teams={settings.teams} />
      <AgentsAdmin agents={settings.agents} teams={settings.teams} />
      <ChannelAccountsAdmin teams={settings.teams} />
      <SlaAdmin policies={settings.slaPolicies} />
      <RetentionAdmin policy={settings.retention} />
      <BlockedSendersAdmin entries={settings.blockedSenders} />
      <MaskingPolicyAdmin policy={settings.maskingPolicy} />
      <ModelSetAdmin pinned={settings.modelSet ?? null} />
      <AuditLogAdmin agents={settings.agents} />
    </div>
  );
}

const DEFAULT_OFFER_SECONDS = 30;

function OfferSettings({ seconds }: { seconds: number | null }) {
  const { t } = useTranslation();
  const admin = useAdminStore();
  const [offers, setOffers] = useState(seconds !== null);
  const [timeout, setTimeoutSeconds] = useState(String(seconds ?? DEFAULT_OFFER_SECONDS));
  const [errors, setErrors] = useState<FieldErrors>({});
  const errorId = useId();
  const { status, run } = useSave();
  const save = () =>
    run(async () => {
      const checked = checkFields(RoutingSettingsUpdate, { offerTimeoutSeconds: offers ? (timeout.trim() === '' ? Number.NaN : Number(timeout)) : null }, t);
      setErrors(checked.ok ? {} : checked.errors);
      return checked.ok ? admin.getState().save('admin.saveRoutingSettings', checked.value) : t('admin.fieldError.summary');
    });
  return (
    <section className="admin-section" data-testid="admin-offers" aria-labelledby="admin-offers-title">
      <h3 id="admin-offers-title">{t('admin.offers.title')}</h3>
      <p className="admin-hint">{t('admin.offers.hint')}</p>
      <div className="admin-row">
        <label className="admin-check">
          <input type="checkbox" data-testid="offers-on" checked={offers} onChange={(e) => setOffers(e.target.checked)} />
          {t('admin.offers.on')}
        </label>
        <label className="admin-inline">
          {t('admin.offers.seconds')}
          <input
            className="input admin-number"
            type="number"
            min={5}
            max={600}
            data-testid="offer-seconds"
            disabled={!offers}
            value={timeout}
            aria-invalid={errors.offerTimeoutSeconds ? true : undefined}
            aria-describedby={errors.offerTimeoutSeconds ? errorId : undefined}
            onChange={(e) => setTimeoutSeconds(e.target.value)}
          />
        </label>
        <FieldError id={errorId} message={errors.offerTimeoutSeconds} />
        <button type="button" className="button button--primary" data-testid="save-offers" onClick={() => void save()}>
          {t('admin.save')}
        </button>
      </div>
      <SaveStatus status={status} />
    </section>
  );
}
