/**
 * Where ArticleRecords go. One interface, one DynamoDB implementation taking injected clients.
 *
 * Ordering and idempotency: every write is conditional on the S3 event sequencer, so
 *  - a redelivered event (same sequencer, same cleaner version) is a no-op,
 *  - an older event arriving after a newer one (put after delete, put after put) is refused,
 *  - the same event re-run by a newer cleaner version (reprocess) overwrites, and by an older one
 *    (a rollout, a stale reprocess) is refused: versions compare by cleanerVersionKey; an item
 *    without one (written before it existed) counts as older than any.
 * A refused write is the outcome 'stale' (success), never an error.
 */
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { ARTICLES_TABLE } from '../../lib/table-schema.ts';
import { RecordTooLargeError, StoreError } from './errors.ts';
import { fromItem, toItem, type ArticleRecord, type BodyRef } from './record.ts';

/** Items estimated above this are offloaded (DynamoDB's hard limit is 400 KB, GSI copies included). */
export const DEFAULT_MAX_ITEM_BYTES = 350_000;

/** Prefix of offloaded bodies in the bodies bucket. */
export const BODIES_PREFIX = 'bodies/';
/** Content type of an offloaded body document. */
export const BODY_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * Write unless the stored record is at least as new. Names go through placeholders so no
 * attribute can collide with a DynamoDB reserved word.
 */
export const WRITE_CONDITION =
  'attribute_not_exists(#id) OR #seq < :seq OR (#seq = :seq AND (attribute_not_exists(#cvk) OR #cvk < :cvk))';

export type PutOutcome = 'written' | 'stale';

export interface PutResult {
  readonly outcome: PutOutcome;
  /** Set when body, removed and images were moved to the bodies bucket. */
  readonly bodyRef?: BodyRef;
}

/** What an offloaded record keeps in the bodies bucket (one JSON document). */
export type OffloadedContent = Pick<ArticleRecord, 'body' | 'removed' | 'images'>;

export interface ArticleStore {
  /**
   * Writes the record unless a record from a newer (or the same) event is stored. Throws
   * RecordTooLargeError (writing nothing) when the item is over budget even with its content offloaded.
   */
  put(record: ArticleRecord): Promise<PutResult>;
  /** The stored record, with an offloaded body read back when `hydrate` is true; null when absent. */
  get(articleId: string, opts?: { readonly hydrate?: boolean }): Promise<ArticleRecord | null>;
}

export interface DynamoArticleStoreProps {
  readonly ddb: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly tableName: string;
  readonly bodiesBucket: string;
  /** Offload threshold for the estimated item size. @default 350000 */
  readonly maxItemBytes?: number;
}

