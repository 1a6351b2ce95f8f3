import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RetentionPolicy } from '../../src-shared/domain/retention.js';
import { marketName } from '../format/language.js';
import { useAdminStore } from './admin-store.js';
import type { FieldErrors } from './field-errors.js';
import { MarketPicker } from './pickers.js';
import { policyFromForm, retentionForm, type RetentionForm } from './retention-form.js';
import { SaveStatus, TextField, useSave } from './save-status.js';

const ACTIONS: RetentionForm['action'][] = ['keep', 'anonymise', 'delete'];

/** How long closed conversations are kept, per market with a default; the relay applies it hourly. */
export function RetentionAdmin({ policy }: { policy: RetentionPolicy | null }) {
  const { t, i18n } = useTranslation();
  const admin = useAdminStore();
  const [form, setForm] = useState(() => retentionForm(policy));
  const [errors, setErrors] = useState<FieldErrors>({});
  const { status, run } = useSave();
  const change = (update: Partial<RetentionForm>) => setForm({ ...form, ...update });
  // A market keeps its days when others come and go; a new one starts from the default.
  const chooseMarkets = (markets: string[]) => change({ markets: markets.map((market) => form.markets.find((row) => row.market === market) ?? { market, days: form.defaultDays }) });
  const setDays = (market: string, days: string) => change({ markets: form.markets.map((row) => (row.market === market ? { market, days } : row)) });
  const save = () =>
    run(async () => {
      const read = policyFromForm(form, t);
      setErrors('errors' in read ? read.errors : {});
      return 'errors' in read ? t('admin.fieldError.summary') : admin.getState().save('admin.saveRetention', { policy: read.policy });
    });
  const keeping = form.action === 'keep';
  return (
    <section className="admin-section" data-testid="admin-retention" aria-labelledby="admin-retention-title">
      <h3 id="admin-retention-title">{t('admin.retention.title')}</h3>
      <p className="admin-hint">{t('admin.retention.hint')}</p>
      <div className="admin-row">
        <label className="admin-inline">
          {t('admin.retention.action')}
          <select className="input" data-testid="retention-action" value={form.action} onChange={(e) => change({ action: ACTIONS.find((a) => a === e.target.value) ?? 'keep' })}>
            {ACTIONS.map((action) => (
              <option key={action} value={action}>
                {t(`admin.retention.actions.${action}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!keeping && (
        <div className="admin-grid admin-grid--wide">
          <TextField type="number" label={t('admin.retention.defaultDays')} testId="retention-default-days" value={form.defaultDays} error={errors.defaultDays} onChange={(defaultDays) => change({ defaultDays })} />
          <MarketPicker label={t('admin.retention.markets')} testId="retention-markets" chosen={form.markets.map((row) => row.market)} error={errors.markets} onChange={chooseMarkets} />
        </div>
      )}
      {!keeping && form.markets.length > 0 && (
        <div className="admin-grid" data-testid="retention-market-days">
          {form.markets.map((row) => (
            <TextField key={row.market} type="number" label={marketName(row.market, i18n.language)} testId={`retention-days-${row.market}`} value={row.days} error={errors[`market.${row.market}`]} onChange={(days) => setDays(row.market, days)} />
          ))}
        </div>
      )}
      <button type="button" className="button button--primary" data-testid="save-retention" onClick={() => void save()}>
        {t('admin.save')}
      </button>
      <SaveStatus status={status} />
    </section>
  );
}
