import type { FastifyReply } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { spreadsheetSafe } from '../../src-shared/domain/spreadsheet-cells.js';

/** A CSV download: a header row, then the rows, every cell safe to open in a spreadsheet. */
export function sendCsv(reply: FastifyReply, name: string, header: string[], rows: unknown[][]): FastifyReply {
  return reply
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${name}"`)
    .type('text/csv; charset=utf-8')
    .send(stringify([header, ...rows.map((row) => row.map(spreadsheetSafe))]));
}
