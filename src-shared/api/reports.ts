import { z } from 'zod';
import { TimeZone } from '../domain/model.js';
import { HistorySummary } from '../protocol/supervisor.js';

export const reportsMethods = {
  /** Supervisors and admins: their teams over a period, hours in the given zone; online only. */
  'reports.summary': {
    input: z.object({ from: z.number().int().nonnegative(), to: z.number().int().positive(), timeZone: TimeZone }).strict(),
    output: HistorySummary,
  },
  /** A CSV export of the period (CSAT ratings or SLA breaches), to save as a file. */
  'reports.csv': {
    input: z.object({ report: z.enum(['csat', 'sla-breaches']), from: z.number().int().nonnegative(), to: z.number().int().positive() }).strict(),
    output: z.object({ filename: z.string(), csv: z.string() }),
  },
} as const;
