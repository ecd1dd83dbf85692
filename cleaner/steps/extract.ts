/**
 * Step 5, extract metadata: authors (bylines above the end of the body, "Reporting by" credits),
 * agencies (bylines, datelines, sign-offs, sign-off lines), publishedAt (first published date
 * above the end of the body, else the first updated date, else another dated header line),
 * language (of the body, else of the page) and images (caption/credit pairs in page order).
 */
import type { ImageInfo } from '../types.ts';
import type { Line } from '../page.ts';
import { canonicalAgency, detectLanguage } from '../metadata/index.ts';
import { safe } from './recognise.ts';

/** Body text shorter than this (characters) is not enough to detect the language: use the page. */
export const LANGUAGE_MIN_BODY_CHARS = 200;
/** Dates within this many lines after the body still count as the article's (some sites put them last). */
export const DATE_AFTER_BODY_LINES = 3;
/** Undistinguished dates count when within this many lines after the first paragraph (header dates inside the body region). */
export const DATE_HEADER_LINES = 12;

export interface Extracted {
  readonly authors: string[];
  readonly agencies: string[];
  readonly publishedAt: string | null;
  readonly language: string;
  readonly images: ImageInfo[];
}

function pushUnique(list: string[], value: string, caseless: boolean): void {
  const v = value.trim();
  if (!v) return;
  const key = caseless ? v.toLowerCase() : v;
  if (!list.some((x) => (caseless ? x.toLowerCase() : x) === key)) list.push(v);
}

function canonical(name: string): string {
  return safe(() => canonicalAgency(name)) ?? name;
}

export function extractMetadata(lines: readonly Line[], region: { start: number; end: number } | null, body: string, pageText: string): Extracted {
  const lastHeaderLine = region ? region.end : lines.length - 1;
  const authors: string[] = [];
  const agencies: string[] = [];
  for (const l of lines) {
    if (l.byline && l.reason === 'byline' && l.index <= lastHeaderLine) {
      for (const a of l.byline.authors) pushUnique(authors, a, true);
      for (const a of l.byline.agencies) pushUnique(agencies, canonical(a), true);
    }
    if (l.contributors && l.reason === 'contributors') for (const a of l.contributors.authors) pushUnique(authors, a, true);
    if (l.signoffLine?.agency && l.reason === 'signoff') pushUnique(agencies, canonical(l.signoffLine.agency), true);
    for (const a of l.agencies) pushUnique(agencies, canonical(a), true);
  }

  let published: string | null = null;
  let updated: string | null = null;
  let other: string | null = null;
  const lastBody = lines.reduce((n, l) => (l.label === 'body' ? l.index : n), -1);
  const firstText = lines.find((l) => l.label === 'body' && l.textLike)?.index ?? lastBody;
  const dateLimit = lastBody >= 0 ? lastBody + DATE_AFTER_BODY_LINES : lines.length - 1;
  const headerLimit = firstText + DATE_HEADER_LINES;
  for (const l of lines) {
    if (l.index > dateLimit) break;
    if (!l.dateLine?.date || (l.reason !== 'date' && l.reason !== 'byline')) continue;
    if (l.dateLine.kind === 'published') published ??= l.dateLine.date;
    else if (l.dateLine.kind === 'updated') updated ??= l.dateLine.date;
    else if (l.index <= headerLimit) other ??= l.dateLine.date;
  }

  const language = safe(() => detectLanguage(body.length >= LANGUAGE_MIN_BODY_CHARS ? body : pageText)) ?? 'und';

  const images: ImageInfo[] = [];
  for (const l of lines) {
    if (l.label === 'caption') images.push({ caption: l.caption, credit: l.creditText });
    else if (l.label === 'credit' && !l.paired) images.push({ caption: null, credit: l.creditText });
  }
  return { authors, agencies, publishedAt: published ?? updated ?? other, language, images };
}
