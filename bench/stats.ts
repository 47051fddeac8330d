/** Summaries of repeated measurements, and the A/B alternation that cancels machine drift. */
import { performance } from 'node:perf_hooks';

export interface Summary {
  median: number;
  min: number;
  max: number;
  p50: number;
  p99: number;
  runs: number;
}

/** Nearest-rank percentile (p in 0..100) of the samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Request latencies over several runs of the same kind: p50 and p99 are the medians of the runs' own (each listed). */
export interface RunsSummary extends Summary {
  p50s: number[];
  p99s: number[];
}

/**
 * One summary of `runs` separate runs of requests: the median of their p99s is what a run typically shows, where the
 * p99 of one run of 1,000 requests (its tenth slowest) moves by a few milliseconds from run to run on a shared
 * 2-core machine. Each run's p50 and p99 are kept, so the spread is in results.json.
 */
export function summarizeRuns(runs: number[][]): RunsSummary {
  const each = runs.map(summarize);
  const all = runs.flat();
  return {
    median: median(all), min: Math.min(...all), max: Math.max(...all), runs: all.length,
    p50: median(each.map((run) => run.p50)), p99: median(each.map((run) => run.p99)),
    p50s: each.map((run) => run.p50), p99s: each.map((run) => run.p99),
  };
}

export function median(samples: number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function summarize(samples: number[]): Summary {
  return {
    median: median(samples),
    min: Math.min(...samples),
    max: Math.max(...samples),
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    runs: samples.length,
  };
}

export interface Paired {
  a: Summary;
  b: Summary;
  /** Per-round a/b ratios: drift that moves both sides of a round cancels. */
  ratio: Summary;
}

/**
 * Runs `a` and `b` in turn for `rounds` rounds after `warmup` untimed rounds, swapping which goes first
 * every round (A B, B A, A B, ...) so that neither side always runs on a warmer or colder machine.
 * Each function returns the duration it measured (ms), so it can time a round trip or a child process.
 * `warmupMs` extends the warm-up until that much time has passed (at most 50 rounds): on a busy machine
 * the optimising compiler's background threads need wall time, not a count of runs.
 */
export async function alternate(rounds: number, warmup: number, a: () => Promise<number> | number, b: () => Promise<number> | number, warmupMs = 0): Promise<Paired> {
  const warmupStart = performance.now();
  for (let round = 0; round < warmup || (round < 50 && performance.now() - warmupStart < warmupMs); round++) {
    await a();
    await b();
  }
  const aTimes: number[] = [];
  const bTimes: number[] = [];
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      aTimes.push(await a());
      bTimes.push(await b());
    } else {
      bTimes.push(await b());
      aTimes.push(await a());
    }
  }
  return pairSamples(aTimes, bTimes);
}

/** Summaries of two sides measured in pairs (same index, same round), and of their per-pair ratios. */
export function pairSamples(a: number[], b: number[]): Paired {
  return { a: summarize(a), b: summarize(b), ratio: summarize(a.map((value, index) => value / b[index])) };
}

/**
 * Times a synchronous action after a full garbage collection (when the process allows one): wall ms, and
 * the process's CPU ms (all threads, GC helpers included), which other work on the machine disturbs less.
 */
export function timeSync(action: () => unknown): { wall: number; cpu: number } {
  collectGarbage();
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  action();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

/** A full GC before a timed run, so one side's garbage is not collected on the other side's clock. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
