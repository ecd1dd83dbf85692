/**
 * The DynamoDB record of one uploaded article, and its builders. Pure (node:crypto only).
 * The runtime schema lives in record-schema.ts; the JSON Schema in schema/article-record.schema.json.
 */
import { createHash } from 'node:crypto';
import { ARTICLES_TABLE } from '../../lib/table-schema.ts';
import type { CleaningFields } from './article.ts';
import type { ArticleStatus } from './record-schema.ts';

export type { ArticleStatus } from './record-schema.ts';

/** Length of articleId: the first 32 hex characters (128 bits) of SHA-256("bucket/key"). */
export const ARTICLE_ID_LENGTH = 32;

/** statusReason of a tombstone. */
export const STATUS_REASON_DELETED = 'object-deleted';

/** Digits per component of cleanerVersionKey: versions up to 999.999.999 sort correctly as strings. */
export const CLEANER_VERSION_KEY_DIGITS = 3;

/** cleanerVersionKey of a version that is not MAJOR.MINOR.PATCH: sorts before every real one. */
export const UNVERSIONED_CLEANER_KEY = '000.000.000';

const SEMVER_CORE = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/;

/**
 * The sortable form of a cleaner version: "1.13.0" -> "001.013.000", so that string order (what a
 * DynamoDB condition compares) is version order. Pre-release and build suffixes are ignored
 * ("1.14.0-rc.1" has the key of "1.14.0"); a string that is not semver gets UNVERSIONED_CLEANER_KEY.
 */
export function cleanerVersionKey(version: string): string {
  const m = SEMVER_CORE.exec(version.trim());
  if (m === null) return UNVERSIONED_CLEANER_KEY;
  const parts = [m[1], m[2], m[3]].map((p) => Number(p));
  const max = 10 ** CLEANER_VERSION_KEY_DIGITS - 1;
  if (parts.some((p) => p > max)) throw new RangeError(`cleaner version ${JSON.stringify(version)} has a component over ${max}`);
  return parts.map((p) => String(p).padStart(CLEANER_VERSION_KEY_DIGITS, '0')).join('.');
}

/** The content fields of a record that carries no article (rejected uploads, tombstones). */
export const NO_CONTENT = {
  title: null,
  body: '',
  language: 'und',
  authors: [],
  agencies: [],
  publishedAt: null,
  images: [],
  removed: [],
  wordCount: 0,
  contentHash: null,
} as const satisfies Omit<CleaningFields, 'status' | 'statusReason' | 'cleanerVersion'>;

/** Pointer to a body too large for the item. */
export interface BodyRef {
  readonly bucket: string;
  readonly key: string;
  readonly bytes: number;
}

/** The item stored per raw object: the cleaning fields (any status) plus source and index attributes. */
export interface ArticleRecord extends Omit<CleaningFields, 'status'> {
  readonly articleId: string;
  readonly status: ArticleStatus;
  /** cleanerVersionKey(cleanerVersion): what the store's write condition compares. */
  readonly cleanerVersionKey: string;
  readonly sourceBucket: string;
  readonly sourceKey: string;
  readonly sourceVersionId: string | null;
  readonly sourceETag: string | null;
  readonly sourceSize: number | null;
  readonly sourceSequencer: string;
  readonly ingestedAt: string;
  readonly ingestDay: string;
  readonly bodyOffloaded: boolean;
  readonly bodyRef?: BodyRef;
}

/** Where a record's bytes came from. */
export interface SourceInfo {
  readonly bucket: string;
  readonly key: string;
  readonly versionId: string | null;
  readonly eTag: string | null;
  readonly size: number | null;
  /** Already normalised (see normaliseSequencer). */
  readonly sequencer: string;
}

/** The table's partition key for an object: hex SHA-256 of "bucket/key", first 32 characters. */
export function articleIdFor(bucket: string, key: string): string {
  return createHash('sha256').update(`${bucket}/${key}`, 'utf8').digest('hex').slice(0, ARTICLE_ID_LENGTH);
}

function sourceFields(source: SourceInfo, ingestedAt: Date) {
  const iso = ingestedAt.toISOString();
  return {
    sourceBucket: source.bucket,
    sourceKey: source.key,
    sourceVersionId: source.versionId,
    sourceETag: source.eTag,
    sourceSize: source.size,
    sourceSequencer: source.sequencer,
    [ARTICLES_TABLE.indexes.byDay.sortKey]: iso,
    [ARTICLES_TABLE.indexes.byDay.partitionKey]: iso.slice(0, 10),
  } as const;
}

/** A record for a cleaned (or rejected) object. */
export function buildArticleRecord(fields: CleaningFields, source: SourceInfo, ingestedAt: Date): ArticleRecord {
  return {
    articleId: articleIdFor(source.bucket, source.key),
    status: fields.status,
    statusReason: fields.statusReason,
    title: fields.title,
    body: fields.body,
    language: fields.language,
    authors: [...fields.authors],
    agencies: [...fields.agencies],
    publishedAt: fields.publishedAt,
    images: fields.images.map((i) => ({ caption: i.caption, credit: i.credit })),
    removed: fields.removed.map((r) => ({ text: r.text, reason: r.reason })),
    wordCount: fields.wordCount,
    contentHash: fields.contentHash,
    cleanerVersion: fields.cleanerVersion,
    cleanerVersionKey: cleanerVersionKey(fields.cleanerVersion),
    ...sourceFields(source, ingestedAt),
    bodyOffloaded: false,
  };
}

/**
 * The record of a deleted object: no content, but the source fields and the sequencer stay, so a
 * late ObjectCreated event with an older sequencer is refused by the store's condition.
 */
export function buildTombstone(
  source: Pick<SourceInfo, 'bucket' | 'key' | 'versionId' | 'sequencer'>,
  ingestedAt: Date,
  cleanerVersion: string,
): ArticleRecord {
  return {
    articleId: articleIdFor(source.bucket, source.key),
    status: 'deleted',
    statusReason: STATUS_REASON_DELETED,
    ...NO_CONTENT,
    cleanerVersion,
    cleanerVersionKey: cleanerVersionKey(cleanerVersion),
    ...sourceFields({ ...source, eTag: null, size: null }, ingestedAt),
    bodyOffloaded: false,
  };
}

/**
 * The DynamoDB item of a record. `contentHash` is a key of the byContentHash index, so it must be
 * a string or absent: a null is left out (the index is sparse). Everything else is stored as is.
 */
export function toItem(record: ArticleRecord): Record<string, unknown> {
  const { contentHash, bodyRef, ...rest } = record;
  return {
    ...rest,
    ...(contentHash === null ? {} : { [ARTICLES_TABLE.indexes.byContentHash.partitionKey]: contentHash }),
    ...(bodyRef === undefined ? {} : { bodyRef: { ...bodyRef } }),
  };
}

/**
 * The inverse of toItem: restores `contentHash: null`, and derives `cleanerVersionKey` for items
 * written before it was stored (no validation; see parseArticleRecord).
 */
export function fromItem(item: Record<string, unknown>): ArticleRecord {
  return {
    ...item,
    contentHash: typeof item.contentHash === 'string' ? item.contentHash : null,
    ...(typeof item.cleanerVersionKey !== 'string' && typeof item.cleanerVersion === 'string'
      ? { cleanerVersionKey: cleanerVersionKey(item.cleanerVersion) }
      : {}),
  } as unknown as ArticleRecord;
}
