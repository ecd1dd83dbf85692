/**
 * Self-check of the metadata recognisers on labelled corpora (news-text layout:
 * NN.txt + NN.gold.json). Every recogniser is applied naively to every line (no page
 * structure, which is the cleaner's job), so precision here is a floor: the cleaner only asks
 * about lines in the right place. Prints per-item misses and false positives, then totals.
 *
 * Then, on article-body's ground truth (real pages), counts body paragraphs that a
 * line-removing recogniser would wrongly claim (byline, contributors, date line, sign-off line,
 * whole-line credit, label-only line): a false-positive rate on real prose.
 *
 * Usage: npx tsx scripts/eval-metadata.ts [dir ...] [--body-truth path/to/ground-truth.json] [--verbose]
 *        (defaults ../shared/benchmarks/news-text, ../shared/seed and
 *        ../shared/benchmarks/article-body/ground-truth.json relative to the project root)
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  findCredit,
  findDateline,
  isSignoffLine,
  parseBareByline,
  parseByline,
  parseContributors,
  parseDateLine,
  splitSignoff,
  stripMediaLabel,
} from '../cleaner/metadata/index.ts';

interface Gold {
  title: string | null;
  body: string;
  authors: string[];
  agencies: string[];
  captions: string[];
  credits: string[];
  publishedAt: string | null;
}

/** The corpus README's norm(): strip invisible characters, NFC, collapse spaces. */
function norm(line: string): string {
  return line
    .replace(/[\uFEFF\u200B\u200C\u200D\u2060\u00AD]/g, '')
    .normalize('NFC')
    .replace(/[\t\p{Zs}]+/gu, ' ')
    .trim();
}

interface Score {
  tp: number;
  fp: number;
  fn: number;
}
const newScore = (): Score => ({ tp: 0, fp: 0, fn: 0 });

/** Multiset comparison; returns the unmatched items on each side. */
function compare(found: string[], gold: string[], score: Score, fold = (s: string) => s): { extra: string[]; missed: string[] } {
  const pool = gold.map(fold);
  const extra: string[] = [];
  for (const f of found) {
    const i = pool.indexOf(fold(f));
    if (i >= 0) {
      pool.splice(i, 1);
      score.tp++;
    } else {
      extra.push(f);
      score.fp++;
    }
  }
  score.fn += pool.length;
  return { extra, missed: pool };
}

const pct = (a: number, b: number): string => (b === 0 ? '  n/a' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);
const line = (name: string, s: Score): string =>
  `${name.padEnd(26)} tp ${String(s.tp).padStart(3)} fp ${String(s.fp).padStart(3)} fn ${String(s.fn).padStart(3)}  precision ${pct(s.tp, s.tp + s.fp)}  recall ${pct(s.tp, s.tp + s.fn)}`;

