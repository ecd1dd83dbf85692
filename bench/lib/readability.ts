/**
 * The reference point: Mozilla Readability over linkedom, on the same pages as the cleaner,
 * each text line wrapped in <p> (HTML-escaped). Building the HTML string is not timed; parsing
 * it into a DOM and running Readability is (that is Readability's work on a page).
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const HTML_SPECIAL = /[&<>"]/g;

export function escapeHtml(text: string): string {
  return text.replace(HTML_SPECIAL, (c) => HTML_ESCAPES[c] ?? c);
}

/** One page of text as a minimal HTML document: every non-blank line becomes a paragraph. */
export function textToHtml(text: string): string {
  const paragraphs: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() !== '') paragraphs.push(`<p>${escapeHtml(line)}</p>`);
  }
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title></title></head><body>${paragraphs.join('\n')}</body></html>`;
}

/** Parse + extract; returns the article text length (0 when Readability gives up). */
export function readabilityExtract(html: string): number {
  const { document } = parseHTML(html);
  // linkedom's Document is structurally what Readability reads; the DOM lib types are not loaded.
  const article = new Readability(document as never).parse();
  return article?.textContent?.length ?? 0;
}
