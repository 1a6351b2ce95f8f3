import type { TFunction } from 'i18next';
import { RetentionPolicy } from '../../src-shared/domain/retention.js';
import { checkFields, type FieldErrors } from './field-errors.js';

/** A retention policy as edited: markets chosen in a picker, each with its days as typed. */
export interface RetentionForm {
  action: 'keep' | RetentionPolicy['action'];
  defaultDays: string;
  markets: { market: string; days: string }[];
}

const MarketDays = RetentionPolicy.shape.markets.element;

export function retentionForm(policy: RetentionPolicy | null): RetentionForm {
  if (policy === null) return { action: 'keep', defaultDays: '', markets: [] };
  return {
    action: policy.action,
    defaultDays: policy.defaultDays === null ? '' : String(policy.defaultDays),
    markets: policy.markets.map((m) => ({ market: m.market, days: String(m.days) })),
  };
}

/**
 * The policy the relay accepts (null: keep until erased), or each field's problem in plain words:
 * `defaultDays`, and a market's days as `market.DE`.
 */
export function policyFromForm(form: RetentionForm, t: TFunction): { policy: RetentionPolicy | null } | { errors: FieldErrors } {
  if (form.action === 'keep') return { policy: null };
  const errors: Record<string, string> = {};
  const markets = form.markets.map((row) => ({ market: row.market, days: row.days.trim() === '' ? Number.NaN : Number(row.days) }));
  for (const row of markets) {
    const checked = checkFields(MarketDays, row, t);
    if (!checked.ok) errors[`market.${row.market}`] = Object.values(checked.errors)[0] ?? '';
  }
  const defaultDays = form.defaultDays.trim() === '' ? null : Number(form.defaultDays);
  const checked = checkFields(RetentionPolicy, { action: form.action, defaultDays, markets }, t);
  if (checked.ok && Object.keys(errors).length === 0) return { policy: checked.value };
  // A row's problem is told beside its market; the list's own (too many markets) only when no row has one.
  const kept = Object.keys(errors).length > 0 ? ['defaultDays'] : ['defaultDays', 'markets'];
  const policyErrors = checked.ok ? {} : Object.fromEntries(Object.entries(checked.errors).filter(([key]) => kept.includes(key)));
  return { errors: { ...policyErrors, ...errors } };
}
