/**
 * A snapshot of what clean() makes of a fixed set of inputs, so a speed-up can be shown to change
 * nothing: take a snapshot before, optimise, compare after.
 *
 *   npx tsx scripts/output-snapshot.ts --out before.jsonl [DIR...]
 *   npx tsx scripts/output-snapshot.ts --compare before.jsonl [DIR...]
 *
 * Inputs: every .txt page under each DIR (e.g. ../shared/benchmarks/article-body), 300 generated
 * pages (bench/lib/generate.ts) and 3,000 random pages from the fuzz arbitraries, all seeded.
 * One JSON line per input: its name and the full CleanResult. --compare exits 1 and names the
 * first differing inputs and fields when anything changed.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { clean } from '../cleaner/index.ts';
import { generatePages } from '../bench/lib/generate.ts';
import { page as fuzzPage } from './fuzz-arbitraries.ts';

const GENERATED_PAGES = 300;
const FUZZ_PAGES = 3000;
const FUZZ_SEED = 20261128;
const MAX_REPORTED = 10;

interface Input {
  readonly name: string;
  readonly text: string;
}

async function corpusInputs(dir: string): Promise<Input[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.txt')).sort();
  return Promise.all(names.map(async (n) => ({ name: join(dir, n), text: await readFile(join(dir, n), 'utf8') })));
}

async function inputs(dirs: readonly string[]): Promise<Input[]> {
  const out: Input[] = [];
  for (const dir of dirs) out.push(...(await corpusInputs(dir)));
  generatePages(GENERATED_PAGES, 1).forEach((text, i) => out.push({ name: `generated/${i}`, text }));
  fc.sample(fuzzPage, { seed: FUZZ_SEED, numRuns: FUZZ_PAGES }).forEach((text, i) => out.push({ name: `fuzz/${i}`, text }));
  return out;
}

function differingFields(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

async function main(argv: readonly string[]): Promise<number> {
  const mode = argv[0];
  const file = argv[1];
  if ((mode !== '--out' && mode !== '--compare') || !file) {
    process.stderr.write('usage: output-snapshot.ts --out FILE | --compare FILE [DIR...]\n');
    return 2;
  }
  const lines = (await inputs(argv.slice(2))).map((i) => JSON.stringify({ name: i.name, result: clean(i.text) }));
  if (mode === '--out') {
    await writeFile(file, `${lines.join('\n')}\n`);
    process.stdout.write(`${lines.length} results written to ${file}\n`);
    return 0;
  }
  const before = (await readFile(file, 'utf8')).trimEnd().split('\n');
  let differing = 0;
  if (before.length !== lines.length) process.stdout.write(`input count differs: ${before.length} before, ${lines.length} now\n`);
  for (let i = 0; i < Math.min(before.length, lines.length); i++) {
    if (before[i] === lines[i]) continue;
    differing++;
    if (differing > MAX_REPORTED) continue;
    const a = JSON.parse(before[i]!) as { name: string; result: Record<string, unknown> };
    const b = JSON.parse(lines[i]!) as { name: string; result: Record<string, unknown> };
    process.stdout.write(`${b.name}: ${differingFields(a.result, b.result).join(', ')}\n`);
  }
  process.stdout.write(differing === 0 && before.length === lines.length
    ? `identical: ${lines.length} results\n`
    : `${differing} of ${lines.length} results differ\n`);
  return differing === 0 && before.length === lines.length ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
