import { cpus, loadavg } from 'node:os';

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
    seconds: round(durationMs / 1000, 1),
    requestsPerSecond: round((samples.length / durationMs) * 1000),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
  };
}

export const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;

export const median = (values: readonly number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/**
 * Runs `task` from `concurrency` workers until `durationMs` has passed (or `maxRequests` ran), and
 * returns each call's latency. Bounded in time and count: it always stops by itself. A task that
 * answers 'stop' (its worker has nothing left to do) ends that worker without a sample.
 */
export async function closedLoop(
  concurrency: number,
  durationMs: number,
  maxRequests: number,
  task: (i: number, worker: number) => Promise<unknown>,
): Promise<{ samples: number[]; elapsedMs: number }> {
  const samples: number[] = [];
  const started = performance.now();
  let issued = 0;
  const worker = async (w: number) => {
    while (performance.now() - started < durationMs && issued < maxRequests) {
      const i = issued++;
      const t0 = performance.now();
      if ((await task(i, w)) === 'stop') return;
      samples.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  return { samples, elapsedMs: performance.now() - started };
}

/**
 * The machine and how busy it was. Other work shares this machine (it has few cores, and test runs
 * may be going on beside the benchmark), so every result records the load averages around it.
 */
export function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    loadAverage1m5m15m: loadavg().map((n) => round(n)),
  };
}
