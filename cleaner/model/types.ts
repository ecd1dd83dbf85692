import type { LinearLayer, SmoothingParams } from './linear.ts';

export type { LinearLayer, SmoothingParams };

/** Shape of the generated weights module (cleaner/model/weights.ts). */
export interface ModelWeights {
  /** Changes whenever the features or the training data change. */
  readonly version: string;
  /** Logistic regression over the line features (FEATURE_NAMES order). */
  readonly stage1: LinearLayer;
  /** Logistic regression over stage-1 probabilities of the neighbours; null = not used. */
  readonly stage2: LinearLayer | null;
  /** Two-state smoothing over lines; null = not used. */
  readonly smoothing: SmoothingParams | null;
  /** Decision threshold picked by cross-validation (keep a line when p >= threshold). */
  readonly threshold: number;
}
