/**
 * Fault injection. Whatever fails underneath, a message is never acknowledged without its
 * effect: a failure is reported in batchItemFailures for exactly the affected message (or the
 * whole invocation fails, so nothing is acknowledged), while the other messages of the batch
 * take effect. Expected situations are not failures: an object deleted before it was read, a
 * stale event, the S3 test event.
 *
 * Part 1 mocks the SDK clients (aws-sdk-client-mock: no SDK retries run). Part 2 runs the
 * production client factory against dynalite and s3rver through a fault-injecting proxy, so
 * the SDK's own retries and backoff run: bounded at maxAttempts, then a batch item failure.
 */
import { ProvisionedThroughputExceededException, InternalServerError, ThrottlingException } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, PutObjectCommand, S3ServiceException } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClients, DEFAULT_MAX_ATTEMPTS, type Clients } from '../../functions/shared/clients.ts';
import { articleIdFor } from '../../functions/shared/record.ts';
import { normaliseSequencer } from '../../functions/shared/s3-event.ts';
import { startDynamoServer } from '../../local/dynamo-server.ts';
import { LOCAL_REGION, Sequencer, type S3Change } from '../../local/notifications.ts';
import { ensureBucket, ensureTable } from '../../local/provision.ts';
import { S3RVER_CREDENTIALS, startS3Server } from '../../local/s3-server.ts';
import { createLocalClients, type LocalClients } from '../../local/wiring.ts';
import { createFakeBucket, type FakeBucket } from './support/fake-s3.ts';
import { createFakeTable, type FakeTable } from './support/fake-table.ts';
import { dynamoError, s3Error, startFaultProxy, type FaultProxy } from './support/fault-proxy.ts';
import { articleText, BUCKET, failedIds, makeHandler, sqsRecordFor, sqsRecordWithBody, type Invoke } from './support/harness.ts';

const seq = new Sequencer();
const put = (key: string): S3Change => ({ kind: 'Put', bucket: BUCKET, key, sequencer: seq.next() });
const del = (key: string): S3Change => ({ kind: 'Delete', bucket: BUCKET, key, sequencer: seq.next() });
const idOf = (key: string): string => articleIdFor(BUCKET, key);

/** Resolves to the invocation's failed ids, or 'threw' when the whole invocation failed. */
async function outcome(invoke: Invoke, ...args: Parameters<Invoke>): Promise<string[] | 'threw'> {
  try {
    return failedIds(await invoke(...args));
  } catch {
    return 'threw';
  }
}

