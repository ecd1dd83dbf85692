/**
 * Start-up reconciliation: nothing is lost if the process dies between an upload and its
 * processing. Compares the raw bucket with the table and returns the changes that never made
 * it into a record: objects without a record or with an older one (different ETag, or a
 * record ingested before the object was last modified), and records still live whose object
 * is gone.
 */
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { BatchGetCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { bareETag } from './notifications.ts';

/** BatchGetItem's limit. */
const BATCH_GET_MAX = 100;

export interface RawObject {
  readonly key: string;
  readonly eTag: string;
  readonly size: number;
  readonly lastModified: Date;
}

/** The record fields reconciliation reads. */
export interface RecordStamp {
  readonly articleId: string;
  readonly status?: string;
  readonly sourceBucket?: string;
  readonly sourceKey?: string;
  readonly sourceETag?: string;
  readonly sourceSequencer?: string;
  readonly sourceVersionId?: string | null;
  readonly ingestedAt?: string;
  readonly cleanerVersion?: string;
}

export type Reconciliation =
  | { readonly kind: 'created'; readonly object: RawObject; readonly reason: 'no-record' | 'etag-differs' | 'record-older' | 'record-deleted' }
  | { readonly kind: 'removed'; readonly key: string; readonly articleId: string };

export interface ReconcileProps {
  readonly s3: S3Client;
  readonly ddb: DynamoDBDocumentClient;
  readonly rawBucket: string;
  readonly tableName: string;
  readonly articleIdOf: (bucket: string, key: string) => string;
  /** @default '' (the whole bucket) */
  readonly prefix?: string;
}

/** Every object under `prefix`, page by page. */
export async function* listRawObjects(s3: S3Client, bucket: string, prefix = ''): AsyncGenerator<RawObject> {
  let ContinuationToken: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix || undefined, ContinuationToken }));
    for (const o of page.Contents ?? []) {
      if (o.Key === undefined) continue;
      yield { key: o.Key, eTag: bareETag(o.ETag) ?? '', size: o.Size ?? 0, lastModified: o.LastModified ?? new Date(0) };
    }
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (ContinuationToken);
}

/** Records for many ids (missing ids are absent from the map); retries UnprocessedKeys. */
export async function getStamps(ddb: DynamoDBDocumentClient, tableName: string, ids: readonly string[]): Promise<Map<string, RecordStamp>> {
  const found = new Map<string, RecordStamp>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += BATCH_GET_MAX) {
    let keys: Array<Record<string, unknown>> | undefined = unique.slice(i, i + BATCH_GET_MAX).map((articleId) => ({ articleId }));
    for (let attempt = 0; keys && keys.length > 0 && attempt < 8; attempt++) {
      const out: BatchGetCommandOutput = await ddb.send(
        new BatchGetCommand({
          RequestItems: {
            [tableName]: {
              Keys: keys,
              ProjectionExpression: 'articleId, #s, sourceBucket, sourceKey, sourceETag, sourceSequencer, sourceVersionId, ingestedAt, cleanerVersion',
              ExpressionAttributeNames: { '#s': 'status' },
            },
          },
        }),
      );
      for (const item of out.Responses?.[tableName] ?? []) found.set(String(item.articleId), item as RecordStamp);
      keys = out.UnprocessedKeys?.[tableName]?.Keys;
      if (keys?.length) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
    }
  }
  return found;
}

/** Why an object needs (re)processing, or null when its record is current. */
export function staleness(object: RawObject, stamp: RecordStamp | undefined): Exclude<Reconciliation, { kind: 'removed' }>['reason'] | null {
  if (!stamp) return 'no-record';
  if (stamp.status === 'deleted') return 'record-deleted';
  if (stamp.sourceETag !== undefined && bareETag(stamp.sourceETag) !== object.eTag) return 'etag-differs';
  // LastModified has one-second resolution: only a record from an earlier second is older.
  if (stamp.ingestedAt && Date.parse(stamp.ingestedAt) < Math.floor(object.lastModified.getTime() / 1000) * 1000) return 'record-older';
  return null;
}

export async function reconcile(props: ReconcileProps): Promise<Reconciliation[]> {
  const { s3, ddb, rawBucket, tableName, articleIdOf } = props;
  const out: Reconciliation[] = [];
  const liveIds = new Set<string>();
  let page: RawObject[] = [];
  const flush = async (): Promise<void> => {
    const stamps = await getStamps(ddb, tableName, page.map((o) => articleIdOf(rawBucket, o.key)));
    for (const object of page) {
      const reason = staleness(object, stamps.get(articleIdOf(rawBucket, object.key)));
      if (reason) out.push({ kind: 'created', object, reason });
    }
    page = [];
  };
  for await (const object of listRawObjects(s3, rawBucket, props.prefix)) {
    liveIds.add(articleIdOf(rawBucket, object.key));
    page.push(object);
    if (page.length >= BATCH_GET_MAX) await flush();
  }
  await flush();

  // Records whose object is gone but that are not tombstones: the delete was never processed.
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const scan = await ddb.send(
      new ScanCommand({
        TableName: tableName,
        ProjectionExpression: 'articleId, #s, sourceBucket, sourceKey',
        FilterExpression: '#s <> :deleted AND sourceBucket = :bucket',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':deleted': 'deleted', ':bucket': rawBucket },
        ExclusiveStartKey,
      }),
    );
    for (const item of (scan.Items ?? []) as RecordStamp[]) {
      const key = item.sourceKey;
      if (key === undefined || liveIds.has(item.articleId)) continue;
      if (props.prefix && !key.startsWith(props.prefix)) continue;
      out.push({ kind: 'removed', key, articleId: item.articleId });
    }
    ExclusiveStartKey = scan.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out;
}
