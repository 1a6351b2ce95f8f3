import { z } from 'zod';

/**
 * How long a company has to answer a data subject's request, by the law that applies to the
 * customer's market (docs/privacy.md cites each). Pure: dates are counted on the UTC calendar
 * from the day the request was received, and a request falls due at the end of its last day
 * (23:59:59.999 UTC). Weekends count as business/working days never; public holidays are not
 * known here and are counted as working days, so a working-day deadline is never later than
 * the law's.
 */
export const PRIVACY_REGIMES = ['gdpr', 'ccpa', 'lgpd', 'dpdp', 'pdpa_th', 'pipl'] as const;
export const PrivacyRegime = z.enum(PRIVACY_REGIMES);
export type PrivacyRegime = z.infer<typeof PrivacyRegime>;

export type PeriodUnit = 'months' | 'days' | 'business_days';
export interface Period {
  count: number;
  unit: PeriodUnit;
}

export interface RegimeRule {
  /** The answer is due this long after receipt. */
  answer: Period;
  /** How much longer an extension gives, added to the first due date; null when the law allows none. */
  extension: Period | null;
  /** A receipt must be confirmed within this (CCPA); null when the law asks for none. */
  receipt: Period | null;
}

export const REGIME_RULES: Readonly<Record<PrivacyRegime, RegimeRule>> = {
  // GDPR art. 12(3): one month, extendable by two further months.
  gdpr: { answer: { count: 1, unit: 'months' }, extension: { count: 2, unit: 'months' }, receipt: null },
  // Cal. Civ. Code §1798.130(a)(2), 11 CCR §7021: 45 days, once 45 more; receipt within 10 business days.
  ccpa: { answer: { count: 45, unit: 'days' }, extension: { count: 45, unit: 'days' }, receipt: { count: 10, unit: 'business_days' } },
  // LGPD art. 19, II: a complete declaration within 15 days.
  lgpd: { answer: { count: 15, unit: 'days' }, extension: null, receipt: null },
  // DPDP Rules 2025, rule 14(3): within a period not exceeding ninety days.
  dpdp: { answer: { count: 90, unit: 'days' }, extension: null, receipt: null },
  // Thailand PDPA s. 30: within 30 days of receipt.
  pdpa_th: { answer: { count: 30, unit: 'days' }, extension: null, receipt: null },
  // PIPL art. 50 sets no number; the CAC's 2019 method for apps caps it at 15 working days.
  pipl: { answer: { count: 15, unit: 'business_days' }, extension: null, receipt: null },
};

/** EU and EEA members, and the UK (UK GDPR keeps art. 12(3) as it is). */
const GDPR_MARKETS = new Set(
  ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'].concat(['IS', 'LI', 'NO', 'GB']),
);
const SINGLE_MARKETS: Readonly<Record<string, PrivacyRegime>> = { US: 'ccpa', BR: 'lgpd', IN: 'dpdp', TH: 'pdpa_th', CN: 'pipl' };

/** The regime of a customer's market (a two-letter region code); null when none is known and the privacy team must choose. */
export function regimeOfMarket(market: string | null): PrivacyRegime | null {
  if (!market) return null;
  const region = market.toUpperCase();
  if (GDPR_MARKETS.has(region)) return 'gdpr';
  return SINGLE_MARKETS[region] ?? null;
}

export interface RequestDueDates {
  /** When the answer is due. */
  dueAt: number;
  /** When the answer is due once extended; null when the regime allows no extension. */
  extendedDueAt: number | null;
  /** When receipt must have been confirmed; null when the regime asks for none. */
  receiptDueAt: number | null;
}

/** The due dates of a request received at `receivedAt` (epoch ms) under `regime`. */
export function requestDueDates(regime: PrivacyRegime, receivedAt: number): RequestDueDates {
  const rule = REGIME_RULES[regime];
  const received = dayOf(receivedAt);
  const due = after(received, rule.answer);
  return {
    dueAt: endOf(due),
    extendedDueAt: rule.extension ? endOf(after(due, rule.extension)) : null,
    receiptDueAt: rule.receipt ? endOf(after(received, rule.receipt)) : null,
  };
}

/** A UTC calendar date, as days since the epoch. */
type Day = number;
const DAY_MS = 86_400_000;

function dayOf(at: number): Day {
  return Math.floor(at / DAY_MS);
}

function endOf(day: Day): number {
  return (day + 1) * DAY_MS - 1;
}

function after(day: Day, period: Period): Day {
  switch (period.unit) {
    case 'days':
      return day + period.count;
    case 'months':
      return addMonths(day, period.count);
    case 'business_days':
      return addBusinessDays(day, period.count);
  }
}

/** The same day of the month `months` later; the month's last day when it has no such day (31 January + 1 month = 28 or 29 February). */
export function addMonths(day: Day, months: number): Day {
  const date = new Date(day * DAY_MS);
  const monthIndex = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return dayOf(Date.UTC(year, month, Math.min(date.getUTCDate(), lastOfMonth)));
}

/** The `count`th Monday-to-Friday after `day` (the day of receipt itself is not counted). */
export function addBusinessDays(day: Day, count: number): Day {
  let current = day;
  for (let left = count; left > 0; ) {
    current += 1;
    const weekday = new Date(current * DAY_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return current;
}
