/**
 * The ingest handler end to end with mocked AWS clients: createHandler(deps) invoked with SQS
 * events and the shared fake Context. DynamoDB's conditional put is emulated over an in-memory
 * table (the real condition is exercised against dynalite in article-store.dynalite.test.ts).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, PutCommand, type PutCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recordTooLargeReason, rejectedFields } from '../../functions/shared/article.ts';
import { DynamoArticleStore, estimateItemBytes } from '../../functions/shared/article-store.ts';
import { createClients } from '../../functions/shared/clients.ts';
import { articleIdFor, buildArticleRecord, fromItem, toItem, type ArticleRecord } from '../../functions/shared/record.ts';
import { parseArticleRecord } from '../../functions/shared/record-schema.ts';
import { createHandler } from '../../functions/ingest/index.ts';
import { METRIC_NAMES } from '../../functions/ingest/process.ts';
import {
  BODIES,
  BUCKET,
  SAMPLE_ARTICLE,
  TABLE,
  cp1252,
  fakeContext,
  quietLogger,
  s3Body,
  s3Message,
  s3Record,
  sqsEvent,
  sqsRecord,
  testMetrics,
  utf16,
} from './helpers.ts';

const clients = createClients({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
const s3Mock = mockClient(S3Client);
const ddbMock = mockClient(DynamoDBDocumentClient);

/** articleId -> stored item, with the store's condition evaluated like DynamoDB would. */
let table: Map<string, Record<string, unknown>>;
let puts: PutCommandInput[];

function emulateConditionalPut(input: PutCommandInput) {
  puts.push(input);
  const item = input.Item as Record<string, unknown>;
  const existing = table.get(item.articleId as string);
  const seq = input.ExpressionAttributeValues?.[':seq'] as string;
  const cvk = input.ExpressionAttributeValues?.[':cvk'] as string;
  const allowed =
    existing === undefined ||
    (existing.sourceSequencer as string) < seq ||
    (existing.sourceSequencer === seq && (existing.cleanerVersionKey === undefined || (existing.cleanerVersionKey as string) < cvk));
  if (!allowed) throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
  table.set(item.articleId as string, item);
  return {};
}

const stored = (key: string): ArticleRecord | undefined => {
  const item = table.get(articleIdFor(BUCKET, key));
  return item === undefined ? undefined : fromItem(item);
};

/** Objects served by the GetObject mock, by key. */
let objects: Map<string, Uint8Array>;
const metrics = testMetrics();
const logger = quietLogger();
let handler: ReturnType<typeof createHandler>;

function noSuchKey() {
  return new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } });
}

beforeEach(() => {
  table = new Map();
  puts = [];
  objects = new Map();
  s3Mock.reset();
  ddbMock.reset();
  ddbMock.on(PutCommand).callsFake(emulateConditionalPut);
  s3Mock.on(PutObjectCommand).resolves({});
  s3Mock.on(GetObjectCommand).callsFake((input: { Key: string; VersionId?: string }) => {
    const bytes = objects.get(input.Key);
    if (bytes === undefined) throw noSuchKey();
    return { Body: s3Body(bytes), ContentLength: bytes.length, ETag: '"etag-of-read"', ...(input.VersionId ? { VersionId: input.VersionId } : {}) };
  });
  vi.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => metrics);
  vi.spyOn(metrics, 'addMetric');
  vi.spyOn(logger, 'info');
  vi.spyOn(logger, 'warn');
  vi.spyOn(logger, 'error');
  handler = createHandler({ ...clients, config: { tableName: TABLE, bodiesBucket: BODIES, maxObjectBytes: 1024 * 1024 }, logger, metrics });
});

afterEach(() => {
  vi.restoreAllMocks();
});

const put = (key: string, sequencer: string, extra: Partial<Parameters<typeof s3Record>[0]> = {}) =>
  s3Record({ key, sequencer, size: objects.get(decodeURIComponent(key.replace(/\+/g, ' ')))?.length ?? 100, ...extra });

function metricCount(name: string): number {
  return vi.mocked(metrics.addMetric).mock.calls.filter(([n]) => n === name).reduce((s, [, , v]) => s + v, 0);
}

