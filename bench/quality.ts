/**
 * npm run bench:quality -- [--corpora DIR] [--seed DIR] [--tools DIR] [--min key=value ...] [--per-doc] [--json]
 *
 * Runs the cleaner through the Lambda's own path (cleanArticleBytes: size cap, decode, clean) over
 * <corpora>/article-body, <corpora>/news-text and the seed, writes predictions in the scorers'
 * formats to a temp dir, runs the shared scorers with --json and prints one table.
 * --min floors (e.g. articleBody.f1=0.9, newsText.body=0.95, seed.exact=1) make it exit 1 below any.
 * --per-doc lists the worst pages with the lines wrongly kept / wrongly dropped.
 * Corpora folder absent: says so, exits 0 unless a --min was given.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cleanArticleBytes, type CleaningFields } from '../functions/shared/article.ts';
import { DEFAULT_MAX_OBJECT_BYTES } from '../functions/shared/config.ts';
import { normalise, normaliseLine } from '../cleaner/index.ts';

interface Options {
  corpora: string;
  seed: string;
  tools: string;
  mins: Map<string, number>;
  perDoc: boolean;
  json: boolean;
}

/** Worst pages shown with --per-doc, per corpus. */
export const PER_DOC_WORST = 8;
/** Lines shown per page and direction with --per-doc. */
export const PER_DOC_LINES = 12;
/** A raw line counts as gold when at least this share of its shingles is in the gold text. */
export const GOLD_LINE_SHARE = 0.5;
const SHOWN_CHARS = 110;
const TOKEN_RE = /[\p{L}\p{N}_]+/gu;

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { corpora: '../shared/benchmarks', seed: '../shared/seed', tools: '../shared/tools', mins: new Map(), perDoc: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`missing value for ${a}`);
      return v;
    };
    if (a === '--corpora') o.corpora = value();
    else if (a === '--seed') o.seed = value();
    else if (a === '--tools') o.tools = value();
    else if (a === '--per-doc') o.perDoc = true;
    else if (a === '--json') o.json = true;
    else if (a === '--min') {
      const v = value();
      const eq = v.indexOf('=');
      const n = Number(v.slice(eq + 1));
      if (eq < 1 || !Number.isFinite(n)) throw new Error(`--min wants key=number, got "${v}"`);
      o.mins.set(v.slice(0, eq), n);
    } else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

function cleanFile(file: string): CleaningFields {
  return cleanArticleBytes(new Uint8Array(readFileSync(file)), { maxBytes: DEFAULT_MAX_OBJECT_BYTES });
}

