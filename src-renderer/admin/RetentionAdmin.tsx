import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RetentionPolicy } from '../../src-shared/domain/retention.js';
import { useAdminStore } from './admin-store.js';
import { policyFromForm, retentionForm, type RetentionForm } from './retention-form.js';
import { SaveStatus, useSave } from './save-status.js';

const ACTIONS: RetentionForm['action'][] = ['keep', 'anonymise', 'delete'];

/** How long closed conversations are kept, per market with a default; the relay applies it hourly. */
export function RetentionAdmin({ policy }: { policy: RetentionPolicy | null }) {
  const { t } = useTranslation();
  const admin = useAdminStore();
  const [form, setForm] = useState(() => retentionForm(policy));
  const { status, run } = useSave();
  const change = (field: keyof RetentionForm, value: string) => setForm({ ...form, [field]: value });
  const save = () =>
    run(async () => {
      const read = policyFromForm(form);
      return 'error' in read ? read.error : admin.getState().save('admin.saveRetention', { policy: read.policy });
    });
  const keeping = form.action === 'keep';
  return (
    <section className="admin-section" data-testid="admin-retention" aria-labelledby="admin-retention-title">
      <h3 id="admin-retention-title">{t('admin.retention.title')}</h3>
      <p className="admin-hint">{t('admin.retention.hint')}</p>
      <div className="admin-row">
        <label className="admin-inline">
          {t('admin.retention.action')}
          <select className="input" data-testid="retention-action" value={form.action} onChange={(e) => change('action', e.target.value)}>
            {ACTIONS.map((action) => (
              <option key={action} value={action}>
                {t(`admin.retention.actions.${action}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="admin-inline">
          {t('admin.retention.defaultDays')}
          <input className="input admin-number" type="number" min={1} data-testid="retention-default-days" disabled={keeping} value={form.defaultDays} onChange={(e) => change('defaultDays', e.target.value)} />
        </label>
        <label className="admin-inline">
          {t('admin.retention.markets')}
          <input className="input" data-testid="retention-markets" placeholder="DE 30, TH 90" disabled={keeping} value={form.markets} onChange={(e) => change('markets', e.target.value)} />
        </label>
        <button type="button" className="button button--primary" data-testid="save-retention" onClick={() => void save()}>
          {t('admin.save')}
        </button>
      </div>
      <SaveStatus status={status} />
    </section>
  );
}
