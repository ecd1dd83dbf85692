/**
 * The model's arithmetic, shared by run time (index.ts) and the training script so both
 * compute exactly the same thing: standardised logistic regression, the stage-2
 * "auto-context" features built from stage-1 probabilities, and the two-state
 * forward-backward smoothing over the page's lines.
 */
import { maxSumRun } from './features.ts';

export interface LinearLayer {
  /** Feature names, in column order (checked against the extractor at load). */
  readonly features: readonly string[];
  readonly mean: readonly number[];
  readonly scale: readonly number[];
  readonly bias: number;
  /** Weights on standardised features. */
  readonly weights: readonly number[];
}

export interface SmoothingParams {
  /** Probability that the state (body / not body) changes between two lines. */
  readonly switchProb: number;
  /** Share of body lines the stage-1 posteriors were trained with (turns posteriors into likelihoods). */
  readonly prior: number;
  /** Exponent on the likelihood ratios: < 1 trusts the classifier less than the transitions. */
  readonly sharpness: number;
}

const P_MIN = 1e-6;

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function logit(p: number): number {
  const q = Math.min(1 - P_MIN, Math.max(P_MIN, p));
  return Math.log(q / (1 - q));
}

/** Logistic regression over the rows of a row-major matrix with `layer.features.length` columns. */
export function predictLinear(x: Float64Array, rows: number, layer: LinearLayer): Float64Array {
  const d = layer.weights.length;
  const out = new Float64Array(rows);
  // fold the standardisation into the weights once per call
  const w = new Float64Array(d);
  let b = layer.bias;
  for (let j = 0; j < d; j++) {
    const s = layer.scale[j]!;
    w[j] = s > 0 ? layer.weights[j]! / s : 0;
    b -= w[j]! * layer.mean[j]!;
  }
  for (let i = 0; i < rows; i++) {
    let z = b;
    const o = i * d;
    for (let j = 0; j < d; j++) z += w[j]! * x[o + j]!;
    out[i] = sigmoid(z);
  }
  return out;
}

/** Names of the stage-2 columns, built from a page's stage-1 probabilities. */
export const STAGE2_FEATURES: readonly string[] = [
  'logit1', // stage-1 logit of the line
  'p1_w1', 'p1_w2', 'p1_w5', 'p1_w10', // mean stage-1 probability of the neighbours (excluding the line)
  'p1_prevMax3', 'p1_nextMax3', // max over the 3 lines before / after
  'p1_inRun', // inside the max-sum run of (p1 - 0.5)
  'p1_logDistRun', // log(1 + lines to that run)
  'p1_before', 'p1_after', // mean stage-1 probability of all lines before / after
];

const STAGE2_WINDOWS = [1, 2, 5, 10] as const;
const NEIGHBOUR_SPAN = 3;

/** Stage-2 feature matrix (row-major, STAGE2_FEATURES.length columns) from stage-1 probabilities. */
export function stage2Features(p1: Float64Array): Float64Array {
  const n = p1.length;
  const d = STAGE2_FEATURES.length;
  const x = new Float64Array(n * d);
  if (n === 0) return x;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + p1[i]!;
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) scores[i] = p1[i]! - 0.5;
  const [rs, re] = maxSumRun(scores);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    const p = p1[i]!;
    let c = 0;
    x[o + c++] = logit(p);
    for (const r of STAGE2_WINDOWS) {
      const lo = Math.max(0, i - r);
      const hi = Math.min(n, i + r + 1);
      const count = hi - lo - 1;
      x[o + c++] = count > 0 ? (prefix[hi]! - prefix[lo]! - p) / count : 0;
    }
    let pm = 0;
    for (let k = Math.max(0, i - NEIGHBOUR_SPAN); k < i; k++) pm = Math.max(pm, p1[k]!);
    let nm = 0;
    for (let k = i + 1; k <= Math.min(n - 1, i + NEIGHBOUR_SPAN); k++) nm = Math.max(nm, p1[k]!);
    x[o + c++] = pm;
    x[o + c++] = nm;
    x[o + c++] = i >= rs && i < re ? 1 : 0;
    x[o + c++] = Math.log1p(i < rs ? rs - i : i >= re ? i - re + 1 : 0);
    x[o + c++] = i > 0 ? prefix[i]! / i : 0;
    x[o + c++] = i < n - 1 ? (prefix[n]! - prefix[i + 1]!) / (n - 1 - i) : 0;
  }
  return x;
}