function score(tools: string, script: string, args: string[]): unknown {
  const out = execFileSync(process.execPath, [path.join(tools, script), ...args, '--json', '--per-doc'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(out);
}

const cut = (s: string): string => (s.length > SHOWN_CHARS ? `${s.slice(0, SHOWN_CHARS - 1)}…` : s);

function shingles(text: string): string[] {
  const t = text.match(TOKEN_RE) ?? [];
  if (t.length === 0) return [];
  if (t.length < 4) return [t.join(' ')];
  const out: string[] = [];
  for (let i = 0; i + 4 <= t.length; i++) out.push(t.slice(i, i + 4).join(' '));
  return out;
}

/** Lines of the raw text that are gold but were not kept, and kept lines that are not gold. */
export function lineDiff(raw: string, gold: string, fields: CleaningFields): { dropped: string[]; kept: string[] } {
  const goldSet = new Set(shingles(gold));
  const goldText = normalise(gold);
  const keptSet = new Set(fields.body ? fields.body.split('\n\n') : []);
  const reasonOf = new Map(fields.removed.map((r) => [r.text, r.reason] as const));
  const dropped: string[] = [];
  const kept: string[] = [];
  for (const line of normalise(raw).split('\n')) {
    if (!line) continue;
    const sh = shingles(line);
    if (sh.length === 0) continue;
    const inGold = goldText.includes(line) || sh.filter((s) => goldSet.has(s)).length / sh.length >= GOLD_LINE_SHARE;
    const isKept = keptSet.has(line) || [...keptSet].some((p) => line.startsWith(p) && p.length > line.length * 0.8);
    if (inGold && !isKept) dropped.push(`[${fields.title === line ? 'title' : reasonOf.get(line) ?? '?'}] ${cut(line)}`);
    if (!inGold && isKept) kept.push(cut(line));
  }
  return { dropped, kept };
}

interface Row { readonly key: string; readonly value: number | null; readonly text: string }

function articleBody(o: Options, rows: Row[], report: string[]): void {
  const dir = path.join(o.corpora, 'article-body');
  const goldFile = path.join(dir, 'ground-truth.json');
  if (!existsSync(goldFile)) { report.push(`article-body: ${goldFile} not found, skipped`); return; }
  const gold = JSON.parse(readFileSync(goldFile, 'utf8')) as Record<string, { articleBody: string }>;
  const pred: Record<string, { articleBody: string }> = {};
  const fields = new Map<string, CleaningFields>();
  for (const id of Object.keys(gold)) {
    const f = cleanFile(path.join(dir, `${id}.txt`));
    fields.set(id, f);
    pred[id] = { articleBody: f.body };
  }
  const tmp = mkdtempSync(path.join(tmpdir(), 'bench-quality-'));
  try {
    const predFile = path.join(tmp, 'article-body.json');
    writeFileSync(predFile, JSON.stringify(pred));
    const s = score(o.tools, 'score-article-body.mjs', ['--gold', goldFile, '--pred', predFile]) as {
      precision: number; recall: number; f1: number; docs: number; perDoc: { id: string; precision: number | null; recall: number | null; f1: number }[];
    };
    const minPage = Math.min(...s.perDoc.map((d) => d.f1));
    rows.push({ key: 'articleBody.precision', value: s.precision, text: `article-body (${s.docs} pages)  precision` });
    rows.push({ key: 'articleBody.recall', value: s.recall, text: 'article-body  recall' });
    rows.push({ key: 'articleBody.f1', value: s.f1, text: 'article-body  F1' });
    rows.push({ key: 'articleBody.minPageF1', value: minPage, text: 'article-body  min page F1' });
    if (o.perDoc) {
      report.push('', `article-body: worst ${PER_DOC_WORST} pages`);
      for (const d of s.perDoc.slice(0, PER_DOC_WORST)) {
        const f = fields.get(d.id)!;
        report.push(`- ${d.id.slice(0, 16)}  P ${d.precision?.toFixed(3) ?? '-'}  R ${d.recall?.toFixed(3) ?? '-'}  F1 ${d.f1.toFixed(3)}  title: ${cut(f.title ?? '(none)')}`);
        const diff = lineDiff(readFileSync(path.join(dir, `${d.id}.txt`), 'utf8'), gold[d.id]!.articleBody, f);
        for (const l of diff.dropped.slice(0, PER_DOC_LINES)) report.push(`    dropped ${l}`);
        if (diff.dropped.length > PER_DOC_LINES) report.push(`    … ${diff.dropped.length - PER_DOC_LINES} more dropped`);
        for (const l of diff.kept.slice(0, PER_DOC_LINES)) report.push(`    kept    ${l}`);
        if (diff.kept.length > PER_DOC_LINES) report.push(`    … ${diff.kept.length - PER_DOC_LINES} more kept`);
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

interface NewsGold {
  title: string | null; body: string; language: string; authors: string[]; agencies: string[];
  captions: string[]; credits: string[]; publishedAt: string | null; boilerplate: string[];
}

const NEWS_KEYS = ['body', 'title', 'captions', 'credits', 'authors', 'agencies', 'language', 'publishedAt'] as const;

function newsRecord(source: string, f: CleaningFields): Record<string, unknown> {
  return { source, title: f.title, body: f.body, language: f.language, authors: f.authors, agencies: f.agencies, publishedAt: f.publishedAt, images: f.images };
}

function newsText(o: Options, rows: Row[], report: string[]): void {
  const dir = path.join(o.corpora, 'news-text');
  if (!existsSync(dir)) { report.push(`news-text: ${dir} not found, skipped`); return; }
  const items = readdirSync(dir).filter((f) => f.endsWith('.gold.json')).map((f) => f.replace(/\.gold\.json$/, '')).sort();
  const fields = new Map<string, CleaningFields>();
  const lines: string[] = [];
  for (const id of items) {
    const src = path.join(dir, `${id}.txt`);
    const f = cleanFile(src);
    fields.set(id, f);
    lines.push(JSON.stringify(newsRecord(src, f)));
  }
  const tmp = mkdtempSync(path.join(tmpdir(), 'bench-quality-'));
  try {
    const predFile = path.join(tmp, 'news-text.jsonl');
    writeFileSync(predFile, `${lines.join('\n')}\n`);
    const s = score(o.tools, 'score-news-text.mjs', ['--gold', dir, '--pred', predFile]) as {
      items: number; mean: Record<string, number>; rows: (Record<string, number | null> & { id: string })[];
    };
    for (const k of NEWS_KEYS) rows.push({ key: `newsText.${k}`, value: s.mean[k] ?? null, text: `news-text (${s.items} items)  ${k}` });
    if (o.perDoc) {
      report.push('', 'news-text: items, worst body first');
      report.push(`  ${['id', ...NEWS_KEYS].map((k) => k.slice(0, 8).padEnd(8)).join(' ')}`);
      const sorted = [...s.rows].sort((a, b) => (a['body'] ?? 0) - (b['body'] ?? 0));
      for (const r of sorted) report.push(`  ${[r.id.padEnd(8), ...NEWS_KEYS.map((k) => (r[k] == null ? '-' : (r[k] as number).toFixed(3)).padEnd(8))].join(' ')}`);
      for (const r of sorted.slice(0, PER_DOC_WORST)) {
        const g = JSON.parse(readFileSync(path.join(dir, `${r.id}.gold.json`), 'utf8')) as NewsGold;
        const f = fields.get(r.id)!;
        report.push(`- ${r.id}  body ${(r['body'] ?? 0).toFixed(3)}`);
        if (normaliseLine(g.title ?? '') !== normaliseLine(f.title ?? '')) report.push(`    title   gold: ${cut(g.title ?? '(none)')}\n            got:  ${cut(f.title ?? '(none)')}`);
        const diff = lineDiff(readFileSync(path.join(dir, `${r.id}.txt`), 'utf8'), g.body, f);
        for (const l of diff.dropped.slice(0, PER_DOC_LINES)) report.push(`    dropped ${l}`);
        for (const l of diff.kept.slice(0, PER_DOC_LINES)) report.push(`    kept    ${l}`);
        const caps = f.images.map((i) => i.caption).filter((c): c is string => !!c);
        const creds = f.images.map((i) => i.credit).filter((c): c is string => !!c);
        if (JSON.stringify(caps) !== JSON.stringify(g.captions)) report.push(`    captions gold ${JSON.stringify(g.captions.map(cut))}\n             got  ${JSON.stringify(caps.map(cut))}`);
        if (JSON.stringify(creds) !== JSON.stringify(g.credits)) report.push(`    credits gold ${JSON.stringify(g.credits)}\n            got  ${JSON.stringify(creds)}`);
        for (const k of ['authors', 'agencies'] as const) {
          if (JSON.stringify(f[k]) !== JSON.stringify(g[k])) report.push(`    ${k} gold ${JSON.stringify(g[k])} got ${JSON.stringify(f[k])}`);
        }
        if (f.publishedAt !== g.publishedAt || f.language !== g.language) report.push(`    publishedAt gold ${g.publishedAt} got ${f.publishedAt}; language gold ${g.language} got ${f.language}`);
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Exact comparison of every field of the seed items with their gold files. */
export function seedFieldMatches(g: NewsGold, f: CleaningFields): Record<string, boolean> {
  const caps = f.images.map((i) => i.caption).filter((c): c is string => c !== null && c !== '');
  const creds = f.images.map((i) => i.credit).filter((c): c is string => c !== null && c !== '');
  const boiler = f.removed.filter((r) => r.reason !== 'caption' && r.reason !== 'credit').map((r) => r.text);
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  return {
    title: (g.title ?? null) === (f.title ?? null),
    body: g.body === f.body,
    captions: same(g.captions, caps),
    credits: same(g.credits, creds),
    authors: same(g.authors, f.authors),
    agencies: same(g.agencies, f.agencies),
    language: g.language === f.language,
    publishedAt: (g.publishedAt ?? null) === f.publishedAt,
    boilerplate: same(g.boilerplate, boiler),
  };
}

function seed(o: Options, rows: Row[], report: string[]): void {
  if (!existsSync(o.seed)) { report.push(`seed: ${o.seed} not found, skipped`); return; }
  const items = readdirSync(o.seed).filter((f) => f.endsWith('.gold.json')).sort();
  let allExact = true;
  for (const gf of items) {
    const id = gf.replace(/\.gold\.json$/, '');
    const g = JSON.parse(readFileSync(path.join(o.seed, gf), 'utf8')) as NewsGold;
    const m = seedFieldMatches(g, cleanFile(path.join(o.seed, `${id}.txt`)));
    const exact = Object.values(m).every(Boolean);
    allExact &&= exact;
    rows.push({ key: `seed.${id}`, value: exact ? 1 : 0, text: `seed ${id}  ${Object.entries(m).map(([k, v]) => `${k} ${v ? 'yes' : 'NO'}`).join(', ')}` });
  }
  rows.push({ key: 'seed.exact', value: items.length ? (allExact ? 1 : 0) : null, text: `seed exact (all ${items.length} items)` });
}

function main(): number {
  let o: Options;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`bench:quality: ${(err as Error).message}`);
    return 2;
  }
  const rows: Row[] = [];
  const report: string[] = [];
  if (!existsSync(o.corpora)) {
    report.push(`corpora folder ${o.corpora} not found: article-body and news-text skipped`);
  } else {
    articleBody(o, rows, report);
    newsText(o, rows, report);
  }
  seed(o, rows, report);

  const failures: string[] = [];
  for (const [key, floor] of o.mins) {
    const row = rows.find((r) => r.key === key);
    if (!row || row.value === null) failures.push(`${key}: no figure (corpus missing or unknown key)`);
    else if (row.value < floor) failures.push(`${key} = ${row.value.toFixed(3)} < ${floor}`);
  }
  if (o.json) {
    console.log(JSON.stringify({ figures: Object.fromEntries(rows.map((r) => [r.key, r.value])), failures, notes: report }, null, 2));
  } else {
    for (const r of rows) console.log(`${r.text.padEnd(48)} ${r.value === null ? '-' : r.key.startsWith('seed.') ? (r.value ? 'yes' : 'NO') : r.value.toFixed(3)}`);
    for (const line of report) console.log(line);
    for (const f of failures) console.log(`BELOW FLOOR: ${f}`);
  }
  return failures.length ? 1 : 0;
}

process.exitCode = main();
