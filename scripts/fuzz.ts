/**
 * Property fuzzing of the cleaner with fast-check.
 *
 *   npm run fuzz [-- --runs 100000] [--seed 42] [--workers 2]
 *
 * --no-idempotence checks properties 1, 2 and 4 only (to search past a known idempotence failure).
 * --workers N splits the runs over N processes (seeds seed, seed+1, ...): the runs are
 * independent, so this is the same search in 1/N of the time on N free cores.
 *
 * Properties, checked on every generated page (see scripts/fuzz-arbitraries.ts):
 *   1. clean() never throws;
 *   2. every output string is well-formed Unicode (no lone surrogates) when the input is;
 *   3. idempotent (as test/cleaner/invariants.test.ts defines it): cleaning title + "\n\n" + body
 *      again gives the same title and the same body;
 *   4. no invented text: title, every paragraph, caption, credit and author is a substring
 *      of the normalised input.
 * test/reliability/fuzz.test.ts runs the same properties with a few hundred runs in `npm test`.
 */
import fc from 'fast-check';
import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { clean } from '../cleaner/index.ts';
import { normalise } from '../cleaner/steps/normalise.ts';
import type { CleanResult } from '../cleaner/types.ts';
import { page } from './fuzz-arbitraries.ts';

export const DEFAULT_RUNS = 100_000;

/** String.prototype.isWellFormed (Node 20+; ES2024, newer than the tsconfig lib). */
export function isWellFormed(s: string): boolean {
  return (s as unknown as { isWellFormed(): boolean }).isWellFormed();
}

/** Every string the result exposes, with a label for failure messages. */
function outputStrings(r: CleanResult): Array<[label: string, value: string]> {
  const out: Array<[string, string]> = [['body', r.body], ['language', r.language]];
  if (r.title !== null) out.push(['title', r.title]);
  if (r.publishedAt !== null) out.push(['publishedAt', r.publishedAt]);
  r.paragraphs.forEach((p, i) => out.push([`paragraphs[${i}]`, p]));
  r.authors.forEach((a, i) => out.push([`authors[${i}]`, a]));
  r.agencies.forEach((a, i) => out.push([`agencies[${i}]`, a]));
  r.images.forEach((img, i) => {
    if (img.caption !== null) out.push([`images[${i}].caption`, img.caption]);
    if (img.credit !== null) out.push([`images[${i}].credit`, img.credit]);
  });
  r.removed.forEach((l, i) => out.push([`removed[${i}].text`, l.text]));
  return out;
}

/** The text a reader would re-submit: title, blank line, body. */
export function assemble(r: CleanResult): string {
  return r.title === null ? r.body : `${r.title}\n\n${r.body}`;
}

/** Checks the four properties on one input; returns null when all hold, else what broke. */
export interface CheckOptions {
  /** Check property 3 (idempotence). @default true */
  readonly idempotence?: boolean;
}

export function checkCleanerProperties(
  input: string,
  cleanFn: (text: string) => CleanResult = clean,
  opts: CheckOptions = {},
): string | null {
  let r: CleanResult;
  try {
    r = cleanFn(input);
  } catch (err) {
    return `clean() threw: ${(err as Error)?.stack ?? String(err)}`;
  }

  // A well-formed input must give well-formed output (no pair split by slicing); an input
  // with lone surrogates (possible from callers other than the decoder) must only not throw.
  const wellFormedInput = isWellFormed(input);
  for (const [label, value] of outputStrings(r)) {
    if (typeof value !== 'string') return `${label} is not a string`;
    if (wellFormedInput && !isWellFormed(value)) return `${label} is not well-formed Unicode: ${JSON.stringify(value)}`;
  }
  if (r.body !== r.paragraphs.join('\n\n')) return 'body is not paragraphs joined by a blank line';

  const source = normalise(input);
  const mustBeFromInput: Array<[string, string]> = [];
  if (r.title !== null) mustBeFromInput.push(['title', r.title]);
  r.paragraphs.forEach((p, i) => mustBeFromInput.push([`paragraphs[${i}]`, p]));
  r.images.forEach((img, i) => {
    if (img.caption !== null) mustBeFromInput.push([`images[${i}].caption`, img.caption]);
    if (img.credit !== null) mustBeFromInput.push([`images[${i}].credit`, img.credit]);
  });
  for (const [label, value] of mustBeFromInput) {
    if (!source.includes(value)) return `${label} is not in the normalised input (invented text): ${JSON.stringify(value)}`;
  }

  if (opts.idempotence === false) return null;
  let again: CleanResult;
  try {
    again = cleanFn(assemble(r));
  } catch (err) {
    return `re-cleaning threw: ${(err as Error)?.stack ?? String(err)}`;
  }
  if (again.body !== r.body) {
    return `not idempotent: body ${JSON.stringify(r.body.slice(0, 300))} became ${JSON.stringify(again.body.slice(0, 300))}`;
  }
  if (again.title !== r.title) return `not idempotent: title ${JSON.stringify(r.title)} became ${JSON.stringify(again.title)}`;
  return null;
}

