import { z } from 'zod';
import { RetentionPolicy } from '../../src-shared/domain/retention.js';
import { splitList } from './admin-forms.js';

/** A retention policy as the administrator types it: markets as "DE 30, TH 90". */
export interface RetentionForm {
  action: 'keep' | RetentionPolicy['action'];
  defaultDays: string;
  markets: string;
}

export function retentionForm(policy: RetentionPolicy | null): RetentionForm {
  if (policy === null) return { action: 'keep', defaultDays: '', markets: '' };
  return {
    action: policy.action,
    defaultDays: policy.defaultDays === null ? '' : String(policy.defaultDays),
    markets: policy.markets.map((m) => `${m.market} ${m.days}`).join(', '),
  };
}

/** The policy the relay accepts (null: keep until erased), or what is wrong in the administrator's words. */
export function policyFromForm(form: RetentionForm): { policy: RetentionPolicy | null } | { error: string } {
  if (form.action === 'keep') return { policy: null };
  const markets: { market: string; days: number }[] = [];
  for (const entry of form.markets.split(/[,;\n]/).map((part) => part.trim()).filter(Boolean)) {
    const [market = '', days = '', ...rest] = splitList(entry.replace(/[:=]/g, ' '));
    if (rest.length > 0 || !/^\d+$/.test(days)) return { error: `“${entry}”: write a market and its days, e.g. DE 30` };
    markets.push({ market: market.toUpperCase(), days: Number(days) });
  }
  const defaultDays = form.defaultDays.trim() === '' ? null : Number(form.defaultDays);
  const parsed = RetentionPolicy.safeParse({ action: form.action, defaultDays, markets });
  return parsed.success ? { policy: parsed.data } : { error: z.prettifyError(parsed.error) };
}
