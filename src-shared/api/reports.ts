import { z } from 'zod';
import { TimeZone } from '../domain/model.js';
import { HistorySummary } from '../protocol/supervisor.js';

/** The relay's CSV exports: CSAT ratings, SLA breaches, the period's figures by channel. */
export const CsvReport = z.enum(['csat', 'sla-breaches', 'channels']);
export type CsvReport = z.infer<typeof CsvReport>;

export const reportsMethods = {
  /** Supervisors and admins: their teams over a period, hours in the given zone; online only. */
  'reports.summary': {
    input: z.object({ from: z.number().int().nonnegative(), to: z.number().int().positive(), timeZone: TimeZone }).strict(),
    output: HistorySummary,
  },
  /** A CSV export of the period (CSAT ratings, SLA breaches or figures by channel), to save as a file. */
  'reports.csv': {
    input: z.object({ report: CsvReport, from: z.number().int().nonnegative(), to: z.number().int().positive() }).strict(),
    output: z.object({ filename: z.string(), csv: z.string() }),
  },
} as const;
