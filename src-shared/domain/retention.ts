import { z } from 'zod';

/** A market as conversations carry it: ISO 3166-1 alpha-2, upper case. */
const MarketCode = z.string().regex(/^[A-Z]{2}$/, 'a market is two capital letters (ISO 3166-1), e.g. DE');
/** At least a day, at most a hundred years. */
const RetentionDays = z.number().int().min(1).max(36_500);

/**
 * How long a company keeps closed conversations (docs/privacy.md, "Retention"): after `days` since
 * a conversation was closed it is deleted, or anonymised with its figures kept for the reports.
 * `defaultDays` applies to every market not listed (null: those are kept until erased).
 */
export const RetentionPolicy = z
  .object({
    action: z.enum(['delete', 'anonymise']),
    defaultDays: RetentionDays.nullable(),
    markets: z.array(z.object({ market: MarketCode, days: RetentionDays }).strict()).max(250),
  })
  .strict()
  .refine((policy) => new Set(policy.markets.map((m) => m.market)).size === policy.markets.length, 'each market is listed once');
export type RetentionPolicy = z.infer<typeof RetentionPolicy>;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The groups of conversations a policy expires, each with the close time before which they go:
 * one per listed market, and the rest (every other market, or none) by the default. Pure.
 */
export function retentionCutoffs(policy: RetentionPolicy, now: number): RetentionCutoff[] {
  const listed = policy.markets.map((m) => m.market);
  const cutoffs: RetentionCutoff[] = policy.markets.map(({ market, days }) => ({ markets: { only: market }, closedBefore: now - days * DAY_MS }));
  if (policy.defaultDays !== null) cutoffs.push({ markets: { except: listed }, closedBefore: now - policy.defaultDays * DAY_MS });
  return cutoffs;
}

/** Conversations of one market, or of every market but these (a conversation with no market included). */
export type RetentionMarkets = { only: string } | { except: readonly string[] };

export interface RetentionCutoff {
  markets: RetentionMarkets;
  closedBefore: number;
}
