/** The offloaded-body sweep's decisions and its race handling, with mocked S3 and DynamoDB. */
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { sdkStreamMixin } from '@smithy/util-stream';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDuration } from '../../cli/gc-bodies.ts';
import { CliError } from '../../cli/errors.ts';
import { articleIdOfKey, BodyGarbageCollector, decide } from '../../ops/body-gc.ts';
import { BodyListError } from '../../ops/errors.ts';

const BUCKET = 'article-bodies';
const TABLE = 'articles';
const NOW = new Date(Date.UTC(2026, 10, 28, 12, 0, 0));
const DAY = 86_400_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const key = (id: string, n: number) => `bodies/${id}/${String(n).repeat(64).slice(0, 64)}.json`;

const s3 = new S3Client({ region: 'eu-west-1' });
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
const s3Mock = mockClient(s3);
const ddbMock = mockClient(ddb);

/** Stored documents: key -> bytes and LastModified (what GetObject answers). */
let objects: Map<string, { bytes: Buffer; lastModified: Date }>;

function body(bytes: Buffer) {
  return sdkStreamMixin(Readable.from([bytes]));
}

function store(k: string, lastModified: Date, text = `{"body":"${k}"}`) {
  objects.set(k, { bytes: Buffer.from(text), lastModified });
}

function listing() {
  return [...objects.entries()].map(([Key, o]) => ({ Key, LastModified: o.lastModified, Size: o.bytes.byteLength }));
}

/** The record's bodyRef per articleId (undefined: no record). */
function records(refs: Record<string, string | undefined>) {
  ddbMock.on(GetCommand).callsFake((input: { Key: { articleId: string } }) => {
    const ref = refs[input.Key.articleId];
    return ref === undefined ? {} : { Item: { bodyRef: { bucket: BUCKET, key: ref, bytes: 1 } } };
  });
}

const gc = (over: Partial<ConstructorParameters<typeof BodyGarbageCollector>[0]> = {}) =>
  new BodyGarbageCollector({ s3, ddb, tableName: TABLE, bodiesBucket: BUCKET, now: () => NOW, ...over });

const deletedKeys = () => s3Mock.commandCalls(DeleteObjectCommand).map((c) => c.args[0].input.Key);

beforeEach(() => {
  objects = new Map();
  s3Mock.reset();
  ddbMock.reset();
  s3Mock.on(ListObjectsV2Command).callsFake(() => ({ Contents: listing(), IsTruncated: false }));
  s3Mock.on(GetObjectCommand).callsFake((input: { Key: string }) => {
    const o = objects.get(input.Key);
    if (!o) throw Object.assign(new Error('no such key'), { name: 'NoSuchKey' });
    return { Body: body(o.bytes), LastModified: o.lastModified };
  });
  s3Mock.on(DeleteObjectCommand).callsFake((input: { Key: string; VersionId?: string }) => {
    objects.delete(input.Key);
    return {};
  });
});

afterEach(() => {
  s3Mock.reset();
  ddbMock.reset();
});

describe('pure decisions', () => {
  it('articleIdOfKey takes what lies between bodies/ and the last slash', () => {
    expect(articleIdOfKey('bodies/abc/0123.json')).toBe('abc');
    expect(articleIdOfKey('bodies/a/b/0123.json')).toBe('a/b');
    expect(articleIdOfKey('bodies/0123.json')).toBeUndefined();
    expect(articleIdOfKey('bodies/abc/')).toBeUndefined();
    expect(articleIdOfKey('other/abc/0123.json')).toBeUndefined();
  });

  it('decide keeps the current key whatever its age, keeps young orphans, deletes old ones', () => {
    const cutoff = ago(DAY);
    expect(decide({ key: 'k', lastModified: ago(10 * DAY) }, 'k', cutoff)).toBe('current');
    expect(decide({ key: 'k', lastModified: ago(DAY - 1) }, 'other', cutoff)).toBe('young');
    expect(decide({ key: 'k', lastModified: cutoff }, undefined, cutoff)).toBe('young');
    expect(decide({ key: 'k', lastModified: ago(DAY + 1) }, undefined, cutoff)).toBe('delete');
  });
});

