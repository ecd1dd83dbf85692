/**
 * Language-detector evaluation. Compares raw franc-min, raw tinyld/light and our
 * detectLanguage() on the news-text items (gold `language`) and on the article-body pages
 * (no gold: prints the distribution and every non-English guess with its URL host), then on
 * truncated prefixes of each news-text body (short-input behaviour).
 *
 * Usage: npx tsx scripts/eval-language.ts [sharedBenchmarksDir]
 *        (default ../shared/benchmarks relative to the project root)
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { franc } from 'franc-min';
import { detect as tinyDetect } from 'tinyld/light';
import { detectLanguage } from '../cleaner/metadata/index.ts';
import { ISO639_3_TO_1 } from '../cleaner/metadata/tables/languages.ts';

type Detector = (text: string) => string;

const DETECTORS: Readonly<Record<string, Detector>> = {
  'franc-min(raw)': (t) => ISO639_3_TO_1[franc(t)] ?? 'und',
  'tinyld/light(raw)': (t) => tinyDetect(t) || 'und',
  detectLanguage: detectLanguage,
};

const PREFIX_LENGTHS = [20, 40, 80, 160, 400] as const;

function main(argv: readonly string[]): number {
  const root = resolve(argv[0] ?? join(import.meta.dirname, '..', '..', 'shared', 'benchmarks'));
  const newsDir = join(root, 'news-text');
  const bodyDir = join(root, 'article-body');
  const items = readdirSync(newsDir)
    .filter((f) => f.endsWith('.gold.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(newsDir, f), 'utf8')) as { body: string; title: string | null; language: string });

  console.log(`news-text: ${items.length} items (gold language)`);
  for (const [name, detect] of Object.entries(DETECTORS)) {
    let ok = 0;
    const wrong: string[] = [];
    const prefixOk = PREFIX_LENGTHS.map(() => 0);
    for (const item of items) {
      const text = `${item.title ?? ''}\n${item.body}`;
      const got = detect(text);
      if (got === item.language) ok++;
      else wrong.push(`${item.language}->${got}`);
      PREFIX_LENGTHS.forEach((n, i) => {
        if (detect(item.body.slice(0, n)) === item.language) prefixOk[i] = (prefixOk[i] ?? 0) + 1;
      });
    }
    console.log(`  ${name.padEnd(20)} full ${ok}/${items.length}${wrong.length ? ` wrong: ${wrong.join(', ')}` : ''}`);
    console.log(`  ${''.padEnd(20)} body prefixes ${PREFIX_LENGTHS.map((n, i) => `${n}ch:${prefixOk[i]}/${items.length}`).join(' ')}`);
  }

  const gtPath = join(bodyDir, 'ground-truth.json');
  if (existsSync(gtPath)) {
    const gt = JSON.parse(readFileSync(gtPath, 'utf8')) as Record<string, { articleBody: string; url: string }>;
    console.log(`\narticle-body: ${Object.keys(gt).length} pages (no gold language; non-English guesses listed)`);
    for (const [name, detect] of Object.entries(DETECTORS)) {
      const dist: Record<string, number> = {};
      const odd: string[] = [];
      for (const { articleBody, url } of Object.values(gt)) {
        const got = detect(articleBody);
        dist[got] = (dist[got] ?? 0) + 1;
        if (got !== 'en') odd.push(`${got}:${new URL(url).hostname}`);
      }
      console.log(`  ${name.padEnd(20)} ${JSON.stringify(dist)}`);
      console.log(`  ${''.padEnd(20)} ${odd.join(' ')}`);
    }
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
