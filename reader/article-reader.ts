/**
 * ArticleReader: typed read access to the articles table for downstream services. Takes
 * injected SDK clients; knows the table's keys and indexes from lib/table-schema.ts; fetches
 * bodies offloaded to the bodies bucket (bodyRef) transparently. The indexes hold summaries
 * (keys + SUMMARY_ATTRIBUTES): summary listings read the index alone; whole records come from
 * the table with BatchGetItem.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { setTimeout as sleep } from 'node:timers/promises';
import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ARTICLES_TABLE } from '../lib/table-schema.ts';
import { articleIdFor, fromItem } from '../functions/shared/record.ts';
import { BodyFetchError, MalformedBodyError, UnprocessedKeysError } from './errors.ts';
import type { Article, ArticlePage, ArticleReaderProps, ArticleSummary, ListByDayOptions, SummaryPage } from './types.ts';

/** @default page size of listByDay. */
export const DEFAULT_PAGE_SIZE = 100;
/** BatchGetItem reads at most this many keys per request. */
export const BATCH_GET_MAX_KEYS = 100;
/** BatchGetItem requests per chunk while keys come back unprocessed (throttling), with backoff. */
export const BATCH_GET_ATTEMPTS = 5;
const BATCH_GET_BACKOFF_MS = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function encodeToken(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;
}

/** Index item -> summary: the projected attributes, with absent optional ones made explicit. */
function toSummary(item: Record<string, unknown>): ArticleSummary {
  return { ...item, contentHash: typeof item.contentHash === 'string' ? item.contentHash : null } as unknown as ArticleSummary;
}

/** Follows nextToken from page to page; DynamoDB may return an empty page with a LastEvaluatedKey: skipped. */
async function* pages<P extends { readonly items: readonly unknown[]; readonly nextToken?: string }>(
  fetch: (options: ListByDayOptions) => Promise<P>,
  options: ListByDayOptions,
): AsyncGenerator<P> {
  let startToken = options.startToken;
  do {
    const page = await fetch({ ...options, ...(startToken ? { startToken } : {}) });
    if (page.items.length > 0 || !page.nextToken) yield page;
    startToken = page.nextToken;
  } while (startToken);
}

function decodeToken(token: string | undefined): Record<string, unknown> | undefined {
  return token ? (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, unknown>) : undefined;
}

export class ArticleReader {
  private readonly props: Required<ArticleReaderProps>;

  public constructor(props: ArticleReaderProps) {
    this.props = { consistentRead: false, fetchBodies: true, ...props };
  }

  /** The record of `articleId`, or undefined. */
  public async get(articleId: string): Promise<Article | undefined> {
    const out = await this.props.ddb.send(
      new GetCommand({
        TableName: this.props.tableName,
        Key: { [ARTICLES_TABLE.partitionKey]: articleId },
        ConsistentRead: this.props.consistentRead,
      }),
    );
    return out.Item ? this.hydrate(out.Item) : undefined;
  }

  /** The record of the object `bucket/key` (the raw upload), or undefined. */
  public getByKey(bucket: string, key: string): Promise<Article | undefined> {
    return this.get(articleIdFor(bucket, key));
  }

