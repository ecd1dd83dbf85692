/**
 * Runtime schema of an ArticleRecord (zod). It is the single source of
 * `schema/article-record.schema.json`: test/functions/record-schema.test.ts regenerates the JSON
 * Schema from this file and fails when the committed file differs (`UPDATE_SCHEMA=1` rewrites it).
 */
import { z } from 'zod';
import type { RemovalReason } from '../../cleaner/types.ts';
import { cleanerVersionKey, type ArticleRecord } from './record.ts';

export const ARTICLE_STATUSES = ['ok', 'empty', 'rejected', 'deleted'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** Every RemovalReason of cleaner/types.ts; the compiler checks the list is complete (see below). */
export const REMOVAL_REASONS = [
  'nav', 'share', 'newsletter', 'paywall', 'consent', 'ad', 'related', 'byline', 'date', 'credit', 'caption',
  'label', 'signoff', 'contributors', 'bio', 'pullquote', 'comment', 'footer', 'widget', 'duplicate',
  'outside-body', 'boilerplate',
] as const satisfies readonly RemovalReason[];
type MissingReasons = Exclude<RemovalReason, (typeof REMOVAL_REASONS)[number]>;
const _allReasonsListed: [MissingReasons] extends [never] ? true : MissingReasons = true;
void _allReasonsListed;

export const JSON_SCHEMA_ID = 'https://example.invalid/schemas/article-record.schema.json';

const nullableString = (description: string) => z.string().nullable().meta({ description });

export const BodyRefSchema = z
  .strictObject({
    bucket: z.string().min(1).meta({ description: 'Bucket holding the offloaded body (BODIES_BUCKET).' }),
    key: z.string().min(1).meta({ description: 'Object key: bodies/<articleId>/<sha256 of the document>.json' }),
    bytes: z.number().int().nonnegative().meta({ description: 'Size of the JSON document in bytes.' }),
  })
  .meta({ description: 'Where body, removed and images live (one JSON document { body, removed, images }) when the item would exceed the DynamoDB size budget.' });

export const ArticleRecordSchema = z
  .strictObject({
    articleId: z.string().regex(/^[0-9a-f]{32}$/).meta({ description: 'First 32 hex chars of SHA-256("<bucket>/<key>"). Table partition key.' }),
    status: z.enum(ARTICLE_STATUSES).meta({ description: 'ok | empty (no article text found) | rejected (not processed) | deleted (tombstone).' }),
    statusReason: nullableString('Why the status is not ok, e.g. "too-large: 12000000 bytes > 10485760", "binary:png", "no-article-text", "record-too-large: 412345 bytes"; null when ok.'),
    title: nullableString('Headline, or null.'),
    body: z.string().meta({ description: 'Article paragraphs joined by "\\n\\n"; "" when offloaded, empty, rejected or deleted.' }),
    language: z.string().regex(/^[a-z]{2,3}$/).meta({ description: 'ISO 639-1 code, or "und".' }),
    authors: z.array(z.string()).meta({ description: 'Bylined authors.' }),
    agencies: z.array(z.string()).meta({ description: 'Canonical news-agency names (Reuters, AP, AFP, ...).' }),
    publishedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().meta({ description: 'Publication date "YYYY-MM-DD", or null.' }),
    images: z
      .array(z.strictObject({ caption: z.string().nullable(), credit: z.string().nullable() }))
      .meta({ description: 'Image captions and credits found in the page; [] when offloaded (records offloaded by earlier versions of the ingest function keep them here).' }),
    removed: z
      .array(z.strictObject({ text: z.string(), reason: z.enum(REMOVAL_REASONS) }))
      .meta({ description: 'Every non-blank input line not kept as title/body, with a reason code; [] when offloaded.' }),
    wordCount: z.number().int().nonnegative().meta({ description: 'Words in the body (CJK characters count one each).' }),
    contentHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable()
      .meta({ description: 'Hex SHA-256 of body (UTF-8); null unless status is ok. Absent from the DynamoDB item when null (sparse byContentHash index).' }),
    cleanerVersion: z.string().min(1).meta({ description: 'CLEANER_VERSION of the code that wrote the record.' }),
    cleanerVersionKey: z
      .string()
      .regex(/^\d{3}\.\d{3}\.\d{3}$/)
      .meta({
        description:
          'cleanerVersion zero-padded for string order, e.g. "1.13.0" -> "001.013.000" (pre-release suffixes ignored; non-semver -> "000.000.000"). ' +
          'A record is overwritten for the same event only by a greater key; items written before this attribute existed count as older.',
      }),
    sourceBucket: z.string().min(1).meta({ description: 'Bucket of the uploaded object.' }),
    sourceKey: z.string().min(1).meta({ description: 'Key of the uploaded object, decoded.' }),
    sourceVersionId: nullableString('Object version, when the bucket is versioned.'),
    sourceETag: nullableString('ETag of the bytes read (unquoted); null for tombstones.'),
    sourceSize: z.number().int().nonnegative().nullable().meta({ description: 'Object size in bytes; null for tombstones.' }),
    sourceSequencer: z.string().regex(/^[0-9A-F]{32}$/).meta({ description: 'S3 event sequencer, uppercase, right-padded with 0 to 32 digits. Orders events per key.' }),
    ingestedAt: z.iso.datetime().meta({ description: 'When this record was written (ISO-8601, UTC).' }),
    ingestDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).meta({ description: 'UTC day of ingestedAt; partition key of the byIngestDay index.' }),
    bodyOffloaded: z.boolean().meta({ description: 'true when body, removed and images are stored in the bodies bucket (see bodyRef).' }),
    bodyRef: BodyRefSchema.optional(),
  })
  .meta({
    $id: JSON_SCHEMA_ID,
    title: 'ArticleRecord',
    description: 'One cleaned article (or tombstone) as written by the ingest function to the articles table.',
  });

