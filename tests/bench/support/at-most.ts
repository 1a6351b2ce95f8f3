/**
 * `work` over every item with at most `limit` under way at once, results in the items' order. No
 * batches: a slow one holds up only its own slot, so setting up thousands of clients stays busy.
 */
export async function atMost<T, R>(limit: number, items: readonly T[], work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
