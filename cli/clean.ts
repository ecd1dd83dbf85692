/**
 * `articles clean <file-or-folder>... [--jsonl] [--max-bytes N]`: clean local files with the same
 * decode + size cap + cleaner path as the ingest Lambda (functions/shared/article.ts).
 * Folders are read recursively for *.txt, sorted. Without --jsonl a readable summary per file;
 * with --jsonl one JSON object per file. Exit 0 when every file was read (a rejected upload is a
 * status, not an error); a missing path is a CliError.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { cleanArticleBytes, type CleaningFields } from '../functions/shared/article.ts';
import { DEFAULT_MAX_OBJECT_BYTES } from '../functions/shared/config.ts';
import { CliError } from './errors.ts';

export const USAGE = 'usage: articles clean <file-or-folder>... [--jsonl] [--max-bytes N]';
/** Files picked up inside folders. */
export const TEXT_FILE_RE = /\.txt$/i;

export interface CleanArgs {
  readonly paths: readonly string[];
  readonly jsonl: boolean;
  /** @default DEFAULT_MAX_OBJECT_BYTES (10 MiB, as the Lambda) */
  readonly maxBytes: number;
}

export function parseArgs(argv: readonly string[]): CleanArgs {
  const paths: string[] = [];
  let jsonl = false;
  let maxBytes = DEFAULT_MAX_OBJECT_BYTES;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--jsonl') jsonl = true;
    else if (a === '--max-bytes' || a.startsWith('--max-bytes=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      const n = Number(v);
      if (!v || !Number.isInteger(n) || n < 0) throw new CliError(`--max-bytes needs a whole number of bytes, got "${v ?? ''}"`, 2);
      maxBytes = n;
    } else if (a.startsWith('--')) throw new CliError(`unknown option ${a}\n${USAGE}`, 2);
    else paths.push(a);
  }
  if (paths.length === 0) throw new CliError(`no file or folder given\n${USAGE}`, 2);
  return { paths, jsonl, maxBytes };
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (e.isFile() && TEXT_FILE_RE.test(e.name)) out.push(p);
  }
  return out;
}

/** Expands the given paths into files (folders recursively, *.txt, sorted); a missing path throws. */
export async function collectFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch (err) {
      throw new CliError(`no such file or folder: ${p}`, 1, { cause: err });
    }
    if (st.isDirectory()) files.push(...(await walk(p)));
    else files.push(p);
  }
  return files;
}

/** One --jsonl line. */
export function jsonRecord(source: string, f: CleaningFields): Record<string, unknown> {
  return {
    source,
    title: f.title,
    body: f.body,
    language: f.language,
    authors: f.authors,
    agencies: f.agencies,
    publishedAt: f.publishedAt,
    images: f.images,
    removed: f.removed,
    wordCount: f.wordCount,
    contentHash: f.contentHash,
    status: f.status,
    statusReason: f.statusReason,
  };
}

/** The readable summary of one file. */
export function summary(source: string, f: CleaningFields): string {
  const byReason = new Map<string, number>();
  for (const r of f.removed) byReason.set(r.reason, (byReason.get(r.reason) ?? 0) + 1);
  const reasons = [...byReason.entries()].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ${n}`).join(', ');
  const lines = [
    `${source}  [${f.status}${f.statusReason ? `: ${f.statusReason}` : ''}]`,
    `  title:    ${f.title ?? '(none)'}`,
    `  kept:     ${f.wordCount} words in ${f.body ? f.body.split('\n\n').length : 0} paragraphs; language ${f.language}`,
  ];
  if (f.authors.length || f.agencies.length || f.publishedAt) {
    lines.push(`  meta:     authors [${f.authors.join('; ')}], agencies [${f.agencies.join(', ')}], published ${f.publishedAt ?? '-'}`);
  }
  if (f.images.length) lines.push(`  images:   ${f.images.length}`);
  lines.push(`  removed:  ${f.removed.length} lines${reasons ? ` (${reasons})` : ''}`);
  return lines.join('\n');
}

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) { console.log(USAGE); return 0; }
  const args = parseArgs(argv);
  const files = await collectFiles(args.paths);
  for (const file of files) {
    const bytes = new Uint8Array(await readFile(file));
    const fields = cleanArticleBytes(bytes, { maxBytes: args.maxBytes });
    process.stdout.write(args.jsonl ? `${JSON.stringify(jsonRecord(file, fields))}\n` : `${summary(file, fields)}\n\n`);
  }
  return 0;
}
