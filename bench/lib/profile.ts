/**
 * Profile one part under `node --cpu-prof` and print its hot spots:
 *   npx tsx bench/lib/profile.ts cleaner|handler|handler-sdk|local [--corpus DIR] [--seconds N] [--count N]
 * (re-runs itself under --cpu-prof; the .cpuprofile lands in bench/results/profiles/).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCorpus, DEFAULT_CORPUS } from './corpus.ts';
import { summariseProfile, type CpuProfile } from './cpuprofile.ts';
import { measureHandler } from './handler.ts';
import { loadPart, PROJECT_ROOT } from './load.ts';
import { renderTable } from './table.ts';

const [target = 'cleaner', ...rest] = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = rest.indexOf(name);
  return i >= 0 ? (rest[i + 1] ?? fallback) : fallback;
};
const corpusDir = resolve(PROJECT_ROOT, flag('--corpus', DEFAULT_CORPUS));
const seconds = Number(flag('--seconds', '8'));
const outDir = resolve(PROJECT_ROOT, 'bench/results/profiles');

async function workload(): Promise<void> {
  const corpus = await loadCorpus(corpusDir);
  const deadline = performance.now() + seconds * 1000;
  if (target === 'cleaner') {
    const { clean } = await loadPart<{ clean: (t: string) => unknown }>('cleaner', 'cleaner/index.ts');
    while (performance.now() < deadline) for (const p of corpus.pages) clean(p);
  } else if (target === 'handler' || target === 'handler-sdk') {
    const transport = target === 'handler' ? 'mock' : 'stub-http';
    while (performance.now() < deadline) await measureHandler(corpus.pages, { batchSize: 10, runs: 1, warmupRuns: 0 }, transport);
  } else if (target === 'local') {
    const { measureLocal } = await import('./local.ts');
    await measureLocal(Number(flag('--count', '200')));
  } else {
    throw new Error(`unknown target ${target}: cleaner|handler|handler-sdk|local`);
  }
}

if (process.env.BENCH_PROFILE_CHILD === '1') {
  await workload();
} else {
  mkdirSync(outDir, { recursive: true });
  const before = new Set(readdirSync(outDir));
  execFileSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${outDir}`, '--import', 'tsx', new URL(import.meta.url).pathname, target, ...rest], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, BENCH_PROFILE_CHILD: '1' },
    stdio: 'inherit',
  });
  const file = readdirSync(outDir)
    .filter((f) => f.endsWith('.cpuprofile') && !before.has(f))
    .map((f) => join(outDir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!file) throw new Error('no profile written');
  const summary = summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, PROJECT_ROOT, 25);
  const rows = (list: typeof summary.functions, key: 'selfMs' | 'totalMs' = 'selfMs') =>
    list.map((h) => [h.name.slice(0, 110), (h[key] ?? h.selfMs).toFixed(0), `${((100 * (h[key] ?? h.selfMs)) / summary.totalMs).toFixed(1)}%`]);
  console.log(`profile: ${file} (${summary.totalMs.toFixed(0)} ms sampled)\n`);
  console.log(renderTable(['function (self time)', 'ms', '%'], rows(summary.functions)));
  console.log(`\n${renderTable(['file (self time)', 'ms', '%'], rows(summary.files))}`);
  console.log(`\n${renderTable(['function (inclusive time)', 'ms', '%'], rows(summary.inclusive))}`);
}