/** Cross-field rules that JSON Schema above does not express. */
export const ArticleRecordInvariants = ArticleRecordSchema.superRefine((r, ctx) => {
  const issue = (message: string) => ctx.addIssue({ code: 'custom', message });
  if (r.bodyOffloaded !== (r.bodyRef !== undefined)) issue('bodyOffloaded must be true exactly when bodyRef is present');
  if (r.bodyOffloaded && (r.body !== '' || r.removed.length > 0)) issue('an offloaded record stores body "" and removed []');
  if (r.ingestDay !== r.ingestedAt.slice(0, 10)) issue('ingestDay must be the UTC day of ingestedAt');
  if (r.cleanerVersionKey !== cleanerVersionKey(r.cleanerVersion)) issue('cleanerVersionKey must be derived from cleanerVersion');
  if (r.status === 'ok' && (r.body === '' && !r.bodyOffloaded)) issue('status ok needs a body');
  if (r.status === 'ok' && r.statusReason !== null) issue('status ok has statusReason null');
  if (r.status !== 'ok' && r.statusReason === null) issue(`status ${r.status} needs a statusReason`);
  if ((r.status === 'rejected' || r.status === 'deleted') && (r.body !== '' || r.removed.length > 0 || r.title !== null)) {
    issue(`a ${r.status} record has no title, body or removed lines`);
  }
  if (r.status === 'deleted' && (r.sourceETag !== null || r.sourceSize !== null)) issue('a tombstone has no ETag or size');
  if ((r.contentHash === null) !== (r.status !== 'ok')) issue('contentHash is set exactly when status is ok');
});

/** Validates a record (schema and invariants); throws a ZodError on mismatch. */
export function parseArticleRecord(value: unknown): ArticleRecord {
  return ArticleRecordInvariants.parse(value);
}

/** The JSON Schema (draft 2020-12) generated from ArticleRecordSchema. */
export function articleRecordJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ArticleRecordSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
}

// Compile-time check that the zod schema and the ArticleRecord interface describe the same fields.
type Inferred = z.infer<typeof ArticleRecordSchema>;
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
const _sameKeys: SameKeys<Inferred, ArticleRecord> = true;
const _assignable = (r: Inferred): ArticleRecord => r;
void _sameKeys;
void _assignable;
