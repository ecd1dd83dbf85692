/**
 * Statistical line model of the cleaner: for the normalised non-blank lines of a page, the
 * probability that each line is article body. Pure code; the weights ship as a generated data
 * module (weights.ts) produced by scripts/train-model.ts.
 */
import { extractFeatures, FEATURE_NAMES } from './features.ts';
import {
  predictLinear, smoothProbabilities, stage2Features, STAGE2_FEATURES, viterbiBody,
  type LinearLayer, type SmoothingParams,
} from './linear.ts';
import { buildStopTable } from './stop-table.ts';
import { STOP_LISTS } from './stopwords.ts';
import { WEIGHTS } from './weights.ts';
import { ModelWeightsError } from './errors.ts';
import type { ModelWeights } from './types.ts';

export type { ModelWeights, LinearLayer, SmoothingParams };
export { ModelError, ModelWeightsError } from './errors.ts';
export { viterbiBody, smoothProbabilities };

export const MODEL_VERSION: string = WEIGHTS.version;

/** Decision threshold chosen by cross-validation: keep a line when its probability is >= this. */
export const BODY_THRESHOLD: number = WEIGHTS.threshold;

const STOP_TABLE = buildStopTable(STOP_LISTS);

function checkLayer(name: string, layer: LinearLayer, expected: readonly string[]): void {
  const d = expected.length;
  if (layer.features.length !== d || layer.features.some((f, i) => f !== expected[i])) {
    throw new ModelWeightsError(name, `features differ from the extractor's (${layer.features.length} vs ${d}); retrain with scripts/train-model.ts --write`);
  }
  if (layer.mean.length !== d || layer.scale.length !== d || layer.weights.length !== d) {
    throw new ModelWeightsError(name, `expected ${d} means, scales and weights`);
  }
}

/** Throws ModelWeightsError if `w` does not fit the feature extractor. */
export function validateWeights(w: ModelWeights): void {
  checkLayer('stage1', w.stage1, FEATURE_NAMES);
  if (w.stage2) checkLayer('stage2', w.stage2, STAGE2_FEATURES);
}

validateWeights(WEIGHTS);

/**
 * Probability that each line is article body (same length and order as `lines`).
 * `lines`: the normalised non-blank lines of one page; `language`: ISO 639-1 code if known
 * (picks the stop-word list; otherwise the best of a few common lists is used).
 */
export function bodyProbabilities(lines: readonly string[], language?: string): Float64Array {
  const n = lines.length;
  if (n === 0) return new Float64Array(0);
  const x = extractFeatures(lines, STOP_TABLE, language);
  let p = predictLinear(x, n, WEIGHTS.stage1);
  if (WEIGHTS.stage2) p = predictLinear(stage2Features(p), n, WEIGHTS.stage2);
  if (WEIGHTS.smoothing) p = smoothProbabilities(p, WEIGHTS.smoothing);
  return p;
}

/** Convenience: which lines the model keeps as body at the cross-validated threshold. */
export function bodyMask(lines: readonly string[], language?: string): boolean[] {
  return Array.from(bodyProbabilities(lines, language), (p) => p >= BODY_THRESHOLD);
}
