/**
 * clean(): raw page text -> CleanResult, as a visible ordered pipeline of named steps.
 * Pure: no I/O, no environment; linear in the input (see each step).
 *
 * Idempotence (the property the tests check): with r = clean(x) and y = title + "\n\n" + body
 * (just body when there is no title), clean(y) has the same title and body as r. The `stabilise`
 * step guarantees it: it runs the labelling steps again on y and applies what they drop, until
 * nothing changes (at most MAX_PASSES passes; in practice the second pass confirms the first).
 * The confirmation is cheap: a line's features and recogniser results depend on its text alone and
 * are computed once per distinct text of the call (see measureAndRecognise); only the page-level
 * steps (repeats, list runs, region, classification, title) run again.
 */
import type { CleanOptions, CleanResult, RemovalReason } from './types.ts';
import type { Line } from './page.ts';
import { normalise } from './steps/normalise.ts';
import { DEFAULT_MAX_LINES, splitLines } from './steps/split.ts';
import { measureLine, pageFeatures } from './steps/features.ts';
import { recogniseLine } from './steps/recognise.ts';
import { findMedia } from './steps/media.ts';
import { findRegion } from './steps/region.ts';
import { findTitle, readHeader } from './steps/title.ts';
import { forgetRecognisedText, parseBareByline } from './metadata/index.ts';
import { forgetGateAnswers, safe } from './steps/recognise.ts';
import { classifyLines, markAuthorLines, paragraphAgencies, refineBody } from './steps/classify.ts';
import { extractMetadata } from './steps/extract.ts';
import { assemble, bodyParagraphs } from './steps/assemble.ts';

/** Passes of the labelling steps at most (the first, then confirmations on the cleaned text). */
export const MAX_PASSES = 4;

/** The pipeline, in order; each entry names a step of the module docs. */
export const PIPELINE = [
  'normalise', 'split', 'features', 'recognise', 'media', 'region', 'classify', 'refine', 'title', 'header', 'stabilise',
  'agencies', 'extract', 'assemble',
] as const;

interface Labelled {
  readonly lines: Line[];
  readonly overflow: string[];
  readonly region: { start: number; end: number } | null;
}

/** What the features and recognisers found on a line: a function of its text alone. */
type LineFacts = Pick<Line, 'signoff' | 'words' | 'measured' | 'measuredWords' | 'endsSentence' | 'stopRatio' | 'capsRatio' | 'digitRatio' | 'listShape'
  | 'textLike' | 'dataLike' | 'footnote' | 'phrase' | 'credit' | 'mediaLabel' | 'byline' | 'dateLine' | 'contributors' | 'signoffLine'>;

/**
 * A snapshot of the text-only facts of a line: a class, so every snapshot has one shape with its
 * fields in the object (cheap to allocate and to read back).
 */
class Facts implements LineFacts {
  readonly signoff: LineFacts['signoff']; readonly words: number; readonly measured: string; readonly measuredWords: number; readonly endsSentence: boolean; readonly stopRatio: number;
  readonly capsRatio: number; readonly digitRatio: number; readonly listShape: boolean; readonly textLike: boolean;
  readonly dataLike: boolean; readonly footnote: boolean; readonly phrase: LineFacts['phrase']; readonly credit: LineFacts['credit'];
  readonly mediaLabel: LineFacts['mediaLabel']; readonly byline: LineFacts['byline']; readonly dateLine: LineFacts['dateLine'];
  readonly contributors: LineFacts['contributors']; readonly signoffLine: LineFacts['signoffLine'];

  constructor(from: LineFacts) {
    this.signoff = from.signoff; this.words = from.words; this.measured = from.measured; this.measuredWords = from.measuredWords; this.endsSentence = from.endsSentence; this.stopRatio = from.stopRatio;
    this.capsRatio = from.capsRatio; this.digitRatio = from.digitRatio; this.listShape = from.listShape; this.textLike = from.textLike;
    this.dataLike = from.dataLike; this.footnote = from.footnote; this.phrase = from.phrase; this.credit = from.credit;
    this.mediaLabel = from.mediaLabel; this.byline = from.byline; this.dateLine = from.dateLine; this.contributors = from.contributors;
    this.signoffLine = from.signoffLine;
  }
}

/** Copies the text-only facts of a line (explicit fields: a plain object of one shape, cheap to copy). */
function copyFacts(to: LineFacts, from: Facts): void {
  to.signoff = from.signoff; to.words = from.words; to.measured = from.measured; to.measuredWords = from.measuredWords; to.endsSentence = from.endsSentence; to.stopRatio = from.stopRatio;
  to.capsRatio = from.capsRatio; to.digitRatio = from.digitRatio; to.listShape = from.listShape; to.textLike = from.textLike;
  to.dataLike = from.dataLike; to.footnote = from.footnote; to.phrase = from.phrase; to.credit = from.credit;
  to.mediaLabel = from.mediaLabel; to.byline = from.byline; to.dateLine = from.dateLine; to.contributors = from.contributors;
  to.signoffLine = from.signoffLine;
}

