/** The performance targets the bench reports against (PASS/MISS with the gap). */

export interface Target {
  readonly key: string;
  readonly label: string;
  readonly op: '>=' | '<=';
  readonly value: number;
  readonly unit: string;
}

export const TARGETS: readonly Target[] = [
  { key: 'cleanerMBps', label: 'cleaner throughput', op: '>=', value: 50, unit: 'MB/s' },
  { key: 'speedupVsReadability', label: 'cleaner vs Readability', op: '>=', value: 20, unit: 'x' },
  { key: 'growthRatio4x', label: 'cleaner cost at 4x input', op: '<=', value: 4.5, unit: 'x of 1x' },
  { key: 'handlerArticlesPerSec', label: 'handler path', op: '>=', value: 2000, unit: 'articles/s' },
  { key: 'bundleBytes', label: 'Lambda bundle (SDK bundled, minified)', op: '<=', value: 400 * 1024, unit: 'bytes' },
  { key: 'initMs', label: 'module init (import)', op: '<=', value: 50, unit: 'ms' },
  { key: 'localArticlesPerSec', label: 'local stack end to end', op: '>=', value: 200, unit: 'articles/s' },
] as const;

export interface TargetVerdict {
  readonly target: Target;
  readonly actual: number | null;
  readonly status: 'PASS' | 'MISS' | 'n/a';
  /** Signed distance to the target in the target's unit (positive = better than the target). */
  readonly margin: number | null;
  /** actual / target for ">=" targets, target / actual for "<=" targets (>= 1 passes). */
  readonly ratio: number | null;
}

export function judge(target: Target, actual: number | null | undefined): TargetVerdict {
  if (actual === null || actual === undefined || !Number.isFinite(actual)) {
    return { target, actual: null, status: 'n/a', margin: null, ratio: null };
  }
  const pass = target.op === '>=' ? actual >= target.value : actual <= target.value;
  const margin = target.op === '>=' ? actual - target.value : target.value - actual;
  const ratio = target.op === '>=' ? actual / target.value : actual === 0 ? Number.POSITIVE_INFINITY : target.value / actual;
  return { target, actual, status: pass ? 'PASS' : 'MISS', margin, ratio };
}
