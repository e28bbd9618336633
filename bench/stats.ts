/** Percentiles from raw latency samples (milliseconds). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function summarise(samples: number[], durationMs: number) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    requests: samples.length,
    requestsPerSecond: round((samples.length / durationMs) * 1000),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
  };
}

export const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;

/**
 * Runs `task` from `concurrency` workers until `durationMs` has passed (or `maxRequests` ran), and
 * returns each call's latency. Bounded in time and count: it always stops by itself.
 */
export async function closedLoop(
  concurrency: number,
  durationMs: number,
  maxRequests: number,
  task: (i: number) => Promise<void>,
): Promise<{ samples: number[]; elapsedMs: number }> {
  const samples: number[] = [];
  const started = performance.now();
  let issued = 0;
  const worker = async () => {
    while (performance.now() - started < durationMs && issued < maxRequests) {
      const i = issued++;
      const t0 = performance.now();
      await task(i);
      samples.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { samples, elapsedMs: performance.now() - started };
}
