/**
 * Bench inputs: the article-body corpus pages (`<id>.txt`) when the folder exists, otherwise
 * deterministic generated pages. The corpus is read at run time only, never copied.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generatePages } from './generate.ts';

/** Default corpus folder, relative to the project root. */
export const DEFAULT_CORPUS = '../shared/benchmarks/article-body';
/** Pages generated when the corpus folder is absent. */
export const GENERATED_PAGE_COUNT = 100;

export interface Corpus {
  /** Where the pages came from: the folder, or "generated (seed 1)". */
  readonly source: string;
  readonly pages: readonly string[];
  readonly bytes: number;
}

export async function loadCorpus(dir: string): Promise<Corpus> {
  let names: string[] | null = null;
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.txt')).sort();
  } catch {
    names = null;
  }
  const pages = names && names.length > 0
    ? await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')))
    : generatePages(GENERATED_PAGE_COUNT, 1);
  const source = names && names.length > 0 ? dir : `generated (${GENERATED_PAGE_COUNT} pages, seed 1; ${dir} not found)`;
  let bytes = 0;
  for (const p of pages) bytes += Buffer.byteLength(p, 'utf8');
  return { source, pages, bytes };
}

/**
 * Inputs of the linear-growth check: each page concatenated with the next three (cyclically),
 * so every page appears in exactly four inputs and the total is 4x the corpus plus separators.
 */
export function concatWindows(pages: readonly string[], width = 4): string[] {
  const out: string[] = [];
  for (let i = 0; i < pages.length; i++) {
    const parts: string[] = [];
    for (let k = 0; k < width; k++) parts.push(pages[(i + k) % pages.length] as string);
    out.push(parts.join('\n'));
  }
  return out;
}