/** The fast-check property: a failing check message becomes the counterexample's error. */
export const cleanerProperty = fc.property(page, (input) => {
  const problem = checkCleanerProperties(input);
  if (problem !== null) throw new Error(problem);
});

function argValue(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** Progress is written synchronously: fc.check blocks the event loop, so timers never fire. */
const PROGRESS_EVERY = 5_000;

/** Runs the property in `workers` child processes; resolves to the worst exit code. */
async function runWorkers(workers: number, runs: number, seed: number, idempotence: boolean): Promise<number> {
  const per = Math.ceil(runs / workers);
  const codes = await Promise.all(
    Array.from({ length: workers }, (_, i) => {
      const args = ['--runs', String(per), '--seed', String(seed + i), '--workers', '1', '--label', `worker ${i + 1}/${workers}`];
      if (!idempotence) args.push('--no-idempotence');
      const child = fork(fileURLToPath(import.meta.url), args, {
        stdio: 'inherit',
      });
      return new Promise<number>((resolveCode) => child.on('exit', (code) => resolveCode(code ?? 1)));
    }),
  );
  return Math.max(...codes);
}

export async function main(argv: readonly string[]): Promise<number> {
  const runs = Number(argValue(argv, '--runs') ?? DEFAULT_RUNS);
  const workers = Number(argValue(argv, '--workers') ?? 1);
  const label = argValue(argv, '--label') ?? 'fuzz';
  const idempotence = !argv.includes('--no-idempotence');
  const seedArg = argValue(argv, '--seed');
  const seed = seedArg === undefined ? Date.now() ^ 0x5eed : Number(seedArg);
  if (!Number.isSafeInteger(runs) || runs <= 0 || !Number.isSafeInteger(workers) || workers <= 0) {
    console.error('fuzz: --runs and --workers must be positive integers');
    return 2;
  }
  const started = performance.now();
  const seconds = (): string => ((performance.now() - started) / 1000).toFixed(1);
  if (workers > 1) {
    const code = await runWorkers(workers, runs, seed, idempotence);
    console.log(`fuzz: ${code === 0 ? 'all' : 'NOT all'} ${workers} workers passed, ${runs} runs in total, ${seconds()}s wall (seeds ${seed}..${seed + workers - 1})`);
    return code;
  }
  let done = 0;
  const property = fc.property(page, (input) => {
    if (++done % PROGRESS_EVERY === 0) process.stderr.write(`${label}: ${done}/${runs} runs, ${seconds()}s\n`);
    const problem = checkCleanerProperties(input, clean, { idempotence });
    if (problem !== null) throw new Error(problem);
  });
  const details = fc.check(property, { numRuns: runs, seed });
  if (details.failed) {
    console.error(fc.defaultReportMessage(details) ?? 'fuzz: failed');
    console.error(`${label}: ${(details.errorInstance as Error | null)?.message ?? String(details.errorInstance)}`);
    console.error(`${label}: FAILED after ${details.numRuns} runs in ${seconds()}s (seed ${seed})`);
    return 1;
  }
  console.log(`${label}: ${details.numRuns} runs passed in ${seconds()}s (seed ${seed})`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
