/** Step 6, assemble: the CleanResult from the labelled lines and the extracted metadata. */
import type { CleanResult, RemovedLine } from '../types.ts';
import type { Line } from '../page.ts';
import type { Extracted } from './extract.ts';
import { wordCount } from '../text.ts';

export function bodyParagraphs(lines: readonly Line[]): string[] {
  const out: string[] = [];
  for (const l of lines) if (l.label === 'body' && l.paragraph) out.push(l.paragraph);
  return out;
}

/**
 * wordCount(body), paragraph by paragraph (the blank lines between them end every token, so the
 * counts add up): a paragraph that is the text its line's features were measured on reuses the
 * count of that scan.
 */
export function bodyWordCount(lines: readonly Line[]): number {
  let n = 0;
  for (const l of lines) {
    if (l.label !== 'body' || !l.paragraph) continue;
    n += l.measuredWords >= 0 && l.paragraph === l.measured ? l.measuredWords : wordCount(l.paragraph);
  }
  return n;
}

export function assemble(lines: readonly Line[], overflow: readonly string[], paragraphs: string[], meta: Extracted): CleanResult {
  const removed: RemovedLine[] = [];
  let title: string | null = null;
  for (const l of lines) {
    if (l.label === 'title') { title ??= l.text; continue; }
    if (l.label === 'body') continue;
    removed.push({ text: l.text, reason: l.reason ?? 'boilerplate' });
  }
  for (const text of overflow) removed.push({ text, reason: 'boilerplate' });
  const body = paragraphs.join('\n\n');
  return {
    title,
    body,
    paragraphs,
    language: meta.language,
    authors: meta.authors,
    agencies: meta.agencies,
    publishedAt: meta.publishedAt,
    images: meta.images,
    removed,
    wordCount: bodyWordCount(lines),
  };
}
