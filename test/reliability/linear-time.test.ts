/**
 * The cleaner's work must grow linearly with its input, whatever the input looks like:
 * no catastrophic regex backtracking, no quadratic line comparisons. For each pathological
 * shape we time clean() on an input of size n and of size 4n in the same process, and
 * compare the two (a RATIO, never a wall-clock limit): linear work gives ~4x, quadratic
 * ~16x. We allow up to 6x (median of several runs, CPU time of this process) for noise.
 */
import { describe, expect, it } from 'vitest';
import { clean } from '../../cleaner/index.ts';

/** Upper bound on cost(4n) / cost(n). Linear is 4; quadratic is 16. */
const MAX_RATIO = 6;
/** Runs per size; the median is compared. */
const RUNS = 3;
/** Extra measurements allowed when one looks non-linear (shared, noisy machine). */
const RETRIES = 2;

interface Shape {
  readonly name: string;
  /** Builds an input of "size" n (characters or lines, see the name). */
  readonly make: (n: number) => string;
  readonly n: number;
}

const words = (n: number, w: string): string => w.repeat(Math.ceil(n / w.length)).slice(0, n);
const lines = (n: number, f: (i: number) => string): string => {
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = f(i);
  return out.join('\n');
};

/**
 * Pathological inputs. Line-shaped inputs are small because the cleaner spends ~0.1-0.4 ms per
 * line (measured), so 4n lines stays a few hundred ms; one-line inputs go to 400k characters.
 */
const SHAPES: readonly Shape[] = [
  { name: 'long run of spaces inside one line', n: 100_000, make: (n) => `Start ${' '.repeat(n)} end.` },
  { name: 'long run of tabs and NBSP', n: 100_000, make: (n) => `Start ${words(n, '\t\u00a0 ')} end.` },
  { name: 'punctuation soup', n: 100_000, make: (n) => words(n, '.,;:!?-—"\'()[]') },
  { name: "'((((' without closers", n: 100_000, make: (n) => `Photo ${'('.repeat(n)} Reuters` },
  { name: "'By By By…'", n: 100_000, make: (n) => words(n, 'By ') },
  { name: 'repeated token, one line', n: 100_000, make: (n) => words(n, 'Reuters ') },
  { name: 'repeated credit fragments', n: 100_000, make: (n) => `Photo: ${words(n, 'Jane Doe/Reuters/AP ')}` },
  { name: 'dateline-like prefix repeated', n: 100_000, make: (n) => words(n, 'LONDON (Reuters) - ') },
  { name: 'dates repeated', n: 100_000, make: (n) => words(n, 'Published 3 March 2024 10:15 GMT ') },
  { name: 'URL-ish run', n: 100_000, make: (n) => `https://${words(n, 'a.b/')}` },
  { name: 'one line without a newline (prose)', n: 128 * 1024, make: (n) => words(n, 'The council said the bridge would reopen after repairs. ') },
  { name: "lines of 'a' (up to 100k lines)", n: 25_000, make: (n) => lines(n, () => 'a') },
  { name: 'distinct short lines', n: 1_000, make: (n) => lines(n, (i) => `item ${i}`) },
  { name: 'repeated boilerplate lines', n: 1_000, make: (n) => lines(n, (i) => (i % 2 ? 'Share this article' : 'Advertisement')) },
  { name: 'repeated prose lines (duplicate detection)', n: 500, make: (n) => lines(n, (i) => `Paragraph ${i % 50} said the council on Tuesday after a long meeting.`) },
  { name: 'distinct prose lines', n: 500, make: (n) => lines(n, (i) => `Paragraph ${i} said the council on Tuesday after a long meeting about bridges.`) },
  { name: 'blank lines only', n: 1_000, make: (n) => lines(n, () => '   ') },
  { name: 'CR-only line breaks', n: 1_000, make: (n) => Array.from({ length: n }, (_, i) => `line ${i % 7}`).join('\r') },
];

/** CPU time (user + system, microseconds) of one call. */
function cpuCost(input: string, work: (s: string) => unknown = clean): number {
  const before = process.cpuUsage();
  work(input);
  const used = process.cpuUsage(before);
  return used.user + used.system;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function ratio(shape: Shape, work: (s: string) => unknown = clean): { small: number; large: number; ratio: number } {
  const a = shape.make(shape.n);
  const b = shape.make(shape.n * 4);
  work(a); // warm-up: JIT and lazy tables
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    small.push(cpuCost(a, work));
    large.push(cpuCost(b, work));
  }
  const s = Math.max(median(small), 1);
  const l = median(large);
  return { small: s, large: l, ratio: l / s };
}

describe('cleaner work grows linearly with input size', () => {
  it.each(SHAPES.map((s) => [s.name, s] as const))('%s', { timeout: 180_000 }, (_name, shape) => {
    let r = ratio(shape);
    // Re-measure if the first looks non-linear: the machine is shared, and a noisy neighbour
    // (or a GC) can inflate one sample; a real quadratic stays ~16x on every attempt.
    for (let i = 0; i < RETRIES && r.ratio > MAX_RATIO; i++) r = ratio(shape);
    expect(r.ratio, `cost(n)=${r.small}us cost(4n)=${r.large}us`).toBeLessThanOrEqual(MAX_RATIO);
  });
});

describe('the measurement can fail', () => {
  it('a deliberately quadratic line de-duplication is flagged', () => {
    const quadratic = (text: string): number => {
      const seen: string[] = [];
      for (const line of text.split('\n')) if (!seen.includes(line)) seen.push(line);
      return seen.length;
    };
    const shape: Shape = { name: 'distinct lines', n: 4_000, make: (n) => lines(n, (i) => `item ${i}`) };
    expect(ratio(shape, quadratic).ratio).toBeGreaterThan(MAX_RATIO);
  });
});
