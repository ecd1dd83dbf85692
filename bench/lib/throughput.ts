/**
 * Single-core throughput of a text function over a list of pages: warm-up, then several timed
 * runs over every page; MB/s and pages/s are medians over runs, per-page p50/p99 come from every
 * page timing of every run.
 */
import { performance } from 'node:perf_hooks';
import { getGc, memorySnapshot } from './memory.ts';
import { mbPerSec, median, percentile, sum } from './stats.ts';

export interface ThroughputOptions {
  /** Untimed passes over all pages first (JIT warm-up). */
  readonly warmupRuns: number;
  /** Timed passes over all pages. */
  readonly runs: number;
  /** UTF-8 bytes the throughput is expressed in (default: the inputs' own bytes). */
  readonly bytes?: number;
}

export interface ThroughputResult {
  readonly pages: number;
  readonly bytes: number;
  readonly runs: number;
  /** Wall time of each timed run (ms). */
  readonly runMs: readonly number[];
  readonly medianRunMs: number;
  /** CPU time (user + system, all threads of the process) of each timed run (ms). */
  readonly runCpuMs: readonly number[];
  readonly mbps: number;
  /** Throughput by CPU time instead of wall time: less sensitive to a busy shared machine. */
  readonly mbpsCpu: number;
  readonly pagesPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxPageMs: number;
  /** Heap growth while holding every result of one pass (after GC both sides), bytes. */
  readonly retainedHeapBytes: number;
  /** Largest heap growth seen during one pass without GC (allocation pressure), bytes. */
  readonly peakHeapDeltaBytes: number;
  /** Process peak RSS right after this measurement (bytes; process-wide, cumulative). */
  readonly maxRssBytes: number;
}

/** Keeps results reachable so the optimiser cannot drop the calls. */
let sink: unknown;

export function measureThroughput<I>(
  fn: (input: I) => unknown,
  inputs: readonly I[],
  options: ThroughputOptions,
  byteLength: (input: I) => number,
): ThroughputResult {
  const bytes = options.bytes ?? sum(inputs.map(byteLength));
  for (let w = 0; w < options.warmupRuns; w++) for (const input of inputs) sink = fn(input);

  const gc = getGc();
  // Memory pass: results retained, heap compared after GC.
  gc?.();
  const before = memorySnapshot();
  const kept: unknown[] = [];
  let peakHeap = before.heapUsed;
  for (const input of inputs) {
    kept.push(fn(input));
    const h = process.memoryUsage().heapUsed;
    if (h > peakHeap) peakHeap = h;
  }
  gc?.();
  const retainedHeapBytes = Math.max(0, memorySnapshot().heapUsed - before.heapUsed);
  sink = kept.length;
  kept.length = 0;

  const runMs: number[] = [];
  const runCpuMs: number[] = [];
  const pageMs: number[] = [];
  for (let r = 0; r < options.runs; r++) {
    gc?.();
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    for (const input of inputs) {
      const t0 = performance.now();
      sink = fn(input);
      pageMs.push(performance.now() - t0);
    }
    runMs.push(performance.now() - start);
    const cpu = process.cpuUsage(cpu0);
    runCpuMs.push((cpu.user + cpu.system) / 1000);
  }
  const medianRunMs = median(runMs);
  return {
    pages: inputs.length,
    bytes,
    runs: options.runs,
    runMs,
    medianRunMs,
    runCpuMs,
    mbps: mbPerSec(bytes, medianRunMs),
    mbpsCpu: mbPerSec(bytes, median(runCpuMs)),
    pagesPerSec: (inputs.length * 1000) / medianRunMs,
    p50Ms: percentile(pageMs, 50),
    p99Ms: percentile(pageMs, 99),
    maxPageMs: Math.max(...pageMs),
    retainedHeapBytes,
    peakHeapDeltaBytes: Math.max(0, peakHeap - before.heapUsed),
    maxRssBytes: memorySnapshot().maxRss,
  };
}

/** For tests and debugging: the last value the measured function returned. */
export function lastSink(): unknown {
  return sink;
}
