/**
 * Garbage collection of offloaded bodies. A record too large for one item keeps its
 * `{ body, removed, images }` in the bodies bucket under `bodies/<articleId>/<sha256>.json`
 * (functions/shared/article-store.ts); overwriting the record (new upload, reprocess, tombstone)
 * orphans the previous document. S3 lifecycle cannot see references, so this sweep does:
 *
 *  1. list `bodies/` (paginated) and group the documents by articleId;
 *  2. per articleId, read the record's `bodyRef` (consistent read);
 *  3. a document that is not the current bodyRef and was last modified before `now - grace` is a
 *     candidate (a writer uploads its document just before its PutItem, and an identical
 *     re-upload renews LastModified, so the grace period covers writers in flight);
 *  4. each candidate is read (bytes + a fresh LastModified: skipped if renewed meanwhile), then deleted;
 *  5. the record is read again: if it NOW references a deleted document (a writer raced the
 *     sweep), the document is restored: on a versioned bucket by deleting the delete marker
 *     (by its VersionId), otherwise by re-putting the bytes read in step 4.
 *
 * Residual window (documented, not closed): a writer that re-uploads an identical document after
 * step 4's read and whose PutItem lands after step 5's re-read. Writers do both within
 * milliseconds of each other, and the grace period makes such a document old only if its first
 * upload is older than the grace period.
 *
 * Pure logic with injected clients; no process, fs or console access.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BODIES_PREFIX, BODY_CONTENT_TYPE } from '../functions/shared/article-store.ts';
import { ARTICLES_TABLE } from '../lib/table-schema.ts';
import { BodyListError } from './errors.ts';

/** @default grace period: one day. */
export const DEFAULT_GRACE_MS = 24 * 60 * 60 * 1000;
/** @default articleIds swept at once. */
export const DEFAULT_CONCURRENCY = 4;

export interface BodyGcProps {
  readonly s3: S3Client;
  readonly ddb: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly bodiesBucket: string;
  /** Documents modified more recently than this are kept. @default 86400000 (1 day) */
  readonly graceMs?: number;
  /** Report what would be deleted; delete nothing. @default false */
  readonly dryRun?: boolean;
  /** articleIds processed in parallel. @default 4 */
  readonly concurrency?: number;
  /** Clock. @default () => new Date() */
  readonly now?: () => Date;
}

/** One listed document. */
export interface BodyDocument {
  readonly key: string;
  readonly articleId: string;
  readonly lastModified: Date;
  readonly size: number;
}

export type Verdict = 'current' | 'young' | 'delete';

export interface GcFailure {
  readonly key: string;
  readonly error: string;
}

export interface GcSummary {
  readonly dryRun: boolean;
  /** Documents listed. */
  readonly scanned: number;
  /** Documents that are their record's current bodyRef. */
  readonly keptCurrent: number;
  /** Documents modified within the grace period. */
  readonly keptYoung: number;
  /** Documents deleted (with --dry-run: that would be deleted), restored ones excluded. */
  readonly deleted: number;
  readonly bytesFreed: number;
  /** Keys deleted, then restored because their record started referencing them. */
  readonly restored: readonly string[];
  /** Keys of deleted (or, dry run, deletable) documents. */
  readonly deletedKeys: readonly string[];
  readonly failures: readonly GcFailure[];
}

/** `bodies/<articleId>/<digest>.json` -> articleId; undefined for keys of another shape. */
export function articleIdOfKey(key: string): string | undefined {
  if (!key.startsWith(BODIES_PREFIX)) return undefined;
  const rest = key.slice(BODIES_PREFIX.length);
  const slash = rest.lastIndexOf('/');
  if (slash <= 0 || slash === rest.length - 1) return undefined;
  return rest.slice(0, slash);
}

/** What to do with one document, given the key its record references (undefined: no record or no bodyRef). */
export function decide(doc: Pick<BodyDocument, 'key' | 'lastModified'>, currentKey: string | undefined, cutoff: Date): Verdict {
  if (doc.key === currentKey) return 'current';
  if (doc.lastModified.getTime() >= cutoff.getTime()) return 'young';
  return 'delete';
}

