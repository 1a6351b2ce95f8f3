import type pg from 'pg';

/**
 * One statement, on whatever the repository was built over: the pool outside a transaction (each
 * statement on any free connection), or the transaction's one client between BEGIN and COMMIT.
 * The repositories are the same code either way.
 */
export type Query = <Row extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: readonly unknown[]) => Promise<pg.QueryResult<Row>>;

/** The rows of one statement. */
export async function rowsOf<Row extends pg.QueryResultRow>(query: Query, text: string, values?: readonly unknown[]): Promise<Row[]> {
  return (await query<Row>(text, values)).rows;
}
