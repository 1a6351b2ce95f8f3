import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { SlaPolicy } from '../../src-shared/domain/sla.js';
import { useAdminStore } from './admin-store.js';
import { splitList } from './admin-forms.js';
import { SaveStatus, useSave } from './save-status.js';

/** A policy as typed: lists as text, minutes as text, until saved. */
interface PolicyRow {
  id: string;
  name: string;
  priorities: string;
  channels: string;
  markets: string;
  firstResponseMinutes: string;
  nextResponseMinutes: string;
  resolutionMinutes: string;
}

const LIST_FIELDS = ['priorities', 'channels', 'markets'] as const;
const MINUTE_FIELDS = ['firstResponseMinutes', 'nextResponseMinutes', 'resolutionMinutes'] as const;

function rowOf(policy: SlaPolicy): PolicyRow {
  return {
    id: policy.id,
    name: policy.name,
    priorities: policy.priorities.join(', '),
    channels: policy.channels.join(', '),
    markets: policy.markets.join(', '),
    firstResponseMinutes: String(policy.firstResponseMinutes),
    nextResponseMinutes: String(policy.nextResponseMinutes),
    resolutionMinutes: String(policy.resolutionMinutes),
  };
}

/** The rows as policies, checked with the relay's schema; the first problem names its row. */
function policiesOf(rows: PolicyRow[]): { policies: SlaPolicy[] } | { error: string } {
  const policies: SlaPolicy[] = [];
  for (const row of rows) {
    const parsed = SlaPolicy.safeParse({
      id: row.id,
      name: row.name.trim(),
      priorities: splitList(row.priorities),
      channels: splitList(row.channels),
      markets: splitList(row.markets).map((m) => m.toUpperCase()),
      ...Object.fromEntries(MINUTE_FIELDS.map((field) => [field, Number(row[field])])),
    });
    if (!parsed.success) return { error: `${row.name || row.id}: ${z.prettifyError(parsed.error)}` };
    policies.push(parsed.data);
  }
  return { policies };
}

export function SlaAdmin({ policies }: { policies: SlaPolicy[] }) {
  const { t } = useTranslation();
  const admin = useAdminStore();
  const [rows, setRows] = useState(() => policies.map(rowOf));
  const { status, run } = useSave();
  const change = (index: number, field: keyof PolicyRow, value: string) => setRows(rows.map((row, i) => (i === index ? { ...row, [field]: value } : row)));
  const add = () => setRows([...rows, { ...rowOf({ id: freshPolicyId(rows), name: '', priorities: [], channels: [], markets: [], firstResponseMinutes: 60, nextResponseMinutes: 120, resolutionMinutes: 1440 }) }]);
  const save = () =>
    run(async () => {
      const read = policiesOf(rows);
      return 'error' in read ? read.error : admin.getState().save('admin.saveSlaPolicies', { policies: read.policies });
    });
  return (
    <section className="admin-section" data-testid="admin-sla" aria-labelledby="admin-sla-title">
      <h3 id="admin-sla-title">{t('admin.sla.title')}</h3>
      <p className="admin-hint">{t('admin.sla.hint')}</p>
      <table className="supervisor-table admin-sla-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.name')}</th>
            {LIST_FIELDS.map((field) => (
              <th key={field} scope="col">
                {t(`admin.sla.${field}`)}
              </th>
            ))}
            {MINUTE_FIELDS.map((field) => (
              <th key={field} scope="col">
                {t(`admin.sla.${field}`)}
              </th>
            ))}
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={row.id} data-testid="admin-sla-policy" data-policy-id={row.id}>
              {(['name', ...LIST_FIELDS, ...MINUTE_FIELDS] as const).map((field) => (
                <td key={field}>
                  <input className="input" aria-label={t(field === 'name' ? 'admin.name' : `admin.sla.${field}`)} data-testid={`sla-${field}`} value={row[field]} onChange={(e) => change(index, field, e.target.value)} />
                </td>
              ))}
              <td>
                <button type="button" className="button button--quiet" data-testid="remove-policy" onClick={() => setRows(rows.filter((_, i) => i !== index))}>
                  {t('admin.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="admin-row">
        <button type="button" className="button button--quiet" data-testid="add-policy" onClick={add}>
          {t('admin.sla.add')}
        </button>
        <button type="button" className="button button--primary" data-testid="save-policies" onClick={() => void save()}>
          {t('admin.save')}
        </button>
      </div>
      <SaveStatus status={status} />
    </section>
  );
}

function freshPolicyId(rows: PolicyRow[]): string {
  let n = rows.length + 1;
  while (rows.some((row) => row.id === `policy-${n}`)) n++;
  return `policy-${n}`;
}