describe('faults with mocked clients', () => {
  let table: FakeTable;
  let bucket: FakeBucket;
  let invoke: Invoke;

  beforeEach(() => {
    table = createFakeTable('articles');
    bucket = createFakeBucket();
    invoke = makeHandler({ s3: bucket.s3, ddb: table.ddb, tableName: 'articles' });
    for (const k of ['a.txt', 'b.txt', 'bad.txt']) bucket.put(BUCKET, k, articleText(k));
  });
  afterEach(() => {
    table.restore();
    bucket.restore();
  });

  it.each([
    ['ProvisionedThroughputExceededException', () => new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: { httpStatusCode: 400 } })],
    ['ThrottlingException', () => new ThrottlingException({ message: 'slow down', $metadata: { httpStatusCode: 400 } })],
    ['InternalServerError (5xx)', () => new InternalServerError({ message: 'oops', $metadata: { httpStatusCode: 500 } })],
  ])('DynamoDB %s on one record fails exactly that message; the others are stored', async (_name, error) => {
    table.beforePut = (input) => {
      if (input.Item?.articleId === idOf('bad.txt')) throw error();
    };
    const msgs = [sqsRecordFor(put('a.txt'), 'm-a'), sqsRecordFor(put('bad.txt'), 'm-bad'), sqsRecordFor(put('b.txt'), 'm-b')];
    expect(await outcome(invoke, msgs)).toEqual(['m-bad']);
    expect([...table.items.keys()].sort()).toEqual([idOf('a.txt'), idOf('b.txt')].sort());
  });

  it.each([
    ['InternalError', 500],
    ['SlowDown', 503],
    ['AccessDenied', 403],
  ])('S3 %s (%i) on GetObject fails exactly that message, and writes nothing for it', async (code, status) => {
    bucket.beforeGet = (input) => {
      if (input.Key === 'bad.txt') throw new S3ServiceException({ name: code, $fault: status >= 500 ? 'server' : 'client', message: code, $metadata: { httpStatusCode: status } });
    };
    const msgs = [sqsRecordFor(put('a.txt'), 'm-a'), sqsRecordFor(put('bad.txt'), 'm-bad')];
    expect(await outcome(invoke, msgs)).toEqual(['m-bad']);
    expect(table.items.has(idOf('bad.txt'))).toBe(false);
    expect(table.items.has(idOf('a.txt'))).toBe(true);
  });

  it('S3 NoSuchKey (deleted before processing) is not a failure and overwrites nothing', async () => {
    const first = put('gone.txt');
    bucket.put(BUCKET, 'gone.txt', articleText('first'));
    expect(await outcome(invoke, [sqsRecordFor(first)])).toEqual([]);
    const before = structuredClone(table.items.get(idOf('gone.txt')));
    expect(before).toMatchObject({ status: 'ok', sourceSequencer: normaliseSequencer(first.sequencer) });

    // A second upload, then a delete, both before the second upload's event is processed.
    const second = put('gone.txt');
    const removal = del('gone.txt');
    bucket.remove(BUCKET, 'gone.txt');
    expect(await outcome(invoke, [sqsRecordFor(second)])).toEqual([]);
    expect(table.items.get(idOf('gone.txt'))).toEqual(before); // untouched: no half record
    // The delete event then tombstones it.
    expect(await outcome(invoke, [sqsRecordFor(removal)])).toEqual([]);
    expect(table.items.get(idOf('gone.txt'))).toMatchObject({ status: 'deleted', sourceSequencer: normaliseSequencer(removal.sequencer) });
  });

  it.each([
    ['not JSON', 'this is not json'],
    ['JSON but not an S3 notification', '{"hello":"world"}'],
    ['an invalid sequencer', JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: BUCKET }, object: { key: 'a.txt', size: 10, sequencer: 'zz-not-hex' } } }] })],
    ['a key that is not valid URL encoding', JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: BUCKET }, object: { key: '%E0%A4%A', size: 10, sequencer: '00AA' } } }] })],
  ])('a message with %s fails (retried, then dead-lettered), never silently acknowledged', async (_name, body) => {
    const msgs = [sqsRecordWithBody(body, 'm-poison'), sqsRecordFor(put('a.txt'), 'm-a')];
    expect(await outcome(invoke, msgs)).toEqual(['m-poison']);
    expect(table.items.has(idOf('a.txt'))).toBe(true);
  });

  it('the s3:TestEvent is acknowledged and writes nothing', async () => {
    const body = JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Time: new Date().toISOString(), Bucket: BUCKET });
    expect(await outcome(invoke, [sqsRecordWithBody(body)])).toEqual([]);
    expect(table.items.size).toBe(0);
  });

  it('a message whose second record fails is failed as a whole; its retry completes both (the first is then stale)', async () => {
    const body = JSON.stringify({
      Records: [JSON.parse(sqsRecordFor(put('a.txt')).body).Records[0], JSON.parse(sqsRecordFor(put('bad.txt')).body).Records[0]],
    });
    let failing = true;
    table.beforePut = (input) => {
      if (failing && input.Item?.articleId === idOf('bad.txt')) throw new InternalServerError({ message: 'x', $metadata: {} });
    };
    expect(await outcome(invoke, [sqsRecordWithBody(body, 'm-two')])).toEqual(['m-two']);
    failing = false;
    expect(await outcome(invoke, [sqsRecordWithBody(body, 'm-two')])).toEqual([]);
    expect(table.items.has(idOf('a.txt')) && table.items.has(idOf('bad.txt'))).toBe(true);
  });

  it('a GetObject that hangs past the function timeout: the message is not acknowledged', async () => {
    bucket.beforeGet = (input) => (input.Key === 'bad.txt' ? new Promise<void>(() => undefined) : undefined);
    const msgs = [sqsRecordFor(put('a.txt'), 'm-a'), sqsRecordFor(put('bad.txt'), 'm-bad')];
    const result = await outcome(invoke, msgs, { timeoutMs: 400 });
    // Either the invocation fails (middy's early timeout: nothing is acknowledged, SQS redelivers
    // the batch; 'a' is then refused as stale) or the hanging message is reported failed.
    if (result !== 'threw') expect(result).toContain('m-bad');
    expect(table.items.has(idOf('bad.txt'))).toBe(false);
  });
});

