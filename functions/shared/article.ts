/**
 * Bytes of one upload -> the cleaning part of its record. Pure (node:crypto only): no AWS, no fs.
 * The ingest handler and the CLI (`articles clean --jsonl`) both call this, so they agree.
 *
 *   size cap -> decode (decode.ts) -> clean (cleaner/) -> status + contentHash
 */
import { createHash } from 'node:crypto';
import { CLEANER_VERSION, clean } from '../../cleaner/index.ts';
import type { CleanOptions, CleanResult } from '../../cleaner/types.ts';
import { decodeArticleBytes, type TextEncodingName } from './decode.ts';
import { NO_CONTENT } from './record.ts';

/** statusReason values (besides 'too-large: …', 'record-too-large: …' and the decoder's 'binary:…'). */
export const STATUS_REASONS = {
  /** The decoded text was blank (zero bytes, a lone BOM, whitespace). */
  emptyInput: 'empty-input',
  /** The cleaner kept no body: every line was boilerplate. */
  noArticleText: 'no-article-text',
} as const;

/** Text with nothing but whitespace and invisible format characters. */
const BLANK_TEXT = /^[\s\u200B-\u200D\u2060\uFEFF]*$/;

export type CleaningStatus = 'ok' | 'empty' | 'rejected';

/**
 * The cleaning part of an ArticleRecord; also one line of `articles clean --jsonl`: the cleaner's
 * result (less its paragraph list, which `body` already holds) plus the outcome and provenance.
 */
export interface CleaningFields extends Omit<CleanResult, 'paragraphs'> {
  readonly status: CleaningStatus;
  /** null when ok; else 'too-large: N bytes > M', 'record-too-large: N bytes', 'binary:<what>', 'empty-input', 'no-article-text'. */
  readonly statusReason: string | null;
  /** Hex SHA-256 of body; null unless status is 'ok'. */
  readonly contentHash: string | null;
  readonly cleanerVersion: string;
}

export interface CleanArticleOptions {
  /** Uploads larger than this are rejected without decoding. */
  readonly maxBytes: number;
  /** Passed to clean(). @default - the cleaner's defaults */
  readonly cleanOptions?: CleanOptions;
}

/** Hex SHA-256 of a string's UTF-8 bytes. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The statusReason of an upload over the cap. */
export function tooLargeReason(size: number, maxBytes: number): string {
  return `too-large: ${size} bytes > ${maxBytes}`;
}

/** The statusReason of an upload whose record cannot fit one item even with its content offloaded. */
export function recordTooLargeReason(itemBytes: number): string {
  return `record-too-large: ${itemBytes} bytes`;
}

/** True when an object of `size` bytes must be refused (lets the handler decide before downloading). */
export function isOverSizeCap(size: number, maxBytes: number): boolean {
  return size > maxBytes;
}

/** A 'rejected' result carrying no content. */
export function rejectedFields(statusReason: string): CleaningFields {
  return { status: 'rejected', statusReason, ...NO_CONTENT, cleanerVersion: CLEANER_VERSION };
}

/** The fields for an object known (from the event or a HEAD) to be over the cap: nothing is read. */
export function oversizedFields(size: number, maxBytes: number): CleaningFields {
  return rejectedFields(tooLargeReason(size, maxBytes));
}

/** cleanArticleBytes plus what the caller may want to log. */
export interface CleanedArticle {
  readonly fields: CleaningFields;
  /** null when the bytes were not decoded (over the cap, or binary). */
  readonly encoding: TextEncodingName | null;
}

/** Like cleanArticleBytes, also reporting the detected encoding. */
export function cleanArticle(bytes: Uint8Array, opts: CleanArticleOptions): CleanedArticle {
  if (isOverSizeCap(bytes.length, opts.maxBytes)) return { fields: oversizedFields(bytes.length, opts.maxBytes), encoding: null };

  const decoded = decodeArticleBytes(bytes);
  if (!decoded.ok) return { fields: rejectedFields(decoded.reason), encoding: null };

  const result = clean(decoded.text, opts.cleanOptions);
  const hasBody = result.body.length > 0;
  const emptyReason = BLANK_TEXT.test(decoded.text) ? STATUS_REASONS.emptyInput : STATUS_REASONS.noArticleText;
  return {
    encoding: decoded.encoding,
    fields: {
      status: hasBody ? 'ok' : 'empty',
      statusReason: hasBody ? null : emptyReason,
      title: result.title,
      body: result.body,
      language: result.language,
      authors: result.authors,
      agencies: result.agencies,
      publishedAt: result.publishedAt,
      images: result.images,
      removed: result.removed,
      wordCount: result.wordCount,
      contentHash: hasBody ? sha256Hex(result.body) : null,
      cleanerVersion: CLEANER_VERSION,
    },
  };
}

/** Size cap, decode, clean: the cleaning fields of one upload. Never throws for bad input. */
export function cleanArticleBytes(bytes: Uint8Array, opts: CleanArticleOptions): CleaningFields {
  return cleanArticle(bytes, opts).fields;
}
