/**
 * Runs `work` over `items` with at most `concurrency` at a time, keeping the results in order.
 * A job that fired every item at once would open as many connections and table calls as there
 * are items; this keeps a run's load (and its share of the table's throughput) fixed.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}
