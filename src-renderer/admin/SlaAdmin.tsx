import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS } from '../../src-shared/domain/model.js';
import { PRIORITIES, SlaPolicy } from '../../src-shared/domain/sla.js';
import { useAdminStore } from './admin-store.js';
import { checkFields, type FieldErrors } from './field-errors.js';
import { ChoicePicker, MarketPicker } from './pickers.js';
import { SaveStatus, TextField, useSave } from './save-status.js';

/** A policy as edited: lists as chosen, minutes as typed, until saved. */
interface PolicyRow {
  id: string;
  name: string;
  priorities: string[];
  channels: string[];
  markets: string[];
  firstResponseMinutes: string;
  nextResponseMinutes: string;
  resolutionMinutes: string;
}

const MINUTE_FIELDS = ['firstResponseMinutes', 'nextResponseMinutes', 'resolutionMinutes'] as const;

function rowOf(policy: SlaPolicy): PolicyRow {
  return {
    id: policy.id,
    name: policy.name,
    priorities: [...policy.priorities],
    channels: [...policy.channels],
    markets: [...policy.markets],
    firstResponseMinutes: String(policy.firstResponseMinutes),
    nextResponseMinutes: String(policy.nextResponseMinutes),
    resolutionMinutes: String(policy.resolutionMinutes),
  };
}

/** The rows as policies, checked with the relay's schema; else each row's field problems, by row id. */
function policiesOf(rows: PolicyRow[], t: TFunction): { policies: SlaPolicy[] } | { errors: Record<string, FieldErrors> } {
  const policies: SlaPolicy[] = [];
  const errors: Record<string, FieldErrors> = {};
  for (const row of rows) {
    const checked = checkFields(SlaPolicy, { ...row, name: row.name.trim(), ...Object.fromEntries(MINUTE_FIELDS.map((field) => [field, Number(row[field])])) }, t);
    if (checked.ok) policies.push(checked.value);
    else errors[row.id] = checked.errors;
  }
  return Object.keys(errors).length === 0 ? { policies } : { errors };
}

export function SlaAdmin({ policies }: { policies: SlaPolicy[] }) {
  const { t } = useTranslation();
  const admin = useAdminStore();
  const [rows, setRows] = useState(() => policies.map(rowOf));
  const [errors, setErrors] = useState<Record<string, FieldErrors>>({});
  const { status, run } = useSave();
  const change = (index: number, update: Partial<PolicyRow>) => setRows(rows.map((row, i) => (i === index ? { ...row, ...update } : row)));
  const add = () => setRows([...rows, rowOf({ id: freshPolicyId(rows), name: '', priorities: [], channels: [], markets: [], firstResponseMinutes: 60, nextResponseMinutes: 120, resolutionMinutes: 1440 })]);
  const save = () =>
    run(async () => {
      const read = policiesOf(rows, t);
      setErrors('errors' in read ? read.errors : {});
      return 'errors' in read ? t('admin.fieldError.summary') : admin.getState().save('admin.saveSlaPolicies', { policies: read.policies });
    });
  return (
    <section className="admin-section" data-testid="admin-sla" aria-labelledby="admin-sla-title">
      <h3 id="admin-sla-title">{t('admin.sla.title')}</h3>
      <p className="admin-hint">{t('admin.sla.hint')}</p>
      {rows.map((row, index) => (
        <PolicyCard key={row.id} row={row} errors={errors[row.id] ?? {}} onChange={(update) => change(index, update)} onRemove={() => setRows(rows.filter((_, i) => i !== index))} />
      ))}
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

/** One policy: what it matches on one line of pickers, its targets in minutes on the next, each field wide enough to read. */
function PolicyCard({ row, errors, onChange, onRemove }: { row: PolicyRow; errors: FieldErrors; onChange: (update: Partial<PolicyRow>) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="admin-card" data-testid="admin-sla-policy" data-policy-id={row.id}>
      <legend>{row.name || t('admin.sla.unnamed')}</legend>
      <div className="admin-grid admin-grid--wide">
        <TextField label={t('admin.name')} testId="sla-name" value={row.name} error={errors.name} onChange={(name) => onChange({ name })} />
        <ChoicePicker label={t('admin.sla.priorities')} testId="sla-priorities" values={PRIORITIES} nameKey={(p) => `admin.sla.priority.${p}`} chosen={row.priorities} error={errors.priorities} onChange={(priorities) => onChange({ priorities })} />
        <ChoicePicker label={t('admin.sla.channels')} testId="sla-channels" values={CHANNELS} nameKey={(c) => `channel.${c}`} chosen={row.channels} error={errors.channels} onChange={(channels) => onChange({ channels })} />
        <MarketPicker label={t('admin.sla.markets')} testId="sla-markets" chosen={row.markets} error={errors.markets} onChange={(markets) => onChange({ markets })} />
      </div>
      <div className="admin-grid">
        {MINUTE_FIELDS.map((field) => (
          <TextField key={field} type="number" label={t(`admin.sla.${field}`)} testId={`sla-${field}`} value={row[field]} error={errors[field]} onChange={(value) => onChange({ [field]: value })} />
        ))}
      </div>
      <button type="button" className="button button--quiet" data-testid="remove-policy" onClick={onRemove}>
        {t('admin.remove')}
      </button>
    </fieldset>
  );
}

function freshPolicyId(rows: PolicyRow[]): string {
  let n = rows.length + 1;
  while (rows.some((row) => row.id === `policy-${n}`)) n++;
  return `policy-${n}`;
}
