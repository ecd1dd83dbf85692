/**
 * The work for one SQS message: parse the S3 notification, then for each object event read,
 * decode, clean and store (or tombstone). Everything AWS comes in through `deps`.
 *
 * Failure policy: anything unexpected throws, so the message is reported in batchItemFailures,
 * retried, and after maxReceiveCount lands in the DLQ. Expected situations are outcomes, not errors:
 *   - a newer or identical record is already stored            -> 'stale'
 *   - the object (version) is gone before we could read it     -> 'missing' (its delete event follows)
 *   - bytes that are too large / binary / not an article        -> a 'rejected' / 'empty' record
 *   - a cleaned record too large for one item even offloaded   -> a 'rejected' record ('record-too-large: N bytes')
 */
import { GetObjectCommand, type GetObjectCommandOutput, type S3Client } from '@aws-sdk/client-s3';
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { SQSRecord } from 'aws-lambda';
import { performance } from 'node:perf_hooks';
import { CLEANER_VERSION } from '../../cleaner/index.ts';
import { cleanArticle, isOverSizeCap, oversizedFields, recordTooLargeReason, rejectedFields, type CleaningFields } from '../shared/article.ts';
import type { ArticleStore, PutOutcome, PutResult } from '../shared/article-store.ts';
import { IngestError, ObjectReadError, RecordTooLargeError } from '../shared/errors.ts';
import { buildArticleRecord, buildTombstone, type ArticleStatus, type SourceInfo } from '../shared/record.ts';
import { MISSING_SEQUENCER, parseS3Message, type S3ObjectEvent } from '../shared/s3-event.ts';

/** CloudWatch metric names (namespace: POWERTOOLS_METRICS_NAMESPACE). */
export const METRIC_NAMES = {
  ingested: 'ArticlesIngested',
  empty: 'ArticlesEmpty',
  rejected: 'ArticlesRejected',
  deleted: 'ArticlesDeleted',
  stale: 'StaleEvents',
  linesRemoved: 'LinesRemoved',
  cleaningTimeMs: 'CleaningTimeMs',
  bodiesOffloaded: 'BodiesOffloaded',
} as const;

/** Metric counted for each status when a record is written. */
const STATUS_METRIC: Readonly<Record<ArticleStatus, string>> = {
  ok: METRIC_NAMES.ingested,
  empty: METRIC_NAMES.empty,
  rejected: METRIC_NAMES.rejected,
  deleted: METRIC_NAMES.deleted,
};

/** S3 error names meaning "that object (version) does not exist (any more)". */
const MISSING_OBJECT_ERRORS = new Set(['NoSuchKey', 'NoSuchVersion', 'NotFound']);

export type ProcessLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
export type ProcessMetrics = Pick<Metrics, 'addMetric'>;

