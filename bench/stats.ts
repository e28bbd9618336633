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

/** The middle value, or the mean of the two middle values of an even count (of two runs, not the lower one). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
}

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

/** Median, min and max of repeated measurements, with the values themselves. */
export function spread(values: readonly number[], places = 2) {
  return {
    median: round(median(values), places),
    min: round(Math.min(...values), places),
    max: round(Math.max(...values), places),
    runs: values.map((v) => round(v, places)),
  };
}

/**
 * Runs A and B in the order A B B A, `repeats` times, so a drift in the machine's load (other work
 * shares it) falls on both alike. Returns each repeat's pair of A runs and pair of B runs.
 */
export async function alternate<T>(
  repeats: number,
  a: (repeat: number) => Promise<T>,
  b: (repeat: number) => Promise<T>,
): Promise<Array<{ a: [T, T]; b: [T, T] }>> {
  const results: Array<{ a: [T, T]; b: [T, T] }> = [];
  for (let r = 0; r < repeats; r++) {
    const a1 = await a(r);
    const b1 = await b(r);
    const b2 = await b(r);
    const a2 = await a(r);
    results.push({ a: [a1, a2], b: [b1, b2] });
  }
  return results;
}

/**
 * Open loop at a fixed arrival rate: a request every 1/rate seconds whether or not the last has
 * answered, each timed from when it was due (so a stall counts against every request it delays).
 * This is the latency a person sees at that load; a closed loop at saturation measures queueing.
 * The machine's load average as it starts goes with the figures.
 */
export async function openLoop(
  rate: number,
  seconds: number,
  task: (i: number) => Promise<boolean>,
): Promise<{
  requests: number;
  failures: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  loadAverageBefore: number[];
}> {
  const loadAverageBefore = machine().loadAverage1m5m15m;
  const samples: number[] = [];
  let failures = 0;
  const started = performance.now();
  const total = Math.round(rate * seconds);
  const inFlight: Array<Promise<void>> = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      task(i)
        .then((ok) => {
          if (!ok) failures += 1;
        })
        .catch(() => {
          failures += 1;
        })
        .finally(() => {
          samples.push(performance.now() - due);
        }),
    );
  }
  await Promise.all(inFlight);
  const sorted = [...samples].sort((x, y) => x - y);
  return {
    requests: samples.length,
    failures,
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? Number.NaN),
    loadAverageBefore,
  };
}

/** BENCH_RATE, when given: the open-loop arrival rate of the orders and groups benches. */
const rateFromEnv = process.env.BENCH_RATE === undefined ? undefined : Number(process.env.BENCH_RATE);
if (rateFromEnv !== undefined && !(Number.isFinite(rateFromEnv) && rateFromEnv > 0 && rateFromEnv <= 200)) {
  throw new Error('BENCH_RATE must be a number of requests a second between 1 and 200');
}
/** The highest rate `fixedRate` can choose, for sizing what a run needs beforehand. */
export const maxFixedRate = rateFromEnv ?? 20;

/**
 * The open-loop rate: BENCH_RATE if given, else half of what ours sustained at saturation in the
 * same run (at most 20/s, at least 1/s). An arrival rate above what ours can serve measures a queue
 * that grows for as long as the run lasts, not what a person sees; on a machine shared with other
 * work that ceiling moves, so it is taken from the run itself and recorded with the result.
 */
export function fixedRate(oursAtSaturationPerSecond: number): { perSecond: number; chosenBy: string } {
  if (rateFromEnv !== undefined) return { perSecond: rateFromEnv, chosenBy: 'BENCH_RATE' };
  return {
    perSecond: Math.max(1, Math.min(20, Math.floor(oursAtSaturationPerSecond / 2))),
    chosenBy: `half of ours at saturation in this run (${round(oursAtSaturationPerSecond)}/s), at most 20/s`,
  };
}