describe('BodyGarbageCollector', () => {
  it('deletes old unreferenced documents only, across listing pages, and sums the bytes freed', async () => {
    store(key('a', 1), ago(30 * DAY)); // current of a, old
    store(key('a', 2), ago(2 * DAY), 'x'.repeat(1000)); // orphan of a, old
    store(key('a', 3), ago(60_000)); // orphan of a, young
    store(key('b', 1), ago(3 * DAY), 'y'.repeat(500)); // no record for b
    store(key('c', 1), ago(3 * DAY)); // c's record has no bodyRef (e.g. a tombstone)
    const all = listing();
    s3Mock
      .on(ListObjectsV2Command)
      .resolvesOnce({ Contents: all.slice(0, 2), IsTruncated: true, NextContinuationToken: 't1' })
      .resolvesOnce({ Contents: all.slice(2), IsTruncated: false });
    ddbMock.on(GetCommand).callsFake((input: { Key: { articleId: string } }) => {
      if (input.Key.articleId === 'a') return { Item: { bodyRef: { bucket: BUCKET, key: key('a', 1), bytes: 1 } } };
      if (input.Key.articleId === 'c') return { Item: {} };
      return {};
    });
    const s = await gc().run();
    const lists = s3Mock.commandCalls(ListObjectsV2Command).map((c) => c.args[0].input);
    expect(lists).toEqual([{ Bucket: BUCKET, Prefix: 'bodies/' }, { Bucket: BUCKET, Prefix: 'bodies/', ContinuationToken: 't1' }]);
    expect(new Set(deletedKeys())).toEqual(new Set([key('a', 2), key('b', 1), key('c', 1)]));
    expect(s).toMatchObject({ scanned: 5, keptCurrent: 1, keptYoung: 1, deleted: 3, restored: [], failures: [] });
    expect(s.bytesFreed).toBe(1000 + 500 + Buffer.byteLength(`{"body":"${key('c', 1)}"}`));
    expect(objects.has(key('a', 1))).toBe(true);
    expect(objects.has(key('a', 3))).toBe(true);
    // The record is read consistently, projecting only bodyRef.
    expect(ddbMock).toHaveReceivedCommandWith(GetCommand, {
      TableName: TABLE,
      Key: { articleId: 'a' },
      ConsistentRead: true,
      ProjectionExpression: '#ref',
      ExpressionAttributeNames: { '#ref': 'bodyRef' },
    });
  });

  it('with a zero grace period still keeps the current document', async () => {
    store(key('a', 1), NOW);
    store(key('a', 2), NOW);
    records({ a: key('a', 1) });
    const s = await gc({ graceMs: 0, now: () => new Date(NOW.getTime() + 1) }).run();
    expect(deletedKeys()).toEqual([key('a', 2)]);
    expect(s).toMatchObject({ keptCurrent: 1, keptYoung: 0, deleted: 1 });
  });

  it('a reference to another bucket protects nothing here; an empty bucket means this one', async () => {
    store(key('a', 1), ago(2 * DAY));
    store(key('e', 1), ago(2 * DAY));
    ddbMock.on(GetCommand).callsFake((input: { Key: { articleId: string } }) => ({
      Item: { bodyRef: { bucket: input.Key.articleId === 'a' ? 'elsewhere' : '', key: key(input.Key.articleId, 1), bytes: 1 } },
    }));
    const s = await gc().run();
    expect(deletedKeys()).toEqual([key('a', 1)]);
    expect(s.keptCurrent).toBe(1);
  });

  it('--dry-run reads and deletes nothing but reports what it would delete', async () => {
    store(key('a', 1), ago(2 * DAY));
    store(key('a', 2), ago(2 * DAY), 'z'.repeat(70));
    records({ a: key('a', 1) });
    const s = await gc({ dryRun: true }).run();
    expect(s3Mock).not.toHaveReceivedCommand(DeleteObjectCommand);
    expect(s3Mock).not.toHaveReceivedCommand(GetObjectCommand);
    expect(s3Mock).not.toHaveReceivedCommand(PutObjectCommand);
    expect(s).toMatchObject({ dryRun: true, deleted: 1, deletedKeys: [key('a', 2)], bytesFreed: 70 });
  });

  it('keeps a document re-uploaded (LastModified renewed) between the listing and the delete', async () => {
    store(key('a', 2), ago(2 * DAY));
    records({ a: undefined });
    s3Mock.on(GetObjectCommand).callsFake(() => ({ Body: body(Buffer.from('{}')), LastModified: NOW }));
    const s = await gc().run();
    expect(s3Mock).not.toHaveReceivedCommand(DeleteObjectCommand);
    expect(s).toMatchObject({ keptYoung: 1, deleted: 0 });
  });

  it('versioned bucket: a record that starts referencing the key between the check and the delete gets it back by removing the delete marker', async () => {
    store(key('a', 1), ago(2 * DAY));
    store(key('a', 2), ago(2 * DAY));
    ddbMock
      .on(GetCommand)
      .resolvesOnce({ Item: { bodyRef: { bucket: BUCKET, key: key('a', 1), bytes: 1 } } }) // the check
      .resolves({ Item: { bodyRef: { bucket: BUCKET, key: key('a', 2), bytes: 1 } } }); // the writer won meanwhile
    s3Mock.on(DeleteObjectCommand, { Key: key('a', 2) }).resolves({ DeleteMarker: true, VersionId: 'marker-1' });
    const s = await gc().run();
    expect(s3Mock).toHaveReceivedCommandWith(DeleteObjectCommand, { Bucket: BUCKET, Key: key('a', 2), VersionId: 'marker-1' });
    expect(s3Mock).not.toHaveReceivedCommand(PutObjectCommand);
    expect(s).toMatchObject({ restored: [key('a', 2)], deleted: 0, bytesFreed: 0, failures: [] });
  });

  it('unversioned store: the racing key is re-put with the bytes read before deleting', async () => {
    const text = '{"body":"the very body","removed":[],"images":[]}';
    store(key('a', 2), ago(2 * DAY), text);
    ddbMock
      .on(GetCommand)
      .resolvesOnce({})
      .resolves({ Item: { bodyRef: { bucket: BUCKET, key: key('a', 2), bytes: 1 } } });
    const s = await gc().run();
    expect(deletedKeys()).toEqual([key('a', 2)]);
    const put = s3Mock.commandCalls(PutObjectCommand);
    expect(put).toHaveLength(1);
    expect(put[0]!.args[0].input).toMatchObject({ Bucket: BUCKET, Key: key('a', 2), ContentType: 'application/json; charset=utf-8' });
    expect(Buffer.from(put[0]!.args[0].input.Body as Uint8Array).toString('utf8')).toBe(text);
    expect(s).toMatchObject({ restored: [key('a', 2)], deleted: 0 });
  });

  it('restores every deleted document, and reports an error, when the re-read fails', async () => {
    store(key('a', 2), ago(2 * DAY));
    ddbMock.on(GetCommand).resolvesOnce({}).rejects(new Error('throttled'));
    const s = await gc().run();
    expect(s3Mock).toHaveReceivedCommandWith(PutObjectCommand, { Key: key('a', 2) });
    expect(s.restored).toEqual([key('a', 2)]);
    expect(s.failures).toEqual([{ key: key('a', 2), error: expect.stringMatching(/re-reading the record failed .*throttled/) }]);
  });

  it('per-document failures are reported and the sweep goes on', async () => {
    store(key('a', 2), ago(2 * DAY));
    store(key('b', 2), ago(2 * DAY));
    store(key('c', 2), ago(2 * DAY));
    ddbMock.on(GetCommand).callsFake((input: { Key: { articleId: string } }) => {
      if (input.Key.articleId === 'c') throw new Error('boom');
      return {};
    });
    s3Mock.on(DeleteObjectCommand, { Key: key('a', 2) }).rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    const s = await gc({ concurrency: 1 }).run();
    expect(s.deletedKeys).toEqual([key('b', 2)]);
    expect(s.failures).toEqual([
      { key: key('a', 2), error: expect.stringContaining('AccessDenied: denied') },
      { key: key('c', 2), error: expect.stringContaining('boom') },
    ]);
  });

  it('a document already gone when read is neither deleted nor an error', async () => {
    store(key('a', 2), ago(2 * DAY));
    records({});
    s3Mock.on(GetObjectCommand).rejects(Object.assign(new Error('gone'), { name: 'NoSuchKey' }));
    const s = await gc().run();
    expect(s3Mock).not.toHaveReceivedCommand(DeleteObjectCommand);
    expect(s).toMatchObject({ deleted: 0, failures: [] });
  });

  it('a failing listing throws BodyListError and deletes nothing', async () => {
    s3Mock.on(ListObjectsV2Command).rejects(new Error('no access'));
    await expect(gc().run()).rejects.toBeInstanceOf(BodyListError);
    expect(s3Mock).not.toHaveReceivedCommand(DeleteObjectCommand);
  });

  it('suspended versioning (delete marker "null") restores by re-putting the bytes', async () => {
    store(key('a', 2), ago(2 * DAY), '{"body":"b"}');
    ddbMock.on(GetCommand).resolvesOnce({}).resolves({ Item: { bodyRef: { bucket: BUCKET, key: key('a', 2), bytes: 1 } } });
    s3Mock.on(DeleteObjectCommand).resolves({ DeleteMarker: true, VersionId: 'null' });
    const s = await gc().run();
    expect(s3Mock).toHaveReceivedCommandWith(PutObjectCommand, { Key: key('a', 2) });
    expect(s3Mock).toHaveReceivedCommandTimes(DeleteObjectCommand, 1);
    expect(s.restored).toEqual([key('a', 2)]);
  });

  it('rejects a negative grace period', () => {
    expect(() => gc({ graceMs: -1 })).toThrow(RangeError);
  });
});

describe('--older-than', () => {
  it('parses durations (a bare number is seconds) and defaults to one day', () => {
    expect(parseDuration(undefined)).toBe(DAY);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('90')).toBe(90_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('12h')).toBe(DAY / 2);
    expect(parseDuration('7d')).toBe(7 * DAY);
    expect(parseDuration('1.5h')).toBe(5_400_000);
  });

  it('rejects anything else with exit code 2', () => {
    for (const bad of ['', '-1d', '1w', 'd', '1 d', 'soon']) {
      expect(() => parseDuration(bad)).toThrow(CliError);
    }
  });
});
