/**
 * The store's conditional writes against a real DynamoDB implementation (dynalite, in-process on
 * an ephemeral loopback port): duplicates, out-of-order events, tombstones and re-cleaning.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLES_TABLE } from '../../lib/table-schema.ts';
import { DynamoArticleStore } from '../../functions/shared/article-store.ts';
import { createClients } from '../../functions/shared/clients.ts';
import { buildArticleRecord, buildTombstone, toItem } from '../../functions/shared/record.ts';
import { parseArticleRecord } from '../../functions/shared/record-schema.ts';
import { normaliseSequencer } from '../../functions/shared/s3-event.ts';
import { BODIES, OK_FIELDS, SOURCE, TABLE } from './helpers.ts';

const require = createRequire(import.meta.url);
const dynalite = require('dynalite') as (opts: Record<string, unknown>) => Server;

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
let server: Server;
let store: DynamoArticleStore;
let ddb: DynamoDBDocumentClient;
const s3Mock = mockClient(S3Client);

beforeAll(async () => {
  server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const raw = new DynamoDBClient({ endpoint, region: 'eu-west-1', credentials });
  const { byDay, byContentHash } = ARTICLES_TABLE.indexes;
  await raw.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: ARTICLES_TABLE.partitionKey, KeyType: 'HASH' }],
      AttributeDefinitions: [ARTICLES_TABLE.partitionKey, byDay.partitionKey, byDay.sortKey, byContentHash.partitionKey].map((n) => ({
        AttributeName: n,
        AttributeType: 'S',
      })),
      GlobalSecondaryIndexes: [byDay, byContentHash].map((i) => ({
        IndexName: i.name,
        KeySchema: [
          { AttributeName: i.partitionKey, KeyType: 'HASH' },
          { AttributeName: i.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
  raw.destroy();
  const clients = createClients({ endpoints: { dynamodb: endpoint, s3: 'http://127.0.0.1:9' }, region: 'eu-west-1', credentials });
  ddb = clients.ddb;
  store = new DynamoArticleStore({ ddb: clients.ddb, s3: clients.s3, tableName: TABLE, bodiesBucket: BODIES });
  s3Mock.on(PutObjectCommand).resolves({});
});

afterAll(async () => {
  s3Mock.restore();
  await new Promise((resolve) => server.close(resolve));
});

const seq = (hex: string) => normaliseSequencer(hex);
let n = 0;
/** A fresh key per test so tests do not share rows. */
const sourceAt = (sequencer: string) => ({ ...SOURCE, key: `dyn/${++n}.txt`, sequencer: seq(sequencer) });
const at = (s: number) => new Date(Date.UTC(2026, 10, 28, 7, 0, s));

