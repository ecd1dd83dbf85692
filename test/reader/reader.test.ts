import { PutObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ARTICLES_TABLE, SUMMARY_ATTRIBUTES } from '../../lib/table-schema.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildArticleRecord, toItem, type ArticleRecord } from '../../functions/shared/record.ts';
import type { LocalStack } from '../../local/stack.ts';
import { ArticleReader, BodyFetchError, type Article, type ArticleSummary } from '../../reader/index.ts';
import { startTestStack } from '../local/helpers.ts';

const DAY = '2026-03-04';
let stack: LocalStack;
let reader: ArticleReader;

function record(key: string, minute: number, overrides: Partial<ArticleRecord> = {}): ArticleRecord {
  const base = buildArticleRecord(
    {
      status: 'ok',
      statusReason: null,
      title: `Title of ${key}`,
      body: `Body of ${key}.`,
      language: 'en',
      authors: [],
      agencies: [],
      publishedAt: null,
      images: [],
      removed: [{ text: 'Share this', reason: 'share' }],
      wordCount: 3,
      contentHash: `hash-${key}`,
      cleanerVersion: 'test',
    },
    { bucket: 'raw', key, versionId: null, eTag: 'e', size: 10, sequencer: '01'.padEnd(32, '0') },
    new Date(`${DAY}T10:${String(minute).padStart(2, '0')}:00.000Z`),
  );
  return { ...base, ...overrides };
}

async function store(r: ArticleRecord): Promise<void> {
  await stack.clients.ddb.send(new PutCommand({ TableName: stack.names.tableName, Item: toItem(r) }));
}

beforeAll(async () => {
  stack = await startTestStack({ consume: false, reconcileOnStart: false });
  reader = new ArticleReader({ ddb: stack.clients.ddb, s3: stack.clients.s3, tableName: stack.names.tableName, bodiesBucket: stack.names.bodiesBucket });
  for (let i = 0; i < 5; i++) await store(record(`day/${i}.txt`, i));
  await store(record('other-day.txt', 0, { ingestDay: '2026-03-05', ingestedAt: '2026-03-05T00:00:00.000Z' }));
});

afterAll(async () => {
  await stack?.stop();
});

describe('ArticleReader', () => {
  it('gets a record by articleId and by bucket/key', async () => {
    const r = record('day/2.txt', 2);
    expect(await reader.get(r.articleId)).toMatchObject({ articleId: r.articleId, title: 'Title of day/2.txt', contentHash: 'hash-day/2.txt' });
    expect((await reader.getByKey('raw', 'day/2.txt'))?.articleId).toBe(r.articleId);
    expect(await reader.getByKey('raw', 'missing.txt')).toBeUndefined();
  });

  it("pages through a day's articles newest first, more than one page", async () => {
    const pages: Article[][] = [];
    for await (const page of reader.listByDay(DAY, { limit: 2 })) pages.push([...page.items]);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat().map((a) => a.sourceKey)).toEqual(['day/4.txt', 'day/3.txt', 'day/2.txt', 'day/1.txt', 'day/0.txt']);
  });

  it('pages oldest first, and resumes from a nextToken', async () => {
    const first = await reader.pageByDay(DAY, { limit: 3, newestFirst: false });
    expect(first.items.map((a) => a.sourceKey)).toEqual(['day/0.txt', 'day/1.txt', 'day/2.txt']);
    expect(first.nextToken).toBeTypeOf('string');
    const rest: string[] = [];
    for await (const page of reader.listByDay(DAY, { limit: 3, newestFirst: false, startToken: first.nextToken! })) rest.push(...page.items.map((a) => a.sourceKey));
    expect(rest).toEqual(['day/3.txt', 'day/4.txt']);
    await expect(reader.pageByDay('04/03/2026')).rejects.toThrow(RangeError);
  });

  it("lists a day's summaries from the index alone: keys and summary attributes, no body", async () => {
    const summaries: ArticleSummary[] = [];
    for await (const page of reader.listSummariesByDay(DAY, { limit: 2 })) summaries.push(...page.items);
    expect(summaries.map((a) => a.sourceKey)).toEqual(['day/4.txt', 'day/3.txt', 'day/2.txt', 'day/1.txt', 'day/0.txt']);
    expect(summaries[0]).toMatchObject({ title: 'Title of day/4.txt', status: 'ok', language: 'en', wordCount: 3, contentHash: 'hash-day/4.txt' });
    expect(Object.keys(summaries[0]!).sort()).toEqual(['articleId', 'ingestDay', 'ingestedAt', ...SUMMARY_ATTRIBUTES].sort());
    // The index itself holds no body: what is not projected cannot be read from it.
    const raw = await stack.clients.ddb.send(
      new QueryCommand({
        TableName: stack.names.tableName,
        IndexName: ARTICLES_TABLE.indexes.byDay.name,
        KeyConditionExpression: 'ingestDay = :d',
        ExpressionAttributeValues: { ':d': DAY },
      }),
    );
    expect(raw.Items?.length).toBe(5);
    for (const item of raw.Items ?? []) expect(item).not.toHaveProperty('body');
  });

  it('finds duplicates by content hash', async () => {
    await store(record('dup/a.txt', 10, { contentHash: 'same-body' }));
    await store(record('dup/b.txt', 11, { contentHash: 'same-body' }));
    const found = await reader.findByContentHash('same-body');
    expect(found.map((a) => a.sourceKey)).toEqual(['dup/a.txt', 'dup/b.txt']);
  });

  it('fetches an offloaded body transparently', async () => {
    const big = record('big.txt', 20);
    const bodyRef = { bucket: stack.names.bodiesBucket, key: 'bodies/abc.json', bytes: 42 };
    await stack.clients.s3.send(
      new PutObjectCommand({
        Bucket: bodyRef.bucket,
        Key: bodyRef.key,
        Body: JSON.stringify({
          body: 'The whole long body.',
          removed: [{ text: 'Advertisement', reason: 'ad' }],
          images: [{ caption: 'The bridge at dawn', credit: 'Reuters' }],
        }),
      }),
    );
    await store({ ...big, body: '', removed: [], images: [], bodyOffloaded: true, bodyRef });
    const got = await reader.get(big.articleId);
    expect(got).toMatchObject({
      body: 'The whole long body.',
      removed: [{ text: 'Advertisement', reason: 'ad' }],
      images: [{ caption: 'The bridge at dawn', credit: 'Reuters' }],
      bodyOffloaded: true,
    });
    expect(got).not.toHaveProperty('bodyRef');

    const raw = new ArticleReader({ ddb: stack.clients.ddb, s3: stack.clients.s3, tableName: stack.names.tableName, bodiesBucket: stack.names.bodiesBucket, fetchBodies: false });
    expect(await raw.get(big.articleId)).toMatchObject({ body: '', bodyRef });
  });

  it('raises BodyFetchError when an offloaded body is missing', async () => {
    const lost = record('lost-body.txt', 21);
    await store({ ...lost, body: '', bodyOffloaded: true, bodyRef: { bucket: stack.names.bodiesBucket, key: 'bodies/missing.json', bytes: 1 } });
    await expect(reader.get(lost.articleId)).rejects.toBeInstanceOf(BodyFetchError);
  });
});
