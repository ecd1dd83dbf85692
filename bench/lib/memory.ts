/** Memory probes: a callable gc (enabled at run time) and a snapshot of heap and peak RSS. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let cachedGc: (() => void) | null | undefined;

/** A full GC function, enabling --expose-gc at run time when the process was started without it. */
export function getGc(): (() => void) | null {
  if (cachedGc !== undefined) return cachedGc;
  const g = (globalThis as { gc?: () => void }).gc;
  if (typeof g === 'function') return (cachedGc = g);
  try {
    setFlagsFromString('--expose-gc');
    cachedGc = runInNewContext('gc') as () => void;
  } catch {
    cachedGc = null;
  }
  return cachedGc;
}

export interface MemorySnapshot {
  readonly heapUsed: number;
  /** Peak resident set size of the whole process so far (bytes). */
  readonly maxRss: number;
}

export function memorySnapshot(): MemorySnapshot {
  return { heapUsed: process.memoryUsage().heapUsed, maxRss: process.resourceUsage().maxRSS * 1024 };
}
