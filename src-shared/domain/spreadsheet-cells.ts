/** A spreadsheet runs a cell that starts like a formula; a customer's words must stay text (CSV injection). */
export function spreadsheetSafe(value: unknown): unknown {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