/**
 * Posterior probability of the "body" state for each line under a two-state hidden Markov
 * chain whose emissions are the classifier's probabilities (as likelihood ratios against the
 * training prior). Forward-backward in O(lines), scaled to avoid underflow.
 */
export function smoothProbabilities(p: Float64Array, params: SmoothingParams): Float64Array {
  const n = p.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const stay = 1 - params.switchProb;
  const sw = params.switchProb;
  const prior = Math.min(1 - P_MIN, Math.max(P_MIN, params.prior));
  const eB = new Float64Array(n);
  const eN = new Float64Array(n);
  const sharp1 = params.sharpness === 1;
  for (let i = 0; i < n; i++) {
    const q = Math.min(1 - P_MIN, Math.max(P_MIN, p[i]!));
    const b = q / prior;
    const m = (1 - q) / (1 - prior);
    eB[i] = sharp1 ? b : Math.pow(b, params.sharpness);
    eN[i] = sharp1 ? m : Math.pow(m, params.sharpness);
  }
  const fB = new Float64Array(n);
  const fN = new Float64Array(n);
  let b = prior * eB[0]!;
  let m = (1 - prior) * eN[0]!;
  let s = b + m;
  fB[0] = b / s;
  fN[0] = m / s;
  for (let i = 1; i < n; i++) {
    b = (fB[i - 1]! * stay + fN[i - 1]! * sw) * eB[i]!;
    m = (fN[i - 1]! * stay + fB[i - 1]! * sw) * eN[i]!;
    s = b + m;
    fB[i] = b / s;
    fN[i] = m / s;
  }
  let bB = 1;
  let bN = 1;
  out[n - 1] = fB[n - 1]!;
  for (let i = n - 2; i >= 0; i--) {
    const nb = stay * eB[i + 1]! * bB + sw * eN[i + 1]! * bN;
    const nn = sw * eB[i + 1]! * bB + stay * eN[i + 1]! * bN;
    s = nb + nn;
    bB = nb / s;
    bN = nn / s;
    const pb = fB[i]! * bB;
    const pn = fN[i]! * bN;
    out[i] = pb / (pb + pn);
  }
  return out;
}

/**
 * Most likely body/not-body labelling (Viterbi) under the same chain: 1 = body.
 * Exported for callers that want hard, contiguous decisions rather than probabilities.
 */
export function viterbiBody(p: Float64Array, params: SmoothingParams): Uint8Array {
  const n = p.length;
  const path = new Uint8Array(n);
  if (n === 0) return path;
  const lStay = Math.log(1 - params.switchProb);
  const lSw = Math.log(params.switchProb);
  const prior = Math.min(1 - P_MIN, Math.max(P_MIN, params.prior));
  const fromB = new Uint8Array(n); // best predecessor of state B at i (1 = B)
  const fromN = new Uint8Array(n);
  const em = (i: number): [number, number] => {
    const q = Math.min(1 - P_MIN, Math.max(P_MIN, p[i]!));
    return [params.sharpness * Math.log(q / prior), params.sharpness * Math.log((1 - q) / (1 - prior))];
  };
  let [vB, vN] = em(0);
  vB += Math.log(prior);
  vN += Math.log(1 - prior);
  for (let i = 1; i < n; i++) {
    const [eb, en] = em(i);
    const bb = vB + lStay;
    const nb = vN + lSw;
    const nn = vN + lStay;
    const bn = vB + lSw;
    fromB[i] = bb >= nb ? 1 : 0;
    fromN[i] = bn > nn ? 1 : 0;
    const newB = Math.max(bb, nb) + eb;
    const newN = Math.max(nn, bn) + en;
    vB = newB;
    vN = newN;
  }
  let state = vB >= vN ? 1 : 0;
  for (let i = n - 1; i >= 0; i--) {
    path[i] = state;
    state = state === 1 ? fromB[i]! : fromN[i]!;
  }
  return path;
}
