import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditAction, type AuditEntry } from '../../src-shared/domain/audit.js';
import type { AdminAgent } from '../../src-shared/protocol/admin.js';
import type { AuditFilters } from '../../src-shared/protocol/audit.js';
import { useAdminStore } from './admin-store.js';

const PAGE = 50;

/** The form's filters: a day as the date input gives it (YYYY-MM-DD, local), empty for none. */
interface FilterForm {
  action: string;
  actorId: string;
  fromDay: string;
  toDay: string;
}

const EMPTY: FilterForm = { action: '', actorId: '', fromDay: '', toDay: '' };

/** Company settings: the audit log, read-only — filtered by action, person and days, paged, exported as CSV. */
export function AuditLogAdmin({ agents }: { agents: AdminAgent[] }) {
  const { t, i18n } = useTranslation();
  const admin = useAdminStore();
  const [form, setForm] = useState<FilterForm>(EMPTY);
  const [applied, setApplied] = useState<AuditFilters>({});
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (filters: AuditFilters, before?: number) => {
      const page = await admin.getState().auditPage({ ...filters, limit: PAGE, ...(before ? { before } : {}) });
      if ('error' in page) return setError(page.error);
      setError(null);
      setEntries((shown) => (before ? [...shown, ...page.entries] : page.entries));
      setNextBefore(page.nextBefore);
    },
    [admin],
  );
  useEffect(() => {
    void load({});
  }, [load]);

  const apply = () => {
    const filters = filtersOf(form);
    setApplied(filters);
    void load(filters);
  };
  const download = async () => {
    const result = await admin.getState().auditCsv(applied);
    if ('error' in result) return setError(result.error);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([result.csv], { type: 'text/csv;charset=utf-8' }));
    link.download = result.filename;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' });
  const nameOf = (id: string | null) => (id === null ? t('admin.audit.nobody') : (agents.find((a) => a.id === id)?.name ?? id));
  const set = (key: keyof FilterForm) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  return (
    <section className="admin-section" data-testid="admin-audit" aria-labelledby="admin-audit-title">
      <h3 id="admin-audit-title">{t('admin.audit.title')}</h3>
      <p className="admin-hint">{t('admin.audit.hint')}</p>
      <div className="admin-row">
        <label className="admin-inline">
          {t('admin.audit.action')}
          <select className="input" data-testid="audit-action" value={form.action} onChange={set('action')}>
            <option value="">{t('admin.audit.all')}</option>
            {AuditAction.options.map((action) => (
              <option key={action} value={action}>
                {t(`admin.audit.actions.${action}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="admin-inline">
          {t('admin.audit.actor')}
          <select className="input" data-testid="audit-actor" value={form.actorId} onChange={set('actorId')}>
            <option value="">{t('admin.audit.all')}</option>
            {agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
              </option>
            ))}
          </select>
        </label>
        <label className="admin-inline">
          {t('admin.audit.from')}
          <input className="input" type="date" data-testid="audit-from" value={form.fromDay} onChange={set('fromDay')} />
        </label>
        <label className="admin-inline">
          {t('admin.audit.to')}
          <input className="input" type="date" data-testid="audit-to" value={form.toDay} onChange={set('toDay')} />
        </label>
        <button type="button" className="button button--primary" data-testid="audit-apply" onClick={apply}>
          {t('admin.audit.apply')}
        </button>
        <button type="button" className="button" data-testid="audit-export" onClick={() => void download()}>
          {t('admin.audit.export')}
        </button>
      </div>
      {error && (
        <p className="supervisor-error" role="alert">
          {error}
        </p>
      )}
      {entries.length === 0 ? (
        <p className="admin-muted">{t('admin.audit.none')}</p>
      ) : (
        <table className="admin-audit-table" data-testid="audit-entries">
          <thead>
            <tr>
              <th>{t('admin.audit.when')}</th>
              <th>{t('admin.audit.actor')}</th>
              <th>{t('admin.audit.action')}</th>
              <th>{t('admin.audit.target')}</th>
              <th>{t('admin.audit.details')}</th>
              <th>{t('admin.audit.address')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.seq} data-testid="audit-entry" data-action={entry.action} data-seq={entry.seq}>
                <td>{time.format(entry.at)}</td>
                <td>{nameOf(entry.actorId)}</td>
                <td>{t(`admin.audit.actions.${entry.action}`)}</td>
                <td>{entry.target ? `${t(`admin.audit.targets.${entry.target.type}`)} ${entry.target.id}` : ''}</td>
                <td className="admin-audit-details">{Object.keys(entry.details).length > 0 ? JSON.stringify(entry.details) : ''}</td>
                <td>{entry.actorAddress ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextBefore !== null && (
        <button type="button" className="button" data-testid="audit-older" onClick={() => void load(applied, nextBefore)}>
          {t('admin.audit.older')}
        </button>
      )}
    </section>
  );
}

/** The form as the relay's filters: days from local midnight, `to` through the end of its day. */
function filtersOf(form: FilterForm): AuditFilters {
  const action = AuditAction.safeParse(form.action);
  const day = (text: string) => (text ? new Date(`${text}T00:00:00`).getTime() : NaN);
  const from = day(form.fromDay);
  const to = day(form.toDay);
  return {
    ...(action.success ? { action: action.data } : {}),
    ...(form.actorId ? { actorId: form.actorId } : {}),
    ...(Number.isFinite(from) ? { from } : {}),
    ...(Number.isFinite(to) ? { to: to + 24 * 60 * 60 * 1000 } : {}),
  };
}