/**
 * Steps 3-4a for one line: the text-only features and the recognisers, computed once per distinct
 * text of a clean() call (the confirmation passes of `stabilise` see the same lines again).
 * The cached objects are shared, never mutated: later steps only replace them.
 */
function measureAndRecognise(l: Line, memo: Map<string, Facts>): void {
  const known = memo.get(l.text);
  if (known) {
    copyFacts(l, known);
    return;
  }
  measureLine(l);
  recogniseLine(l);
  memo.set(l.text, new Facts(l));
}

/** Steps 2-4 on normalised text: every line gets its label (title, body, caption, credit, removed). */
function labelLines(normalised: string, maxLines: number, memo: Map<string, Facts>): Labelled {
  // 2. split
  const { lines, overflow } = splitLines(normalised, maxLines);
  // 3. features, 4a. recognisers
  for (const l of lines) measureAndRecognise(l, memo);
  pageFeatures(lines);
  // 4. media, region, classification, refinement, title
  findMedia(lines);
  const region = findRegion(lines);
  classifyLines(lines, region);
  refineBody(lines);
  readHeader(lines, findTitle(lines), (t) => safe(() => parseBareByline(t)));
  markAuthorLines(lines, headerAuthors(lines));
  return { lines, overflow, region };
}

/** Authors named by the byline lines above the first paragraph. */
function headerAuthors(lines: readonly Line[]): string[] {
  const firstBody = lines.findIndex((l) => l.label === 'body');
  const out: string[] = [];
  for (const l of lines) {
    if (firstBody >= 0 && l.index > firstBody + HEADER_BYLINE_LINES) break;
    if (l.reason === 'byline' && l.byline) out.push(...l.byline.authors);
  }
  return out;
}

/** Bylines count as the header's when at most this many lines after the first body line. */
export const HEADER_BYLINE_LINES = 12;

/** The text a reader would clean again: title, blank line, paragraphs separated by blank lines. */
function keptText(kept: readonly Line[]): string {
  return kept.map((l) => (l.label === 'title' ? l.text : (l.paragraph ?? l.text))).join('\n\n');
}

/** Re-labels the kept lines as a page of their own until the labels no longer change. */
function stabilise(lines: Line[], memo: Map<string, Facts>): void {
  for (let pass = 1; pass < MAX_PASSES; pass++) {
    // the page a reader would clean again: the title first, then the paragraphs in order
    const kept = [...lines.filter((l) => l.label === 'title').slice(0, 1), ...lines.filter((l) => l.label === 'body')];
    if (kept.length === 0) return;
    const again = labelLines(keptText(kept), Number.MAX_SAFE_INTEGER, memo).lines;
    if (again.length !== kept.length) return; // cannot happen: kept lines are normalised, non-blank
    let changed = false;
    again.forEach((a, k) => {
      const o = kept[k]!;
      if (a.label === 'title' || a.label === 'body') {
        const paragraph = a.label === 'body' ? a.paragraph : null;
        if (a.label !== o.label || paragraph !== o.paragraph) changed = true;
        o.label = a.label;
        o.paragraph = paragraph;
        o.reason = null;
      } else {
        changed = true;
        o.label = 'removed';
        o.paragraph = null;
        o.reason = (a.reason ?? 'boilerplate') as RemovalReason;
      }
    });
    if (!changed) return;
  }
}

export function clean(text: string, options: CleanOptions = {}): CleanResult {
  try {
    return cleanPage(text, options);
  } finally {
    forgetRecognisedText();
    forgetGateAnswers();
  }
}

function cleanPage(text: string, options: CleanOptions): CleanResult {
  // 1. normalise
  const normalised = normalise(typeof text === 'string' ? text : String(text ?? ''));
  // 2-4. label every line
  const memo = new Map<string, Facts>();
  const { lines, overflow, region } = labelLines(normalised, options.maxLines ?? DEFAULT_MAX_LINES, memo);
  stabilise(lines, memo);
  paragraphAgencies(lines);
  // 5. extract metadata
  const paragraphs = bodyParagraphs(lines);
  const body = paragraphs.join('\n\n');
  const meta = extractMetadata(lines, region, body, normalised);
  // 6. assemble
  return assemble(lines, overflow, paragraphs, meta);
}