describe('DynamoArticleStore on dynalite', () => {
  it('writes once; a redelivery of the same event is stale and changes nothing', async () => {
    const src = sourceAt('0055AED6DCD90281E5');
    const first = buildArticleRecord(OK_FIELDS, src, at(1));
    expect(await store.put(first)).toEqual({ outcome: 'written' });
    expect(await store.put(buildArticleRecord(OK_FIELDS, src, at(2)))).toEqual({ outcome: 'stale' });
    expect(await store.get(first.articleId)).toEqual(first);
  });

  it('refuses an older event that arrives after a newer one', async () => {
    const newer = sourceAt('0055AED6DCD90281E6');
    const older = { ...newer, sequencer: seq('0055AED6DCD90281E5') };
    const written = buildArticleRecord({ ...OK_FIELDS, title: 'newer' }, newer, at(1));
    expect((await store.put(written)).outcome).toBe('written');
    expect((await store.put(buildArticleRecord({ ...OK_FIELDS, title: 'older' }, older, at(2)))).outcome).toBe('stale');
    expect((await store.get(written.articleId))?.title).toBe('newer');
  });

  it('orders sequencers of different lengths after right-padding', async () => {
    const base = sourceAt('0055AED6DCD90281E5');
    const longer = { ...base, sequencer: seq('0055AED6DCD90281E5A1') }; // newer than ...E5, older than ...E6
    expect((await store.put(buildArticleRecord(OK_FIELDS, base, at(1)))).outcome).toBe('written');
    expect((await store.put(buildArticleRecord(OK_FIELDS, longer, at(2)))).outcome).toBe('written');
    expect((await store.put(buildArticleRecord(OK_FIELDS, base, at(3)))).outcome).toBe('stale');
  });

  it('re-cleans the same event when the cleaner version changed', async () => {
    const src = sourceAt('0055AED6DCD90281E5');
    expect((await store.put(buildArticleRecord(OK_FIELDS, src, at(1)))).outcome).toBe('written');
    const v2 = buildArticleRecord({ ...OK_FIELDS, cleanerVersion: '2.0.0', title: 're-cleaned' }, src, at(2));
    expect((await store.put(v2)).outcome).toBe('written');
    expect((await store.get(v2.articleId))?.title).toBe('re-cleaned');
    expect((await store.put(v2)).outcome).toBe('stale');
  });

  it('an older cleaner cannot overwrite a newer one for the same event (rollout, stale reprocess)', async () => {
    const src = sourceAt('0055AED6DCD90281E5');
    const newer = buildArticleRecord({ ...OK_FIELDS, cleanerVersion: '1.13.0', title: 'newer cleaner' }, src, at(1));
    expect((await store.put(newer)).outcome).toBe('written');
    // '1.9.0' > '1.13.0' as plain strings: the padded key is what keeps the order right.
    expect((await store.put(buildArticleRecord({ ...OK_FIELDS, cleanerVersion: '1.9.0', title: 'older cleaner' }, src, at(2)))).outcome).toBe('stale');
    expect((await store.put(buildArticleRecord({ ...OK_FIELDS, cleanerVersion: '0.99.0', title: 'older cleaner' }, src, at(3)))).outcome).toBe('stale');
    expect((await store.get(newer.articleId))?.title).toBe('newer cleaner');
    expect((await store.put(buildArticleRecord({ ...OK_FIELDS, cleanerVersion: '1.13.1', title: 'patched' }, src, at(4)))).outcome).toBe('written');
    expect((await store.get(newer.articleId))?.title).toBe('patched');
  });

  it('an item written before cleanerVersionKey existed counts as older than any cleaner', async () => {
    const src = sourceAt('0055AED6DCD90281E5');
    const { cleanerVersionKey: _dropped, ...legacy } = toItem(buildArticleRecord({ ...OK_FIELDS, cleanerVersion: '9.0.0', title: 'legacy' }, src, at(1)));
    await ddb.send(new PutCommand({ TableName: TABLE, Item: legacy }));
    const recleaned = buildArticleRecord({ ...OK_FIELDS, cleanerVersion: '1.0.0', title: 're-cleaned' }, src, at(2));
    expect((await store.put(recleaned)).outcome).toBe('written');
    expect(await store.get(recleaned.articleId)).toEqual(recleaned);
  });

  it('a delete writes a tombstone; a late create with an older sequencer is refused', async () => {
    const created = sourceAt('0055AED6DCD90281E5');
    expect((await store.put(buildArticleRecord(OK_FIELDS, created, at(1)))).outcome).toBe('written');
    const tomb = buildTombstone({ ...created, sequencer: seq('0055AED6DCD90281F0') }, at(2), OK_FIELDS.cleanerVersion);
    expect((await store.put(tomb)).outcome).toBe('written');
    expect((await store.put(buildArticleRecord(OK_FIELDS, created, at(3)))).outcome).toBe('stale');
    const stored = await store.get(tomb.articleId);
    expect(stored).toEqual(tomb);
    expect(() => parseArticleRecord(stored)).not.toThrow();
  });

  it('a delete of a never-seen key still writes a tombstone that blocks an older create', async () => {
    const src = sourceAt('0055AED6DCD90281F0');
    expect((await store.put(buildTombstone(src, at(1), OK_FIELDS.cleanerVersion))).outcome).toBe('written');
    const lateCreate = { ...src, sequencer: seq('0055AED6DCD90281E5') };
    expect((await store.put(buildArticleRecord(OK_FIELDS, lateCreate, at(2)))).outcome).toBe('stale');
  });

  it('stores an offloaded record under the 400 KB item limit', async () => {
    const body = 'Ωmega paragraph of a very long article about the river. '.repeat(12_000);
    const r = buildArticleRecord({ ...OK_FIELDS, body }, sourceAt('01'), at(1));
    const put = await store.put(r);
    expect(put.outcome).toBe('written');
    expect(put.bodyRef).toBeDefined();
    expect(await store.get(r.articleId)).toMatchObject({ body: '', bodyOffloaded: true, bodyRef: put.bodyRef });
  });
});

describe('the offload threshold against the real 400 KB limit', () => {
  it('an item estimated just under the threshold is accepted by DynamoDB as is', async () => {
    const { estimateItemBytes } = await import('../../functions/shared/article-store.ts');
    const { toItem } = await import('../../functions/shared/record.ts');
    const src = sourceAt('02');
    const base = buildArticleRecord({ ...OK_FIELDS, body: '' }, src, at(1));
    const room = 349_000 - estimateItemBytes(toItem(base));
    // 3-byte characters: the estimate must count UTF-8 bytes, not UTF-16 units.
    const body = '€'.repeat(Math.floor(room / 3));
    const r = buildArticleRecord({ ...OK_FIELDS, body }, src, at(1));
    expect(estimateItemBytes(toItem(r))).toBeLessThanOrEqual(349_000);
    const put = await store.put(r);
    expect(put).toEqual({ outcome: 'written' });
    expect((await store.get(r.articleId))?.body).toBe(body);
  });
});