const message = (err: unknown): string => {
  const e = err as { name?: string; message?: string };
  return `${e.name ?? 'Error'}: ${e.message ?? String(err)}`;
};

const isNoSuchKey = (err: unknown): boolean => {
  const name = (err as { name?: string }).name;
  return name === 'NoSuchKey' || name === 'NotFound';
};

/** What a sweep counts as it goes (GcSummary without its derived fields). */
type Tally = { -readonly [K in 'scanned' | 'keptCurrent' | 'keptYoung' | 'bytesFreed']: number } & {
  readonly restored: string[];
  readonly deletedKeys: string[];
  readonly failures: GcFailure[];
};

/** A deleted document and how to bring it back. */
interface Deleted {
  readonly doc: BodyDocument;
  readonly bytes: Uint8Array;
  /** VersionId of the delete marker, when the bucket is versioned. */
  readonly markerVersionId: string | undefined;
}

export class BodyGarbageCollector {
  readonly #props: Required<BodyGcProps>;

  public constructor(props: BodyGcProps) {
    this.#props = { graceMs: DEFAULT_GRACE_MS, dryRun: false, concurrency: DEFAULT_CONCURRENCY, now: () => new Date(), ...props };
    if (!(this.#props.graceMs >= 0)) throw new RangeError(`graceMs must be >= 0, got ${this.#props.graceMs}`);
    if (!Number.isInteger(this.#props.concurrency) || this.#props.concurrency < 1) {
      throw new RangeError(`concurrency must be a positive integer, got ${this.#props.concurrency}`);
    }
  }

  /** Every document under `bodies/`, grouped by articleId (keys of another shape are ignored). */
  public async list(): Promise<Map<string, BodyDocument[]>> {
    const groups = new Map<string, BodyDocument[]>();
    let token: string | undefined;
    do {
      let out;
      try {
        out = await this.#props.s3.send(
          new ListObjectsV2Command({ Bucket: this.#props.bodiesBucket, Prefix: BODIES_PREFIX, ...(token ? { ContinuationToken: token } : {}) }),
        );
      } catch (cause) {
        throw new BodyListError(`listing s3://${this.#props.bodiesBucket}/${BODIES_PREFIX} failed: ${message(cause)}`, this.#props.bodiesBucket, { cause });
      }
      for (const o of out.Contents ?? []) {
        const articleId = o.Key === undefined ? undefined : articleIdOfKey(o.Key);
        if (articleId === undefined || o.Key === undefined) continue;
        const doc: BodyDocument = { key: o.Key, articleId, lastModified: o.LastModified ?? new Date(0), size: o.Size ?? 0 };
        const group = groups.get(articleId);
        if (group) group.push(doc);
        else groups.set(articleId, [doc]);
      }
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
    return groups;
  }

  /** The sweep. Throws only when the bucket cannot be listed; per-document failures are in the summary. */
  public async run(): Promise<GcSummary> {
    const cutoff = new Date(this.#props.now().getTime() - this.#props.graceMs);
    const groups = [...(await this.list()).entries()];
    const acc: Tally = { scanned: 0, keptCurrent: 0, keptYoung: 0, bytesFreed: 0, restored: [], deletedKeys: [], failures: [] };
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < groups.length) {
        const [articleId, docs] = groups[next++]!;
        await this.#sweepArticle(articleId, docs, cutoff, acc);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#props.concurrency, groups.length) }, worker));
    return { dryRun: this.#props.dryRun, ...acc, deleted: acc.deletedKeys.length };
  }

  /** The key the record references in this bucket; undefined when there is no record or no bodyRef. */
  async #currentKey(articleId: string): Promise<string | undefined> {
    const out = await this.#props.ddb.send(
      new GetCommand({
        TableName: this.#props.tableName,
        Key: { [ARTICLES_TABLE.partitionKey]: articleId },
        ConsistentRead: true,
        ProjectionExpression: '#ref',
        ExpressionAttributeNames: { '#ref': 'bodyRef' },
      }),
    );
    const ref = out.Item?.bodyRef as { bucket?: unknown; key?: unknown } | undefined;
    if (ref === undefined || typeof ref.key !== 'string') return undefined;
    // The reader treats an empty bucket as the bodies bucket; a reference to another bucket keeps nothing here.
    if (typeof ref.bucket === 'string' && ref.bucket !== '' && ref.bucket !== this.#props.bodiesBucket) return undefined;
    return ref.key;
  }

  async #sweepArticle(
    articleId: string,
    docs: readonly BodyDocument[],
    cutoff: Date,
    acc: Tally,
  ): Promise<void> {
    acc.scanned += docs.length;
    let current: string | undefined;
    try {
      current = await this.#currentKey(articleId);
    } catch (err) {
      for (const d of docs) acc.failures.push({ key: d.key, error: `reading the record failed: ${message(err)}` });
      return;
    }
    const candidates: BodyDocument[] = [];
    for (const d of docs) {
      const verdict = decide(d, current, cutoff);
      if (verdict === 'current') acc.keptCurrent++;
      else if (verdict === 'young') acc.keptYoung++;
      else candidates.push(d);
    }
    if (candidates.length === 0) return;
    if (this.#props.dryRun) {
      for (const d of candidates) {
        acc.deletedKeys.push(d.key);
        acc.bytesFreed += d.size;
      }
      return;
    }

    const deleted: Deleted[] = [];
    for (const d of candidates) {
      try {
        const got = await this.#read(d, cutoff);
        if (got === 'gone') continue;
        if (got === 'young') {
          acc.keptYoung++;
          continue;
        }
        const out = await this.#props.s3.send(new DeleteObjectCommand({ Bucket: this.#props.bodiesBucket, Key: d.key }));
        // A marker with VersionId "null" (versioning suspended) replaced the data: only a re-put brings it back.
        const marker = out.DeleteMarker && out.VersionId !== undefined && out.VersionId !== 'null' ? out.VersionId : undefined;
        deleted.push({ doc: d, bytes: got, markerVersionId: marker });
      } catch (err) {
        acc.failures.push({ key: d.key, error: `deleting failed: ${message(err)}` });
      }
    }
    if (deleted.length === 0) return;

    // The last race: a writer may have pointed the record at a document between the check and the delete.
    let now: string | undefined;
    try {
      now = await this.#currentKey(articleId);
    } catch (err) {
      // Cannot tell whether a deleted document became current: restore them all rather than risk a dangling bodyRef.
      for (const x of deleted) await this.#restoreInto(x, acc, `re-reading the record failed (${message(err)}), restored to be safe`);
      return;
    }
    for (const x of deleted) {
      if (x.doc.key === now) await this.#restoreInto(x, acc);
      else {
        acc.deletedKeys.push(x.doc.key);
        acc.bytesFreed += x.bytes.byteLength;
      }
    }
  }

  /** The document's bytes, or why not to delete it: 'young' (renewed since the listing) or 'gone'. */
  async #read(d: BodyDocument, cutoff: Date): Promise<Uint8Array | 'young' | 'gone'> {
    try {
      const out = await this.#props.s3.send(new GetObjectCommand({ Bucket: this.#props.bodiesBucket, Key: d.key }));
      if (out.LastModified !== undefined && out.LastModified.getTime() >= cutoff.getTime()) {
        await out.Body?.transformToByteArray().catch(() => undefined);
        return 'young';
      }
      return (await out.Body?.transformToByteArray()) ?? new Uint8Array();
    } catch (err) {
      if (isNoSuchKey(err)) return 'gone';
      throw err;
    }
  }

  async #restoreInto(x: Deleted, acc: Pick<Tally, 'restored' | 'failures'>, note?: string): Promise<void> {
    try {
      if (x.markerVersionId !== undefined) {
        await this.#props.s3.send(new DeleteObjectCommand({ Bucket: this.#props.bodiesBucket, Key: x.doc.key, VersionId: x.markerVersionId }));
      } else {
        await this.#props.s3.send(
          new PutObjectCommand({ Bucket: this.#props.bodiesBucket, Key: x.doc.key, Body: x.bytes, ContentType: BODY_CONTENT_TYPE }),
        );
      }
      acc.restored.push(x.doc.key);
      if (note !== undefined) acc.failures.push({ key: x.doc.key, error: note });
    } catch (err) {
      acc.failures.push({ key: x.doc.key, error: `RESTORE FAILED (its record references it): ${message(err)}` });
    }
  }
}