function main(argv: readonly string[]): number {
  const verbose = argv.includes('--verbose');
  const root = join(import.meta.dirname, '..', '..', 'shared');
  const truthFlag = argv.indexOf('--body-truth');
  const truthPath = truthFlag >= 0 ? argv[truthFlag + 1] : join(root, 'benchmarks', 'article-body', 'ground-truth.json');
  const dirs = argv.filter((a, i) => !a.startsWith('--') && (truthFlag < 0 || i !== truthFlag + 1));
  const folders = dirs.length > 0 ? dirs : [join(root, 'benchmarks', 'news-text'), join(root, 'seed')].filter((d) => existsSync(d));
  const scores = {
    authors: newScore(),
    'authors(+bare names)': newScore(),
    agencies: newScore(),
    credits: newScore(),
    captions: newScore(),
    publishedAt: newScore(),
    datelines: newScore(),
  };
  let items = 0;
  for (const dir of folders) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.gold.json')).sort()) {
      items++;
      const stem = file.replace(/\.gold\.json$/, '');
      const gold = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Gold;
      const lines = readFileSync(join(dir, `${stem}.txt`), 'utf8').split(/\r\n|\r|\n/).map(norm).filter((l) => l !== '');
      const paragraphs = new Set(gold.body === '' ? [] : gold.body.split('\n\n'));

      const authors: string[] = [];
      const bare: string[] = [];
      const agencies = new Set<string>();
      const credits: string[] = [];
      const captions: string[] = [];
      let published: string | null = null;
      let updated: string | null = null;
      let datelines = 0;
      for (const l of lines) {
        const byline = parseByline(l);
        if (byline) {
          authors.push(...byline.authors);
          byline.agencies.forEach((a) => agencies.add(a));
        }
        const contributors = parseContributors(l);
        if (contributors) authors.push(...contributors.authors);
        const names = byline || contributors ? null : parseBareByline(l);
        if (names) bare.push(...names.authors);
        const dateline = findDateline(l);
        if (dateline) {
          datelines++;
          if (dateline.agency) agencies.add(dateline.agency);
        }
        const signoff = splitSignoff(l);
        if (signoff) agencies.add(signoff.agency);
        const signoffLine = isSignoffLine(l);
        if (signoffLine?.agency) agencies.add(signoffLine.agency);
        const credit = findCredit(l);
        if (credit) {
          credits.push(credit.credit);
          const caption = credit.rest === '' ? '' : (stripMediaLabel(credit.rest)?.rest ?? credit.rest);
          if (caption !== '') captions.push(caption);
        } else {
          const label = stripMediaLabel(l);
          if (label && label.rest !== '') captions.push(label.rest);
        }
        const date = parseDateLine(l);
        if (date?.date) {
          if (date.kind === 'updated') updated ??= date.date;
          else published ??= date.date;
        }
      }
      // Gold datelines, independently of findDateline: a paragraph opening with "(Agency)" within 60 chars or 【…】.
      const datelineGold = [...paragraphs].filter((p) => /^[^!?]{0,60}?\((?:Reuters|AP|AFP|Bloomberg|dpa[^)]*|EFE|ANSA|ANP|PTI|Kyodo)\)|^【/.test(p));
      scores.datelines.tp += Math.min(datelines, datelineGold.length);
      scores.datelines.fn += Math.max(0, datelineGold.length - datelines);
      scores.datelines.fp += Math.max(0, datelines - datelineGold.length);

      const fold = (s: string) => s.toLowerCase();
      const report: string[] = [];
      const unique = (xs: string[]) => xs.filter((x, i) => xs.findIndex((y) => fold(y) === fold(x)) === i);
      const a = compare(unique(authors), gold.authors, scores.authors, fold);
      compare(unique([...authors, ...bare]), gold.authors, scores['authors(+bare names)'], fold);
      const g = compare([...agencies], gold.agencies, scores.agencies);
      const c = compare(credits, gold.credits, scores.credits);
      const k = compare(captions, gold.captions, scores.captions);
      const date = published ?? updated;
      const d = compare(date ? [date] : [], gold.publishedAt ? [gold.publishedAt] : [], scores.publishedAt);
      for (const [name, r] of Object.entries({ authors: a, agencies: g, credits: c, captions: k, publishedAt: d })) {
        if (r.extra.length) report.push(`  ${name} extra: ${JSON.stringify(r.extra)}`);
        if (r.missed.length) report.push(`  ${name} missed: ${JSON.stringify(r.missed)}`);
      }
      if (bare.length && verbose) report.push(`  bare-name lines: ${JSON.stringify(bare)}`);
      if (report.length) console.log(`${dir.split('/').pop()}/${stem}\n${report.join('\n')}`);
    }
  }
  console.log(`\n${items} items, recognisers applied to every line (no page structure):`);
  for (const [name, s] of Object.entries(scores)) console.log(line(name, s));
  if (truthPath && existsSync(truthPath)) bodyFalsePositives(truthPath, verbose);
  return 0;
}

/** Real body paragraphs that a line-removing recogniser would claim. */
function bodyFalsePositives(path: string, verbose: boolean): void {
  const truth = JSON.parse(readFileSync(path, 'utf8')) as Record<string, { articleBody: string }>;
  const claims: Record<string, string[]> = {
    byline: [], contributors: [], dateLine: [], signoffLine: [], wholeCredit: [], labelOnly: [], dateline: [], splitSignoff: [],
  };
  let paragraphs = 0;
  for (const { articleBody } of Object.values(truth)) {
    for (const p of articleBody.split(/\n+/).map(norm).filter((x) => x !== '')) {
      paragraphs++;
      if (parseByline(p)) claims.byline?.push(p);
      if (parseContributors(p)) claims.contributors?.push(p);
      if (parseDateLine(p)) claims.dateLine?.push(p);
      if (isSignoffLine(p)) claims.signoffLine?.push(p);
      if (findCredit(p)?.position === 'whole') claims.wholeCredit?.push(p);
      if (stripMediaLabel(p)?.rest === '') claims.labelOnly?.push(p);
      if (findDateline(p)) claims.dateline?.push(p);
      if (splitSignoff(p)) claims.splitSignoff?.push(p);
    }
  }
  console.log(`\narticle-body ground truth: ${paragraphs} real body paragraphs; lines each recogniser would claim`);
  console.log('(dateline and splitSignoff keep the paragraph, so their hits are informational):');
  for (const [name, hits] of Object.entries(claims)) {
    console.log(`  ${name.padEnd(14)} ${String(hits.length).padStart(4)}${hits.length ? `  e.g. ${JSON.stringify(hits.slice(0, verbose ? 50 : 3).map((h) => h.slice(0, 90)))}` : ''}`);
  }
}

process.exitCode = main(process.argv.slice(2));
