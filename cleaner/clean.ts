/**
 * clean(): raw page text -> CleanResult, as a visible ordered pipeline of named steps.
 * Pure: no I/O, no environment; linear in the input (see each step).
 */
import type { CleanOptions, CleanResult } from './types.ts';
import type { Page } from './page.ts';
import { detectLanguage } from './metadata/index.ts';
import { normalise } from './steps/normalise.ts';
import { DEFAULT_MAX_LINES, splitLines } from './steps/split.ts';
import { computeFeatures } from './steps/features.ts';
import { recogniseLines, safe } from './steps/recognise.ts';
import { findMedia } from './steps/media.ts';
import { findRegion } from './steps/region.ts';
import { findTitle } from './steps/title.ts';
import { classifyLines } from './steps/classify.ts';
import { extractMetadata } from './steps/extract.ts';
import { assemble, bodyParagraphs } from './steps/assemble.ts';

/** Characters of the page used for the first (feature) language guess. */
export const LANGUAGE_SAMPLE_CHARS = 20_000;

/** The pipeline, in order; each entry names a step of the module docs. */
export const PIPELINE = [
  'normalise', 'split', 'features', 'recognise', 'media', 'region', 'title', 'classify', 'extract', 'assemble',
] as const;

export function clean(text: string, options: CleanOptions = {}): CleanResult {
  // 1. normalise
  const normalised = normalise(typeof text === 'string' ? text : String(text ?? ''));
  // 2. split
  const { lines, overflow } = splitLines(normalised, options.maxLines ?? DEFAULT_MAX_LINES);
  const page: Page = { lines, featureLanguage: 'und', region: null };
  // 3. features
  const pageLanguage = safe(() => detectLanguage(normalised.slice(0, LANGUAGE_SAMPLE_CHARS))) ?? 'und';
  page.featureLanguage = computeFeatures(lines, pageLanguage);
  // 4. classify: recognisers, media, region, title, final labels
  recogniseLines(lines);
  findMedia(lines);
  page.region = findRegion(lines);
  const firstBody = page.region
    ? lines.slice(page.region.start, page.region.end + 1).find((l) => l.textLike)?.index ?? page.region.start
    : -1;
  const title = page.region ? findTitle(lines, firstBody) : -1;
  classifyLines(lines, page.region, title);
  // 5. extract metadata
  const paragraphs = bodyParagraphs(lines);
  const body = paragraphs.join('\n\n');
  const meta = extractMetadata(lines, page.region, body, normalised);
  // 6. assemble
  return assemble(lines, overflow, paragraphs, meta);
}
