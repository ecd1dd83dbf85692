/**
 * ArticleReader: typed read access to the articles table for downstream services. Takes
 * injected SDK clients; knows the table's keys and indexes from lib/table-schema.ts; fetches
 * bodies offloaded to the bodies bucket (bodyRef) transparently.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ARTICLES_TABLE } from '../lib/table-schema.ts';
import { articleIdFor, fromItem } from '../functions/shared/record.ts';
import { BodyFetchError, MalformedBodyError } from './errors.ts';
import type { Article, ArticlePage, ArticleReaderProps, ListByDayOptions } from './types.ts';

/** @default page size of listByDay. */
export const DEFAULT_PAGE_SIZE = 100;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function encodeToken(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;
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

  /** One page of a day's articles (byIngestDay index). */
  public async pageByDay(day: string, options: ListByDayOptions = {}): Promise<ArticlePage> {
    if (!DAY.test(day)) throw new RangeError(`day must be YYYY-MM-DD, got ${JSON.stringify(day)}`);
    const index = ARTICLES_TABLE.indexes.byDay;
    const input: QueryCommandInput = {
      TableName: this.props.tableName,
      IndexName: index.name,
      KeyConditionExpression: '#pk = :day',
      ExpressionAttributeNames: { '#pk': index.partitionKey },
      ExpressionAttributeValues: { ':day': day },
      ScanIndexForward: !(options.newestFirst ?? true),
      Limit: options.limit ?? DEFAULT_PAGE_SIZE,
      ExclusiveStartKey: decodeToken(options.startToken),
    };
    const out = await this.props.ddb.send(new QueryCommand(input));
    const items = await Promise.all((out.Items ?? []).map((item) => this.hydrate(item)));
    const nextToken = encodeToken(out.LastEvaluatedKey);
    return nextToken ? { items, nextToken } : { items };
  }

  /** A day's articles, page by page (`for await (const page of reader.listByDay(day))`). */
  public async *listByDay(day: string, options: ListByDayOptions = {}): AsyncGenerator<ArticlePage> {
    let startToken = options.startToken;
    do {
      const page = await this.pageByDay(day, { ...options, ...(startToken ? { startToken } : {}) });
      // DynamoDB may return an empty page with a LastEvaluatedKey; skip those.
      if (page.items.length > 0 || !page.nextToken) yield page;
      startToken = page.nextToken;
    } while (startToken);
  }

  /** Every article of a day, one by one (constant memory: one page at a time). */
  public async *articlesOfDay(day: string, options: ListByDayOptions = {}): AsyncGenerator<Article> {
    for await (const page of this.listByDay(day, options)) yield* page.items;
  }

  /** Articles whose cleaned body has this SHA-256 (duplicates), oldest first. */
  public async findByContentHash(contentHash: string): Promise<Article[]> {
    const index = ARTICLES_TABLE.indexes.byContentHash;
    const found: Article[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const out = await this.props.ddb.send(
        new QueryCommand({
          TableName: this.props.tableName,
          IndexName: index.name,
          KeyConditionExpression: '#pk = :hash',
          ExpressionAttributeNames: { '#pk': index.partitionKey },
          ExpressionAttributeValues: { ':hash': contentHash },
          ExclusiveStartKey,
        }),
      );
      found.push(...(await Promise.all((out.Items ?? []).map((item) => this.hydrate(item)))));
      ExclusiveStartKey = out.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return found;
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
