import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoArticleStore, WRITE_CONDITION, estimateItemBytes } from '../../functions/shared/article-store.ts';
import { createClients } from '../../functions/shared/clients.ts';
import { RecordTooLargeError, StoreError } from '../../functions/shared/errors.ts';
import { buildArticleRecord, toItem } from '../../functions/shared/record.ts';
import { parseArticleRecord } from '../../functions/shared/record-schema.ts';
import { BODIES, OK_FIELDS, SOURCE, TABLE, s3Body } from './helpers.ts';

const clients = createClients({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
const ddbMock = mockClient(DynamoDBDocumentClient);
const s3Mock = mockClient(S3Client);
const store = new DynamoArticleStore({ ddb: clients.ddb, s3: clients.s3, tableName: TABLE, bodiesBucket: BODIES });
const AT = new Date('2026-11-28T07:00:00.000Z');
const record = buildArticleRecord(OK_FIELDS, SOURCE, AT);

function conditionFailed() {
  return new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
}

/** A record whose body alone is ~600 KB (multi-byte text, so UTF-8 size matters). */
function hugeRecord() {
  const paragraph = 'Ünïcödé paragraph about the harbour, repeated to make a very long article. ';
  const body = Array.from({ length: 8000 }, () => paragraph).join('\n\n');
  return buildArticleRecord({ ...OK_FIELDS, body, wordCount: 40_000 }, SOURCE, AT);
}

beforeEach(() => {
  ddbMock.reset();
  s3Mock.reset();
});

describe('DynamoArticleStore.put', () => {
  it('writes the item under the sequencer condition', async () => {
    ddbMock.on(PutCommand).resolves({});
    await expect(store.put(record)).resolves.toEqual({ outcome: 'written' });
    expect(ddbMock).toHaveReceivedCommandWith(PutCommand, {
      TableName: TABLE,
      Item: toItem(record),
      ConditionExpression: WRITE_CONDITION,
      ExpressionAttributeNames: { '#id': 'articleId', '#seq': 'sourceSequencer', '#cvk': 'cleanerVersionKey' },
      ExpressionAttributeValues: { ':seq': record.sourceSequencer, ':cvk': record.cleanerVersionKey },
    });
    expect(s3Mock).not.toHaveReceivedCommand(PutObjectCommand);
  });

  it('the condition refuses older, equal and allows a re-clean by a newer cleaner version only', () => {
    expect(WRITE_CONDITION).toBe('attribute_not_exists(#id) OR #seq < :seq OR (#seq = :seq AND (attribute_not_exists(#cvk) OR #cvk < :cvk))');
  });

  it('turns ConditionalCheckFailed into the outcome stale, not an error', async () => {
    ddbMock.on(PutCommand).rejects(conditionFailed());
    await expect(store.put(record)).resolves.toEqual({ outcome: 'stale' });
  });

  it('wraps other DynamoDB errors in StoreError with the key as context', async () => {
    ddbMock.on(PutCommand).rejects(Object.assign(new Error('throughput exceeded'), { name: 'ProvisionedThroughputExceededException' }));
    const err = await store.put(record).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).context).toMatchObject({ key: SOURCE.key, articleId: record.articleId });
    expect((err as StoreError).cause).toBeInstanceOf(Error);
  });

  it('offloads body, removed and images to the bodies bucket when the item would be too large', async () => {
    ddbMock.on(PutCommand).resolves({});
    s3Mock.on(PutObjectCommand).resolves({});
    const big = hugeRecord();
    expect(estimateItemBytes(toItem(big))).toBeGreaterThan(400 * 1024);

    const result = await store.put(big);
    expect(result.outcome).toBe('written');
    const put = s3Mock.commandCalls(PutObjectCommand)[0]!.args[0].input;
    expect(put.Bucket).toBe(BODIES);
    expect(put.Key).toMatch(new RegExp(`^bodies/${big.articleId}/[0-9a-f]{64}\\.json$`));
    expect(JSON.parse(put.Body as string)).toEqual({ body: big.body, removed: big.removed, images: big.images });
    expect(result.bodyRef).toEqual({ bucket: BODIES, key: put.Key, bytes: Buffer.byteLength(put.Body as string) });

    const item = ddbMock.commandCalls(PutCommand)[0]!.args[0].input.Item!;
    expect(item).toMatchObject({ body: '', removed: [], images: [], bodyOffloaded: true, bodyRef: result.bodyRef, contentHash: big.contentHash });
    expect(Buffer.byteLength(JSON.stringify(item))).toBeLessThan(400 * 1024);
    expect(estimateItemBytes(item)).toBeLessThan(350_000);
    expect(() => parseArticleRecord(item)).not.toThrow();
  });

  it('fails with StoreError when the offload upload fails, without writing the item', async () => {
    s3Mock.on(PutObjectCommand).rejects(new Error('slow down'));
    await expect(store.put(hugeRecord())).rejects.toBeInstanceOf(StoreError);
    expect(ddbMock).not.toHaveReceivedCommand(PutCommand);
  });

  it('offloads images too: 3000 captions alone no longer keep the item over the limit', async () => {
    ddbMock.on(PutCommand).resolves({});
    s3Mock.on(PutObjectCommand).resolves({});
    const images = Array.from({ length: 3000 }, (_, i) => ({ caption: `The mayor number ${i} opened the new bridge over the river on a sunny morning after years of delay.`, credit: `Photograph: Reuters staff ${i}` }));
    const r = buildArticleRecord({ ...OK_FIELDS, images }, SOURCE, AT);
    expect(estimateItemBytes(toItem({ ...r, body: '', removed: [] }))).toBeGreaterThan(350_000);

    await expect(store.put(r)).resolves.toMatchObject({ outcome: 'written' });
    const item = ddbMock.commandCalls(PutCommand)[0]!.args[0].input.Item!;
    expect(item).toMatchObject({ images: [], bodyOffloaded: true });
    expect(estimateItemBytes(item)).toBeLessThan(350_000);
    expect(JSON.parse(s3Mock.commandCalls(PutObjectCommand)[0]!.args[0].input.Body as string).images).toEqual(images);
  });

  it('refuses a record that is too large even without its content, before uploading anything', async () => {
    const authors = Array.from({ length: 5000 }, (_, i) => `Author number ${i} with a long name`.repeat(3));
    const r = buildArticleRecord({ ...OK_FIELDS, authors }, SOURCE, AT);
    s3Mock.on(PutObjectCommand).resolves({});
    const err = await store.put(r).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RecordTooLargeError);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as RecordTooLargeError).message).toMatch(/even with its body offloaded/);
    expect((err as RecordTooLargeError).bytes).toBeGreaterThan(350_000);
    expect(ddbMock).not.toHaveReceivedCommand(PutCommand);
    expect(s3Mock).not.toHaveReceivedCommand(PutObjectCommand);
  });
});