export interface ProcessDeps {
  readonly s3: S3Client;
  readonly store: ArticleStore;
  /** Objects larger than this are rejected unread. */
  readonly maxObjectBytes: number;
  readonly logger: ProcessLogger;
  readonly metrics: ProcessMetrics;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

export type RecordOutcome = PutOutcome | 'missing';

export interface ProcessResult {
  readonly articleId: string | null;
  /** Status of the record written or refused; null when nothing was built ('missing'). */
  readonly status: ArticleStatus | null;
  readonly statusReason: string | null;
  readonly outcome: RecordOutcome;
  readonly removedLines: number;
  /** Time spent in decode + clean; null when nothing was cleaned. */
  readonly cleaningMs: number | null;
  readonly offloaded: boolean;
  readonly encoding: string | null;
}

function isMissingObject(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return MISSING_OBJECT_ERRORS.has(err.name) || status === 404;
}

function unquote(eTag: string | undefined | null): string | null {
  return eTag ? eTag.replace(/^"(.*)"$/, '$1') : null;
}

function discard(body: GetObjectCommandOutput['Body']): void {
  const stream = body as { destroy?: () => void } | undefined;
  stream?.destroy?.();
}

async function writeRecord(
  deps: ProcessDeps,
  fields: CleaningFields,
  source: SourceInfo,
  extra: Pick<ProcessResult, 'cleaningMs' | 'encoding'>,
): Promise<ProcessResult> {
  const ingestedAt = (deps.now ?? (() => new Date()))();
  let record = buildArticleRecord(fields, source, ingestedAt);
  let put: PutResult;
  try {
    put = await deps.store.put(record);
  } catch (err) {
    // Retrying cannot make it smaller: record a clear rejection instead of failing into the DLQ.
    if (!(err instanceof RecordTooLargeError)) throw err;
    record = buildArticleRecord(rejectedFields(recordTooLargeReason(err.bytes)), source, ingestedAt);
    put = await deps.store.put(record);
  }
  return {
    articleId: record.articleId,
    status: record.status,
    statusReason: record.statusReason,
    outcome: put.outcome,
    removedLines: record.status === fields.status ? fields.removed.length : 0,
    offloaded: put.bodyRef !== undefined,
    ...extra,
  };
}

/** Which sequencer a record read for `rec` is stored under, given the version actually read. */
type SequencerChoice = (readVersionId: string | null) => string;

/**
 * Reads and cleans the object; `versionId: null` reads the current version. The record carries
 * the event's sequencer unless `sequencerOf` says otherwise.
 */
async function ingestObject(
  rec: S3ObjectEvent,
  versionId: string | null,
  deps: ProcessDeps,
  sequencerOf: SequencerChoice = () => rec.sequencer,
): Promise<ProcessResult> {
  const context = { bucket: rec.bucket, key: rec.key, versionId };
  let out: GetObjectCommandOutput;
  try {
    out = await deps.s3.send(
      new GetObjectCommand({ Bucket: rec.bucket, Key: rec.key, ...(versionId === null ? {} : { VersionId: versionId }) }),
    );
  } catch (cause) {
    if (isMissingObject(cause)) {
      return { articleId: null, status: null, statusReason: null, outcome: 'missing', removedLines: 0, cleaningMs: null, offloaded: false, encoding: null };
    }
    throw new ObjectReadError('reading the uploaded object failed', { cause, context });
  }
  const readVersionId = out.VersionId ?? versionId;
  const sourceFor = (size: number | null): SourceInfo => ({
    bucket: rec.bucket,
    key: rec.key,
    versionId: readVersionId,
    eTag: unquote(out.ETag) ?? rec.eTag,
    size,
    sequencer: sequencerOf(readVersionId),
  });

  // The object may have been replaced by a bigger one since the event: check again before reading.
  if (out.ContentLength !== undefined && isOverSizeCap(out.ContentLength, deps.maxObjectBytes)) {
    discard(out.Body);
    return writeRecord(deps, oversizedFields(out.ContentLength, deps.maxObjectBytes), sourceFor(out.ContentLength), {
      cleaningMs: null,
      encoding: null,
    });
  }
  let bytes: Uint8Array;
  try {
    bytes = out.Body === undefined ? new Uint8Array(0) : await out.Body.transformToByteArray();
  } catch (cause) {
    throw new ObjectReadError('reading the body of the uploaded object failed', { cause, context });
  }
  const started = performance.now();
  const cleaned = cleanArticle(bytes, { maxBytes: deps.maxObjectBytes });
  const cleaningMs = performance.now() - started;
  return writeRecord(deps, cleaned.fields, sourceFor(bytes.length), { cleaningMs, encoding: cleaned.encoding });
}

async function tombstone(rec: S3ObjectEvent, deps: ProcessDeps): Promise<ProcessResult> {
  const record = buildTombstone(rec, (deps.now ?? (() => new Date()))(), CLEANER_VERSION);
  const put = await deps.store.put(record);
  return {
    articleId: record.articleId,
    status: record.status,
    statusReason: record.statusReason,
    outcome: put.outcome,
    removedLines: 0,
    cleaningMs: null,
    offloaded: false,
    encoding: null,
  };
}

/**
 * An ObjectRemoved event is not trusted on its word (it may be late, replayed or forged): the key's
 * current object is read, and the tombstone is written only when there is none (404/NoSuchKey).
 *
 * When the key still has a current object:
 * - permanent delete of a specific version (versioned bucket) that is not the current one: the
 *   version that became current gets no ObjectCreated event of its own, so it is ingested under
 *   this event's sequencer (it must outrank the deleted version's record).
 * - anything else (a delete in an unversioned bucket, a delete marker, or a "permanent delete" of
 *   the version that is still current): the object was re-created after this delete, and its
 *   ObjectCreated event carries a later sequencer of its own, or the notification is forged. The
 *   current object is ingested under MISSING_SEQUENCER, which outranks no stored record: it only
 *   fills a gap and can never hide later genuine events, whatever sequencer the message claims.
 */
async function processRemoved(rec: S3ObjectEvent, deps: ProcessDeps): Promise<ProcessResult> {
  const versionDelete = rec.versionId !== null && !rec.eventName.endsWith('DeleteMarkerCreated');
  const sequencerOf: SequencerChoice = (readVersionId) =>
    versionDelete && readVersionId !== null && readVersionId !== rec.versionId ? rec.sequencer : MISSING_SEQUENCER;
  const current = await ingestObject(rec, null, deps, sequencerOf);
  return current.outcome === 'missing' ? tombstone(rec, deps) : current;
}

/**
 * One object event -> one record write.
 *
 * - ObjectCreated over the cap (event size) -> 'rejected' record, nothing downloaded.
 * - ObjectCreated -> GetObject (of the event's version when there is one), decode, clean, put.
 * - ObjectRemoved (any kind) -> processRemoved: tombstone only when S3 confirms the key is gone.
 */
export async function processS3Record(rec: S3ObjectEvent, deps: ProcessDeps): Promise<ProcessResult> {
  if (rec.action === 'removed') return processRemoved(rec, deps);
  if (rec.size !== null && isOverSizeCap(rec.size, deps.maxObjectBytes)) {
    const source: SourceInfo = { bucket: rec.bucket, key: rec.key, versionId: rec.versionId, eTag: rec.eTag, size: rec.size, sequencer: rec.sequencer };
    return writeRecord(deps, oversizedFields(rec.size, deps.maxObjectBytes), source, { cleaningMs: null, encoding: null });
  }
  return ingestObject(rec, rec.versionId, deps);
}

/** Counts one result into the invocation's metrics. */
export function recordMetrics(metrics: ProcessMetrics, result: ProcessResult): void {
  if (result.outcome !== 'written') {
    metrics.addMetric(METRIC_NAMES.stale, MetricUnit.Count, 1);
    return;
  }
  if (result.status !== null) metrics.addMetric(STATUS_METRIC[result.status], MetricUnit.Count, 1);
  if (result.removedLines > 0) metrics.addMetric(METRIC_NAMES.linesRemoved, MetricUnit.Count, result.removedLines);
  if (result.offloaded) metrics.addMetric(METRIC_NAMES.bodiesOffloaded, MetricUnit.Count, 1);
  if (result.cleaningMs !== null) metrics.addMetric(METRIC_NAMES.cleaningTimeMs, MetricUnit.Milliseconds, result.cleaningMs);
}

/**
 * One SQS message: every S3 record in it is processed in order; the first failure throws (the
 * whole message is retried: the records already stored are then refused as 'stale').
 * Untrusted text (keys, reasons) is logged as structured fields, never inside the message string.
 */
export async function processSqsRecord(message: SQSRecord, deps: ProcessDeps): Promise<ProcessResult[]> {
  const messageId = message.messageId;
  try {
    const parsed = parseS3Message(message.body);
    for (const ignored of parsed.ignored) deps.logger.info('event ignored', { messageId, ...ignored });
    const results: ProcessResult[] = [];
    for (const rec of parsed.records) {
      const result = await processS3Record(rec, deps);
      recordMetrics(deps.metrics, result);
      // Redeliveries and out-of-order events are normal (info); an object gone before it was read is worth a look (warn).
      const level = result.outcome === 'missing' ? 'warn' : 'info';
      deps.logger[level](result.outcome === 'written' ? 'article stored' : 'event superseded', {
        messageId,
        eventName: rec.eventName,
        bucket: rec.bucket,
        key: rec.key,
        versionId: rec.versionId,
        sequencer: rec.sequencer,
        ...result,
      });
      results.push(result);
    }
    return results;
  } catch (err) {
    deps.logger.error('message failed', {
      messageId,
      error: err instanceof Error ? { name: err.name, message: err.message } : String(err),
      ...(err instanceof IngestError ? { context: err.context } : {}),
      cause: err instanceof Error && err.cause instanceof Error ? { name: err.cause.name, message: err.cause.message } : undefined,
    });
    throw err;
  }
}
