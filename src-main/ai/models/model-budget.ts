import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The disk the user's model folder may take, chosen by the agent in the Models panel and kept in
 * that folder (a dot-file: not a model), so it stays with the models on this desk.
 */

/** Enough for the demo agents' pairs, the embedding model and the many-to-many model (~1.5 GB each). */
export const DEFAULT_BUDGET_BYTES = 3_000_000_000;

const BUDGET_FILE = '.budget.json';
const StoredBudget = z.object({ budgetBytes: z.number().int().nonnegative() });

export function readBudget(userFolder: string): number {
  try {
    return StoredBudget.parse(JSON.parse(readFileSync(path.join(userFolder, BUDGET_FILE), 'utf8'))).budgetBytes;
  } catch {
    // None chosen yet, or a file edited by hand into nonsense: the default, not a refusal to start.
    return DEFAULT_BUDGET_BYTES;
  }
}

export function writeBudget(userFolder: string, budgetBytes: number): void {
  mkdirSync(userFolder, { recursive: true });
  writeFileSync(path.join(userFolder, BUDGET_FILE), JSON.stringify(StoredBudget.parse({ budgetBytes })));
}