const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Conservative DynamoDB size of a value (strings in UTF-8, 21 bytes per number, 3 + 1 per element for containers). */
function valueBytes(value: unknown): number {
  if (value === undefined) return 0;
  if (value === null || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return utf8Bytes(value);
  if (typeof value === 'number' || typeof value === 'bigint') return 21;
  if (Array.isArray(value)) return value.reduce<number>((n, v) => n + 1 + valueBytes(v), 3);
  if (value instanceof Uint8Array) return value.byteLength;
  if (typeof value === 'object') {
    return Object.entries(value).reduce<number>((n, [k, v]) => n + utf8Bytes(k) + 1 + valueBytes(v), 3);
  }
  return utf8Bytes(String(value));
}

/** Approximate (over-estimating) size in bytes of an item: attribute names plus values. */
export function estimateItemBytes(item: Readonly<Record<string, unknown>>): number {
  return Object.entries(item).reduce((n, [k, v]) => (v === undefined ? n : n + utf8Bytes(k) + valueBytes(v)), 0);
}

function isConditionalCheckFailed(err: unknown): boolean {
  return err instanceof Error && err.name === 'ConditionalCheckFailedException';
}

export class DynamoArticleStore implements ArticleStore {
  readonly #props: Required<DynamoArticleStoreProps>;

  public constructor(props: DynamoArticleStoreProps) {
    this.#props = { maxItemBytes: DEFAULT_MAX_ITEM_BYTES, ...props };
  }

  public async put(record: ArticleRecord): Promise<PutResult> {
    let stored = record;
    let item = toItem(record);
    if (estimateItemBytes(item) > this.#props.maxItemBytes) {
      // Size the item without its content first, so nothing is uploaded for a record that cannot be stored.
      const without = { ...record, body: '', removed: [], images: [], bodyOffloaded: true } as const;
      const placeholder: BodyRef = { bucket: this.#props.bodiesBucket, key: this.#bodyKey(record.articleId, '0'.repeat(64)), bytes: 0 };
      const size = estimateItemBytes(toItem({ ...without, bodyRef: placeholder }));
      if (size > this.#props.maxItemBytes) {
        throw new RecordTooLargeError(`record is ~${size} bytes even with its body offloaded (limit ${this.#props.maxItemBytes})`, size, {
          context: this.#context(record),
        });
      }
      const bodyRef = await this.#offloadBody(record);
      stored = { ...without, bodyRef };
      item = toItem(stored);
    }
    try {
      await this.#props.ddb.send(
        new PutCommand({
          TableName: this.#props.tableName,
          Item: item,
          ConditionExpression: WRITE_CONDITION,
          ExpressionAttributeNames: { '#id': ARTICLES_TABLE.partitionKey, '#seq': 'sourceSequencer', '#cvk': 'cleanerVersionKey' },
          ExpressionAttributeValues: { ':seq': record.sourceSequencer, ':cvk': record.cleanerVersionKey },
        }),
      );
    } catch (cause) {
      if (isConditionalCheckFailed(cause)) return { outcome: 'stale' };
      throw new StoreError('writing the article record failed', { cause, context: this.#context(record) });
    }
    return stored.bodyRef === undefined ? { outcome: 'written' } : { outcome: 'written', bodyRef: stored.bodyRef };
  }

  public async get(articleId: string, opts: { readonly hydrate?: boolean } = {}): Promise<ArticleRecord | null> {
    let out;
    try {
      out = await this.#props.ddb.send(
        new GetCommand({ TableName: this.#props.tableName, Key: { [ARTICLES_TABLE.partitionKey]: articleId }, ConsistentRead: true }),
      );
    } catch (cause) {
      throw new StoreError('reading the article record failed', { cause, context: { articleId } });
    }
    if (out.Item === undefined) return null;
    const record = fromItem(out.Item);
    if (!opts.hydrate || record.bodyRef === undefined) return record;
    const doc = await this.#readBody(record.bodyRef, articleId);
    // Documents written before images were offloaded hold only body and removed.
    return { ...record, body: doc.body, removed: doc.removed, ...(Array.isArray(doc.images) ? { images: doc.images } : {}) };
  }

  #bodyKey(articleId: string, digest: string): string {
    return `${BODIES_PREFIX}${articleId}/${digest}.json`;
  }

  /** Stores `{ body, removed, images }` under a content-addressed key, so a stale writer cannot clobber a live body. */
  async #offloadBody(record: ArticleRecord): Promise<BodyRef> {
    const content: OffloadedContent = { body: record.body, removed: record.removed, images: record.images };
    const doc = JSON.stringify(content);
    const digest = createHash('sha256').update(doc, 'utf8').digest('hex');
    const key = this.#bodyKey(record.articleId, digest);
    try {
      await this.#props.s3.send(
        new PutObjectCommand({
          Bucket: this.#props.bodiesBucket,
          Key: key,
          Body: doc,
          ContentType: BODY_CONTENT_TYPE,
        }),
      );
    } catch (cause) {
      throw new StoreError('writing the offloaded body failed', { cause, context: { ...this.#context(record), bodyKey: key } });
    }
    return { bucket: this.#props.bodiesBucket, key, bytes: utf8Bytes(doc) };
  }

  async #readBody(ref: BodyRef, articleId: string): Promise<Pick<OffloadedContent, 'body' | 'removed'> & { images?: OffloadedContent['images'] }> {
    try {
      const out = await this.#props.s3.send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key }));
      const text = (await out.Body?.transformToString('utf-8')) ?? '';
      return JSON.parse(text) as Pick<OffloadedContent, 'body' | 'removed'> & { images?: OffloadedContent['images'] };
    } catch (cause) {
      throw new StoreError('reading the offloaded body failed', { cause, context: { articleId, bodyKey: ref.key } });
    }
  }

  #context(record: ArticleRecord) {
    return { bucket: record.sourceBucket, key: record.sourceKey, articleId: record.articleId };
  }
}
