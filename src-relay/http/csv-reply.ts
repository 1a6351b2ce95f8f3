import type { FastifyReply } from 'fastify';
import { stringify } from 'csv-stringify/sync';

/** A CSV download: a header row, then the rows, every cell safe to open in a spreadsheet. */
export function sendCsv(reply: FastifyReply, name: string, header: string[], rows: unknown[][]): FastifyReply {
  return reply
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${name}"`)
    .type('text/csv; charset=utf-8')
    .send(stringify([header, ...rows.map((row) => row.map(cellOf))]));
}

/** A spreadsheet runs a cell that starts like a formula; a customer's comment must stay text (CSV injection). */
export function cellOf(value: unknown): unknown {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