describe('ingest handler', () => {
  it('cleans an upload and writes a valid record', async () => {
    objects.set('news/a.txt', Buffer.from(SAMPLE_ARTICLE));
    const res = await handler(sqsEvent(s3Message([put('news/a.txt', '0055AED6DCD90281E5', { eTag: 'etag-of-event' })])), fakeContext);
    expect(res).toEqual({ batchItemFailures: [] });
    const r = stored('news/a.txt')!;
    expect(() => parseArticleRecord(r)).not.toThrow();
    expect(r).toMatchObject({
      status: 'ok',
      sourceBucket: BUCKET,
      sourceKey: 'news/a.txt',
      sourceETag: 'etag-of-read',
      sourceSize: Buffer.byteLength(SAMPLE_ARTICLE),
      sourceSequencer: '0055AED6DCD90281E500000000000000',
      bodyOffloaded: false,
    });
    expect(r.body.length).toBeGreaterThan(0);
    expect(metricCount(METRIC_NAMES.ingested)).toBe(1);
    expect(vi.mocked(metrics.addMetric).mock.calls.some(([n]) => n === METRIC_NAMES.cleaningTimeMs)).toBe(true);
    expect(metricCount(METRIC_NAMES.linesRemoved)).toBe(r.removed.length);
  });

  it('a duplicate delivery is a no-op: the second put is refused, nothing fails', async () => {
    objects.set('dup.txt', Buffer.from(SAMPLE_ARTICLE));
    const message = () => s3Message([put('dup.txt', '0055AED6DCD90281E5')]);
    expect(await handler(sqsEvent(message()), fakeContext)).toEqual({ batchItemFailures: [] });
    const first = table.get(articleIdFor(BUCKET, 'dup.txt'));
    expect(await handler(sqsEvent(message()), fakeContext)).toEqual({ batchItemFailures: [] });
    expect(puts).toHaveLength(2);
    expect(table.get(articleIdFor(BUCKET, 'dup.txt'))).toBe(first);
    expect(metricCount(METRIC_NAMES.ingested)).toBe(1);
    expect(metricCount(METRIC_NAMES.stale)).toBe(1);
  });

  it('an older event arriving after a newer one is stale and does not overwrite', async () => {
    objects.set('order.txt', Buffer.from(SAMPLE_ARTICLE));
    await handler(sqsEvent(s3Message([put('order.txt', '0055AED6DCD90281F0')])), fakeContext);
    objects.set('order.txt', Buffer.from(SAMPLE_ARTICLE.replace('Library reopens', 'Old headline')));
    const res = await handler(sqsEvent(s3Message([put('order.txt', '0055AED6DCD90281E5')])), fakeContext);
    expect(res.batchItemFailures).toEqual([]);
    expect(stored('order.txt')?.sourceSequencer).toBe('0055AED6DCD90281F000000000000000');
    expect(JSON.stringify(stored('order.txt'))).not.toContain('Old headline');
    expect(metricCount(METRIC_NAMES.stale)).toBe(1);
  });

  it('decodes URL-encoded keys before reading the object', async () => {
    objects.set('my fileé.txt', Buffer.from(SAMPLE_ARTICLE));
    const res = await handler(sqsEvent(s3Message([s3Record({ key: 'my+file%C3%A9.txt', size: 10 })])), fakeContext);
    expect(res.batchItemFailures).toEqual([]);
    expect(s3Mock).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: BUCKET, Key: 'my fileé.txt' });
    expect(stored('my fileé.txt')?.sourceKey).toBe('my fileé.txt');
  });

  it('ignores s3:TestEvent without touching S3 or DynamoDB', async () => {
    const test = sqsRecord({ Service: 'Amazon S3', Event: 's3:TestEvent', Time: '2026-11-28T06:00:00Z', Bucket: BUCKET });
    expect(await handler(sqsEvent(test), fakeContext)).toEqual({ batchItemFailures: [] });
    expect(s3Mock).not.toHaveReceivedAnyCommand();
    expect(ddbMock).not.toHaveReceivedAnyCommand();
  });

  it('a delete writes a tombstone that keeps the source and sequencer', async () => {
    objects.set('gone.txt', Buffer.from(SAMPLE_ARTICLE));
    await handler(sqsEvent(s3Message([put('gone.txt', '0055AED6DCD90281E5')])), fakeContext);
    objects.delete('gone.txt');
    const del = s3Record({ key: 'gone.txt', eventName: 'ObjectRemoved:DeleteMarkerCreated', versionId: 'dm-1', sequencer: '0055AED6DCD90281F0' });
    expect((await handler(sqsEvent(s3Message([del])), fakeContext)).batchItemFailures).toEqual([]);
    const t = stored('gone.txt')!;
    expect(t).toMatchObject({ status: 'deleted', body: '', title: null, removed: [], sourceVersionId: 'dm-1', sourceSequencer: '0055AED6DCD90281F000000000000000' });
    expect(() => parseArticleRecord(t)).not.toThrow();
    expect(metricCount(METRIC_NAMES.deleted)).toBe(1);
    // The delete is checked against S3 (NoSuchKey) before the tombstone; the late re-delivery of the create is refused.
    expect(s3Mock.commandCalls(GetObjectCommand)).toHaveLength(2);
    objects.set('gone.txt', Buffer.from(SAMPLE_ARTICLE));
    await handler(sqsEvent(s3Message([put('gone.txt', '0055AED6DCD90281E5')])), fakeContext);
    expect(stored('gone.txt')?.status).toBe('deleted');
  });

  /** Reads of `key` without a VersionId answer as a versioned bucket does: with the current version's id. */
  function currentVersion(key: string, versionId: string): void {
    s3Mock.on(GetObjectCommand, { Bucket: BUCKET, Key: key, VersionId: undefined }).callsFake(() => {
      const bytes = objects.get(key)!;
      return { Body: s3Body(bytes), ContentLength: bytes.length, ETag: '"etag-of-read"', VersionId: versionId };
    });
  }

  it('a permanent delete of one version re-ingests the version that is now current', async () => {
    objects.set('v.txt', Buffer.from(SAMPLE_ARTICLE));
    currentVersion('v.txt', 'previous-version');
    const del = s3Record({ key: 'v.txt', eventName: 'ObjectRemoved:Delete', versionId: 'old-version', sequencer: '0055AED6DCD90281F0' });
    expect((await handler(sqsEvent(s3Message([del])), fakeContext)).batchItemFailures).toEqual([]);
    expect(s3Mock).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: BUCKET, Key: 'v.txt' });
    expect(s3Mock.commandCalls(GetObjectCommand)[0]!.args[0].input.VersionId).toBeUndefined();
    expect(stored('v.txt')).toMatchObject({ status: 'ok', sourceVersionId: 'previous-version', sourceSequencer: '0055AED6DCD90281F000000000000000' });
  });

  it('a "permanent delete" of the version that is still current does not lend it its sequencer', async () => {
    objects.set('still.txt', Buffer.from(SAMPLE_ARTICLE));
    currentVersion('still.txt', 'v-live');
    await handler(sqsEvent(s3Message([put('still.txt', '0055AED6DCD90281E5', { versionId: 'v-live' })])), fakeContext);
    const del = s3Record({ key: 'still.txt', eventName: 'ObjectRemoved:Delete', versionId: 'v-live', sequencer: 'F'.repeat(32) });
    expect((await handler(sqsEvent(s3Message([del])), fakeContext)).batchItemFailures).toEqual([]);
    expect(stored('still.txt')).toMatchObject({ status: 'ok', sourceSequencer: '0055AED6DCD90281E500000000000000' });
  });

  it('an unversioned delete of a key that exists again is no tombstone and outranks no later event', async () => {
    objects.set('back.txt', Buffer.from(SAMPLE_ARTICLE));
    // The delete arrives first (the put that re-created the key is still in flight): the current object fills the gap at the lowest precedence.
    const del = s3Record({ key: 'back.txt', eventName: 'ObjectRemoved:Delete', sequencer: '0055AED6DCD90281F0' });
    expect((await handler(sqsEvent(s3Message([del])), fakeContext)).batchItemFailures).toEqual([]);
    expect(stored('back.txt')).toMatchObject({ status: 'ok', sourceSequencer: '0'.repeat(32) });
    await handler(sqsEvent(s3Message([put('back.txt', '0055AED6DCD9028200')])), fakeContext);
    expect(stored('back.txt')).toMatchObject({ status: 'ok', sourceSequencer: '0055AED6DCD902820000000000000000' });
    expect(metricCount(METRIC_NAMES.deleted)).toBe(0);
  });

  it('reads the exact version named by the event', async () => {
    objects.set('ver.txt', Buffer.from(SAMPLE_ARTICLE));
    await handler(sqsEvent(s3Message([put('ver.txt', '01', { versionId: 'v-42' })])), fakeContext);
    expect(s3Mock).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: BUCKET, Key: 'ver.txt', VersionId: 'v-42' });
    expect(stored('ver.txt')?.sourceVersionId).toBe('v-42');
  });

  it('offloads a body too large for one item and keeps the item under 400 KB', async () => {
    const paragraphs = Array.from(
      { length: 3000 },
      (_, i) => `Paragraph ${i}: the council debated the harbour budget for the ${i}th time, and residents wrote long letters about the ferry.`,
    );
    const text = ['Harbour budget debate runs long', '', ...paragraphs.flatMap((p) => [p, ''])].join('\n');
    objects.set('long.txt', Buffer.from(text));
    const res = await handler(sqsEvent(s3Message([put('long.txt', '01')])), fakeContext);
    expect(res.batchItemFailures).toEqual([]);
    const body = s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input;
    expect(body?.Bucket).toBe(BODIES);
    const item = table.get(articleIdFor(BUCKET, 'long.txt'))!;
    expect(item).toMatchObject({ body: '', removed: [], bodyOffloaded: true, bodyRef: { bucket: BODIES, key: body?.Key } });
    expect(Buffer.byteLength(JSON.stringify(item))).toBeLessThan(400 * 1024);
    expect(JSON.parse(body?.Body as string).body.length).toBeGreaterThan(300_000);
    expect(metricCount(METRIC_NAMES.bodiesOffloaded)).toBe(1);
  });

  it('a record too large for one item even with its content offloaded is stored as a clear rejection', async () => {
    const key = 'huge-metadata.txt';
    objects.set(key, Buffer.from(SAMPLE_ARTICLE));
    // A budget that fits a content-free rejection of this object but not its cleaned record
    // (title, authors, contentHash), standing in for an upload with thousands of authors.
    const source = { bucket: BUCKET, key, versionId: null, eTag: 'etag-of-read', size: SAMPLE_ARTICLE.length, sequencer: '01'.padEnd(32, '0') };
    const rejection = buildArticleRecord(rejectedFields(recordTooLargeReason(999_999)), source, new Date());
    const budget = estimateItemBytes(toItem(rejection)) + 5;
    const store = new DynamoArticleStore({ ...clients, tableName: TABLE, bodiesBucket: BODIES, maxItemBytes: budget });
    const small = createHandler({ ...clients, config: { tableName: TABLE, bodiesBucket: BODIES }, store, logger, metrics });

    const res = await small(sqsEvent(s3Message([put(key, '01')])), fakeContext);
    expect(res.batchItemFailures).toEqual([]);
    const r = stored(key)!;
    expect(r).toMatchObject({ status: 'rejected', statusReason: expect.stringMatching(/^record-too-large: \d+ bytes$/), title: null, body: '', sourceKey: key });
    expect(Number(/\d+/.exec(r.statusReason!)![0])).toBeGreaterThan(budget);
    expect(() => parseArticleRecord(r)).not.toThrow();
    expect(s3Mock).not.toHaveReceivedCommand(PutObjectCommand); // nothing offloaded for a record that was not stored
    expect(metricCount(METRIC_NAMES.rejected)).toBe(1);
  });

  it('rejects an object over the size cap from the event size, without downloading it', async () => {
    const res = await handler(sqsEvent(s3Message([s3Record({ key: 'huge.txt', size: 50 * 1024 * 1024, sequencer: '01' })])), fakeContext);
    expect(res.batchItemFailures).toEqual([]);
    expect(s3Mock).not.toHaveReceivedCommand(GetObjectCommand);
    expect(stored('huge.txt')).toMatchObject({
      status: 'rejected',
      statusReason: `too-large: ${50 * 1024 * 1024} bytes > ${1024 * 1024}`,
      sourceSize: 50 * 1024 * 1024,
      body: '',
    });
    expect(metricCount(METRIC_NAMES.rejected)).toBe(1);
  });

  it('rejects an object that grew over the cap after its event, from ContentLength, without reading it', async () => {
    const destroy = vi.fn();
    s3Mock.on(GetObjectCommand).resolves({ Body: { destroy } as never, ContentLength: 2 * 1024 * 1024, ETag: '"e"' });
    await handler(sqsEvent(s3Message([s3Record({ key: 'grew.txt', size: 10, sequencer: '01' })])), fakeContext);
    expect(stored('grew.txt')).toMatchObject({ status: 'rejected', sourceSize: 2 * 1024 * 1024 });
    expect(destroy).toHaveBeenCalled();
  });

  it('reports exactly the failing message in batchItemFailures', async () => {
    objects.set('ok1.txt', Buffer.from(SAMPLE_ARTICLE));
    objects.set('ok2.txt', Buffer.from(SAMPLE_ARTICLE));
    s3Mock.on(GetObjectCommand, { Key: 'broken.txt' }).rejects(
      new S3ServiceException({ name: 'InternalError', $fault: 'server', message: 'We encountered an internal error', $metadata: { httpStatusCode: 500 } }),
    );
    const res = await handler(
      sqsEvent(
        s3Message([put('ok1.txt', '01')], 'm-ok-1'),
        s3Message([put('broken.txt', '01')], 'm-broken'),
        s3Message([put('ok2.txt', '01')], 'm-ok-2'),
      ),
      fakeContext,
    );
    expect(res).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-broken' }] });
    expect(stored('ok1.txt')?.status).toBe('ok');
    expect(stored('ok2.txt')?.status).toBe('ok');
    expect(logger.error).toHaveBeenCalledWith('message failed', expect.objectContaining({ messageId: 'm-broken' }));
  });

  it('a malformed SQS body is a batch item failure, never silently dropped', async () => {
    objects.set('fine.txt', Buffer.from(SAMPLE_ARTICLE));
    const res = await handler(sqsEvent(sqsRecord('{"Records": [ not json', 'm-bad'), s3Message([put('fine.txt', '01')], 'm-fine')), fakeContext);
    expect(res).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-bad' }] });
  });

  it('reports every message when the whole batch fails (no invocation error)', async () => {
    const res = await handler(sqsEvent(sqsRecord('nope', 'a'), sqsRecord('{}', 'b')), fakeContext);
    expect(res.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['a', 'b']);
  });

  it('rejects binary uploads with a binary:<format> reason', async () => {
    objects.set('photo.txt', Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52));
    await handler(sqsEvent(s3Message([put('photo.txt', '01')])), fakeContext);
    expect(stored('photo.txt')).toMatchObject({ status: 'rejected', statusReason: 'binary:png', body: '' });
  });

  it.each([
    ['UTF-16 LE with BOM', () => utf16(SAMPLE_ARTICLE, 'le', true)],
    ['UTF-16 BE with BOM', () => utf16(SAMPLE_ARTICLE, 'be', true)],
    ['UTF-16 LE without BOM', () => utf16(SAMPLE_ARTICLE, 'le', false)],
    ['Windows-1252', () => cp1252(SAMPLE_ARTICLE)],
  ])('decodes %s uploads', async (_what, make) => {
    objects.set('enc.txt', make());
    await handler(sqsEvent(s3Message([put('enc.txt', '01')])), fakeContext);
    const r = stored('enc.txt')!;
    expect(r.status).toBe('ok');
    const everything = [r.title, r.body, ...r.removed.map((x) => x.text)].join('\n');
    expect(everything).toContain('children’s corner');
    expect(everything).not.toContain('\u0000');
  });

  it('NoSuchKey (object deleted before it was read) is not a failure and writes nothing', async () => {
    const res = await handler(sqsEvent(s3Message([put('vanished.txt', '01')])), fakeContext);
    expect(res.batchItemFailures).toEqual([]);
    expect(ddbMock).not.toHaveReceivedCommand(PutCommand);
    expect(metricCount(METRIC_NAMES.stale)).toBe(1);
    expect(logger.warn).toHaveBeenCalledWith('event superseded', expect.objectContaining({ key: 'vanished.txt', outcome: 'missing' }));
  });

  it('logs untrusted keys only as structured fields', async () => {
    const key = 'evil\n{"level":"ERROR"}.txt';
    objects.set(key, Buffer.from(SAMPLE_ARTICLE));
    await handler(sqsEvent(s3Message([s3Record({ key: encodeURIComponent(key), size: 10, sequencer: '01' })])), fakeContext);
    const calls = [...vi.mocked(logger.info).mock.calls, ...vi.mocked(logger.warn).mock.calls];
    expect(calls.length).toBeGreaterThan(0);
    for (const [message] of calls) expect(String(message)).not.toContain('evil');
    expect(logger.info).toHaveBeenCalledWith('article stored', expect.objectContaining({ key, articleId: articleIdFor(BUCKET, key), status: 'ok', outcome: 'written' }));
  });

  it('a DynamoDB failure fails the message (retry, then DLQ)', async () => {
    objects.set('x.txt', Buffer.from(SAMPLE_ARTICLE));
    ddbMock.on(PutCommand).rejects(Object.assign(new Error('boom'), { name: 'InternalServerError' }));
    const res = await handler(sqsEvent(s3Message([put('x.txt', '01')], 'm-x')), fakeContext);
    expect(res).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-x' }] });
  });
});

describe('the deployed handler export', () => {
  it('imports without configuration and fails invocations with a ConfigError naming the variable', async () => {
    const saved = { TABLE_NAME: process.env.TABLE_NAME, BODIES_BUCKET: process.env.BODIES_BUCKET };
    delete process.env.TABLE_NAME;
    delete process.env.BODIES_BUCKET;
    try {
      vi.resetModules();
      const mod = await import('../../functions/ingest/index.ts');
      await expect(mod.handler(sqsEvent(), fakeContext)).rejects.toThrow(/TABLE_NAME/);
    } finally {
      Object.assign(process.env, Object.fromEntries(Object.entries(saved).filter(([, v]) => v !== undefined)));
    }
  });
});