describe('a misconfigured deployment never acknowledges', () => {
  it('the Lambda entry point without TABLE_NAME fails every invocation (messages stay queued)', async () => {
    const saved = { ...process.env };
    delete process.env.TABLE_NAME;
    delete process.env.BODIES_BUCKET;
    try {
      vi.resetModules();
      const { handler } = await import('../../functions/ingest/index.ts');
      const { fakeLambdaContext } = await import('../../local/lambda-context.ts');
      await expect(handler({ Records: [sqsRecordFor(put('a.txt'))] }, fakeLambdaContext())).rejects.toThrow(/TABLE_NAME/);
    } finally {
      process.env = saved;
    }
  });
});

describe('faults through the real SDK retry path (fault proxy in front of dynalite and s3rver)', () => {
  let dynamo: Awaited<ReturnType<typeof startDynamoServer>>;
  let s3server: Awaited<ReturnType<typeof startS3Server>>;
  let ddbProxy: FaultProxy;
  let s3Proxy: FaultProxy;
  let direct: LocalClients;
  let viaProxy: Clients;
  let dir: string;
  let n = 0;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'faults-'));
    dynamo = await startDynamoServer();
    s3server = await startS3Server({ directory: dir, onChange: () => undefined, sequencer: () => seq.next() });
    ddbProxy = await startFaultProxy(dynamo.endpoint);
    s3Proxy = await startFaultProxy(s3server.endpoint);
    direct = createLocalClients({ s3: s3server.endpoint, dynamodb: dynamo.endpoint });
    // The production factory (maxAttempts, standard retry mode), pointed at the proxies.
    viaProxy = createClients({
      endpoints: { s3: s3Proxy.endpoint, dynamodb: ddbProxy.endpoint },
      region: LOCAL_REGION,
      credentials: S3RVER_CREDENTIALS,
      forcePathStyle: true,
    });
    await ensureBucket(direct.s3, BUCKET);
  });
  afterAll(async () => {
    viaProxy?.s3.destroy();
    viaProxy?.ddb.destroy();
    direct?.s3.destroy();
    direct?.dynamo.destroy();
    await Promise.allSettled([ddbProxy?.close(), s3Proxy?.close()]);
    await s3server?.close();
    await dynamo?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh table and an uploaded object per test; the proxies forget their plans and counts. */
  async function setup(key: string): Promise<{ tableName: string; invoke: Invoke }> {
    const tableName = `faults-${++n}`;
    await ensureTable(direct.dynamo, tableName);
    await direct.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: articleText(key) }));
    ddbProxy.plan = () => null;
    s3Proxy.plan = () => null;
    ddbProxy.seen.length = 0;
    s3Proxy.seen.length = 0;
    return { tableName, invoke: makeHandler({ s3: viaProxy.s3, ddb: viaProxy.ddb, tableName }) };
  }

  const stored = async (tableName: string, key: string) =>
    (await direct.ddb.send(new GetCommand({ TableName: tableName, Key: { articleId: idOf(key) }, ConsistentRead: true }))).Item;

  it('DynamoDB throttling that clears within maxAttempts: retried by the SDK, message succeeds', async () => {
    const { tableName, invoke } = await setup('throttled-then-ok.txt');
    ddbProxy.plan = ({ operation, count }) => (operation === 'PutItem' && count < DEFAULT_MAX_ATTEMPTS - 1 ? dynamoError('ProvisionedThroughputExceededException') : null);
    expect(await outcome(invoke, [sqsRecordFor(put('throttled-then-ok.txt'))])).toEqual([]);
    expect(ddbProxy.count('PutItem')).toBe(DEFAULT_MAX_ATTEMPTS);
    expect(await stored(tableName, 'throttled-then-ok.txt')).toMatchObject({ status: 'ok' });
  });

  it.each([
    ['ThrottlingException', 400],
    ['InternalServerError', 500],
  ])('DynamoDB %s that persists: exactly maxAttempts tries, then a batch item failure for that message only', async (type, status) => {
    const { tableName, invoke } = await setup('always-throttled.txt');
    await direct.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'fine.txt', Body: articleText('fine') }));
    const badId = idOf('always-throttled.txt');
    ddbProxy.plan = ({ operation, body }) => (operation === 'PutItem' && body.includes(badId) ? dynamoError(type, status) : null);
    const msgs = [sqsRecordFor(put('always-throttled.txt'), 'm-bad'), sqsRecordFor(put('fine.txt'), 'm-fine')];
    expect(await outcome(invoke, msgs)).toEqual(['m-bad']);
    expect(ddbProxy.seen.filter((s) => s.operation === 'PutItem' && s.faulted)).toHaveLength(DEFAULT_MAX_ATTEMPTS);
    expect(await stored(tableName, 'always-throttled.txt')).toBeUndefined();
    expect(await stored(tableName, 'fine.txt')).toMatchObject({ status: 'ok' });
  });

  it('S3 503 SlowDown twice, then OK: retried, message succeeds', async () => {
    const { tableName, invoke } = await setup('slow.txt');
    s3Proxy.plan = ({ method, count }) => (method === 'GET' && count < 2 ? s3Error('SlowDown', 503) : null);
    expect(await outcome(invoke, [sqsRecordFor(put('slow.txt'))])).toEqual([]);
    expect(await stored(tableName, 'slow.txt')).toMatchObject({ status: 'ok' });
  });

  it('S3 500 that persists: exactly maxAttempts GetObject tries, then a batch item failure', async () => {
    const { tableName, invoke } = await setup('broken.txt');
    s3Proxy.plan = ({ method }) => (method === 'GET' ? s3Error('InternalError', 500) : null);
    expect(await outcome(invoke, [sqsRecordFor(put('broken.txt'), 'm-broken')])).toEqual(['m-broken']);
    expect(s3Proxy.seen.filter((s) => s.method === 'GET')).toHaveLength(DEFAULT_MAX_ATTEMPTS);
    expect(await stored(tableName, 'broken.txt')).toBeUndefined();
  });

  it('S3 NoSuchKey from the real server: one try, no failure, no record', async () => {
    const { tableName, invoke } = await setup('deleted-early.txt');
    const change = put('deleted-early.txt');
    await direct.s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'deleted-early.txt' }));
    expect(await outcome(invoke, [sqsRecordFor(change)])).toEqual([]);
    expect(s3Proxy.seen.filter((s) => s.method === 'GET')).toHaveLength(1);
    expect(await stored(tableName, 'deleted-early.txt')).toBeUndefined();
  });

  it('a GetObject that never answers: the invocation ends at the timeout without acknowledging it', async () => {
    const { tableName, invoke } = await setup('hangs.txt');
    s3Proxy.plan = ({ method }) => (method === 'GET' ? { kind: 'hang' } : null);
    const result = await outcome(invoke, [sqsRecordFor(put('hangs.txt'), 'm-hang')], { timeoutMs: 1_000 });
    if (result !== 'threw') expect(result).toContain('m-hang');
    expect(await stored(tableName, 'hangs.txt')).toBeUndefined();
  });
});
