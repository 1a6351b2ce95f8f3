/**
 * The wait before the `failures`-th retry in a row (1 for the first): doubling from `firstMs`
 * up to `maxMs`, each drawn at random from its upper half so that mailboxes that failed
 * together (a server restart) do not come back in step.
 */
export function backoffDelay(failures: number, firstMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, firstMs * 2 ** Math.min(Math.max(failures - 1, 0), 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