describe('DynamoArticleStore.get', () => {
  it('returns null for an unknown id', async () => {
    ddbMock.on(GetCommand).resolves({});
    await expect(store.get('0'.repeat(32))).resolves.toBeNull();
  });

  it('reads an offloaded body back when asked to hydrate', async () => {
    const bodyRef = { bucket: BODIES, key: `bodies/${record.articleId}/x.json`, bytes: 10 };
    ddbMock.on(GetCommand).resolves({ Item: toItem({ ...record, body: '', removed: [], bodyOffloaded: true, bodyRef }) });
    s3Mock.on(GetObjectCommand).resolves({ Body: s3Body(JSON.stringify({ body: record.body, removed: record.removed })) } as never);
    const got = await store.get(record.articleId, { hydrate: true });
    expect(got).toMatchObject({ body: record.body, removed: record.removed, bodyOffloaded: true, bodyRef });
    expect(s3Mock).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: BODIES, Key: bodyRef.key });
  });

  it('hydrates images from the document, and keeps the item\'s images for documents without them', async () => {
    const images = [{ caption: 'The bridge at dawn', credit: 'Reuters' }];
    const bodyRef = { bucket: BODIES, key: `bodies/${record.articleId}/y.json`, bytes: 10 };
    ddbMock.on(GetCommand).resolves({ Item: toItem({ ...record, body: '', removed: [], images: [], bodyOffloaded: true, bodyRef }) });
    s3Mock.on(GetObjectCommand).resolves({ Body: s3Body(JSON.stringify({ body: record.body, removed: [], images })) } as never);
    expect(await store.get(record.articleId, { hydrate: true })).toMatchObject({ body: record.body, images });

    const legacyImages = [{ caption: 'Kept in the item', credit: null }];
    ddbMock.on(GetCommand).resolves({ Item: toItem({ ...record, body: '', removed: [], images: legacyImages, bodyOffloaded: true, bodyRef }) });
    s3Mock.on(GetObjectCommand).resolves({ Body: s3Body(JSON.stringify({ body: record.body, removed: [] })) } as never);
    expect(await store.get(record.articleId, { hydrate: true })).toMatchObject({ body: record.body, images: legacyImages });
  });
});

describe('estimateItemBytes', () => {
  it('counts names and UTF-8 values, never less than the JSON text of strings', () => {
    const item = { a: 'é'.repeat(100), list: ['x', 'y'], n: 5, m: { k: 'v' }, nothing: null, flag: true };
    expect(estimateItemBytes(item)).toBeGreaterThanOrEqual(1 + 200 + 4 + 2 + 1 + 1 + 1 + 1 + 7 + 4);
    expect(estimateItemBytes({ a: undefined })).toBe(0);
  });
});
