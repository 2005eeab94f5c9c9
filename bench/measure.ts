// Small measuring tools: latency summaries, heap after a full collection, the event loop's
// delay while something runs.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";

export interface LatencySummary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of already sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** p50/p95/p99/max/mean of millisecond samples, rounded to microseconds. */
export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? 0),
    mean: round(sorted.length ? sum / sorted.length : 0),
  };
}

export interface HeapFigures {
  /** V8 heap in use after a full collection, MiB. */
  heapUsedMiB: number;
  /** Typed-array backing stores (outside the V8 heap), MiB. */
  arrayBuffersMiB: number;
  /** The two together: what the process holds for JavaScript data. */
  totalMiB: number;
}

const MiB = 1024 * 1024;

/** Collects garbage (when exposed) and reads the heap. */
export function heapNow(): HeapFigures {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const m = process.memoryUsage();
  return {
    heapUsedMiB: round(m.heapUsed / MiB, 1),
    arrayBuffersMiB: round(m.arrayBuffers / MiB, 1),
    totalMiB: round((m.heapUsed + m.arrayBuffers) / MiB, 1),
  };
}

/** CPU time this process has used since `start` (a `process.cpuUsage()`), ms: every thread, user and system. */
export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

export const hasGc = (): boolean => typeof (globalThis as { gc?: unknown }).gc === "function";

/** Milliseconds taken by a synchronous function, and its value. */
export function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

export async function timedAsync<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

export interface LoopDelay {
  /** Worst lateness of a 1 ms timer (perf_hooks histogram), ms. */
  maxMs: number;
  p99Ms: number;
  /** Worst gap between two ticks of a 1 ms interval, minus the interval, ms (a cross-check). */
  probeMaxMs: number;
}

/**
 * Runs `task` while watching the event loop: a perf_hooks delay histogram at 1 ms resolution
 * and an interval probe. The figures say how long the loop could not serve anything else.
 */
export async function watchEventLoop<T>(task: () => Promise<T>): Promise<{ value: T; delay: LoopDelay; ms: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const interval = 1;
  let last = performance.now();
  let probeMax = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    const late = now - last - interval;
    probeMax = Math.max(probeMax, late);
    last = now;
  }, interval);
  histogram.enable();
  await sleep(20);
  const start = performance.now();
  try {
    const value = await task();
    const ms = performance.now() - start;
    await sleep(20);
    return {
      value,
      ms,
      delay: {
        maxMs: round(histogram.max / 1e6, 1),
        p99Ms: round(histogram.percentile(99) / 1e6, 1),
        probeMaxMs: round(Math.max(0, probeMax), 1),
      },
    };
  } finally {
    clearInterval(probe);
    histogram.disable();
  }
}