  /** One page of a day's article summaries, read from the byIngestDay index alone. */
  public async pageSummariesByDay(day: string, options: ListByDayOptions = {}): Promise<SummaryPage> {
    if (!DAY.test(day)) throw new RangeError(`day must be YYYY-MM-DD, got ${JSON.stringify(day)}`);
    const index = ARTICLES_TABLE.indexes.byDay;
    const out = await this.props.ddb.send(
      new QueryCommand({
        TableName: this.props.tableName,
        IndexName: index.name,
        KeyConditionExpression: '#pk = :day',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':day': day },
        ScanIndexForward: !(options.newestFirst ?? true),
        Limit: options.limit ?? DEFAULT_PAGE_SIZE,
        ExclusiveStartKey: decodeToken(options.startToken),
      }),
    );
    const items = (out.Items ?? []).map(toSummary);
    const nextToken = encodeToken(out.LastEvaluatedKey);
    return nextToken ? { items, nextToken } : { items };
  }

  /** One page of a day's articles: the index page, then the whole records (BatchGetItem). */
  public async pageByDay(day: string, options: ListByDayOptions = {}): Promise<ArticlePage> {
    const page = await this.pageSummariesByDay(day, options);
    const items = await this.getMany(page.items.map((s) => s.articleId));
    return page.nextToken ? { items, nextToken: page.nextToken } : { items };
  }

  /** A day's article summaries, page by page (index only: the cheap way to list a day). */
  public listSummariesByDay(day: string, options: ListByDayOptions = {}): AsyncGenerator<SummaryPage> {
    return pages((o) => this.pageSummariesByDay(day, o), options);
  }

  /** A day's articles, page by page (`for await (const page of reader.listByDay(day))`). */
  public listByDay(day: string, options: ListByDayOptions = {}): AsyncGenerator<ArticlePage> {
    return pages((o) => this.pageByDay(day, o), options);
  }

  /** Every article of a day, one by one (constant memory: one page at a time). */
  public async *articlesOfDay(day: string, options: ListByDayOptions = {}): AsyncGenerator<Article> {
    for await (const page of this.listByDay(day, options)) yield* page.items;
  }

  /** Articles whose cleaned body has this SHA-256 (duplicates), oldest first. */
  public async findByContentHash(contentHash: string): Promise<Article[]> {
    const index = ARTICLES_TABLE.indexes.byContentHash;
    const ids: string[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const out = await this.props.ddb.send(
        new QueryCommand({
          TableName: this.props.tableName,
          IndexName: index.name,
          KeyConditionExpression: '#pk = :hash',
          ExpressionAttributeValues: { ':hash': contentHash },
          ProjectionExpression: '#id',
          ExpressionAttributeNames: { '#pk': index.partitionKey, '#id': ARTICLES_TABLE.partitionKey },
          ExclusiveStartKey,
        }),
      );
      for (const item of out.Items ?? []) ids.push(String(item[ARTICLES_TABLE.partitionKey]));
      ExclusiveStartKey = out.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return this.getMany(ids);
  }

  /**
   * The records of `ids`, in that order, hydrated; ids without a record are left out. BatchGetItem
   * in chunks of BATCH_GET_MAX_KEYS; unprocessed keys (throttling) are retried with backoff.
   */
  private async getMany(ids: readonly string[]): Promise<Article[]> {
    const found = new Map<string, Record<string, unknown>>();
    for (let start = 0; start < ids.length; start += BATCH_GET_MAX_KEYS) {
      let keys: Record<string, unknown>[] = ids.slice(start, start + BATCH_GET_MAX_KEYS).map((id) => ({ [ARTICLES_TABLE.partitionKey]: id }));
      for (let attempt = 1; keys.length > 0; attempt++) {
        if (attempt > BATCH_GET_ATTEMPTS) {
          throw new UnprocessedKeysError(keys.map((k) => String(k[ARTICLES_TABLE.partitionKey])), BATCH_GET_ATTEMPTS);
        }
        if (attempt > 1) await sleep(BATCH_GET_BACKOFF_MS * 2 ** (attempt - 2));
        const out = await this.props.ddb.send(
          new BatchGetCommand({
            RequestItems: { [this.props.tableName]: { Keys: keys, ConsistentRead: this.props.consistentRead } },
          }),
        );
        for (const item of out.Responses?.[this.props.tableName] ?? []) found.set(String(item[ARTICLES_TABLE.partitionKey]), item);
        keys = (out.UnprocessedKeys?.[this.props.tableName]?.Keys ?? []) as Record<string, unknown>[];
      }
    }
    const items = ids.flatMap((id) => {
      const item = found.get(id);
      return item ? [item] : [];
    });
    return Promise.all(items.map((item) => this.hydrate(item)));
  }

  /** Item -> Article, with an offloaded body read back from S3. */
  private async hydrate(item: Record<string, unknown>): Promise<Article> {
    const record = fromItem(item);
    const ref = record.bodyRef;
    if (!ref || !this.props.fetchBodies) return record;
    const bucket = ref.bucket || this.props.bodiesBucket;
    let text: string;
    try {
      const out = await this.props.s3.send(new GetObjectCommand({ Bucket: bucket, Key: ref.key }));
      text = (await out.Body?.transformToString('utf-8')) ?? '';
    } catch (err) {
      throw new BodyFetchError(record.articleId, bucket, ref.key, { cause: err });
    }
    let parsed: { body?: unknown; removed?: unknown; images?: unknown };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch (err) {
      throw new MalformedBodyError(record.articleId, 'not JSON', { cause: err });
    }
    if (typeof parsed.body !== 'string') throw new MalformedBodyError(record.articleId, 'no string "body"');
    const { bodyRef: _ref, ...rest } = record;
    return {
      ...rest,
      body: parsed.body,
      ...(Array.isArray(parsed.removed) ? { removed: parsed.removed as Article['removed'] } : {}),
      // Bodies offloaded before images moved to the document keep their images in the item.
      ...(Array.isArray(parsed.images) ? { images: parsed.images as Article['images'] } : {}),
    };
  }
}
