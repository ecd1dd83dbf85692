/**
 * The embedded stack end to end: uploads through the AWS SDK to s3rver, notifications through
 * the in-process queue into the deployed handler, records in dynalite.
 */
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack, ProcessedEvent } from '../../local/stack.ts';
import { article, getRecord, startTestStack } from './helpers.ts';

let stack: LocalStack;
let dataDir: string;
const processed: ProcessedEvent[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'local-stack-test-'));
  stack = await startTestStack({ dataDir });
  stack.on('processed', (e: ProcessedEvent) => processed.push(e));
});

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function put(key: string, body: string | Buffer): Promise<string> {
  const out = await stack.clients.s3.send(new PutObjectCommand({ Bucket: stack.names.rawBucket, Key: key, Body: body }));
  return (out.ETag ?? '').replace(/"/g, '');
}

describe('local stack', () => {
  it('binds every server to 127.0.0.1 only', () => {
    for (const server of [stack.s3Server, stack.dynamoServer, stack.sqsEndpoint]) {
      expect(server.address.address).toBe('127.0.0.1');
      expect(server.address.port).toBeGreaterThan(0);
    }
  });

  it('refuses a port in use with one clear error instead of crashing', async () => {
    const { startS3Server } = await import('../../local/s3-server.ts');
    const { ServerStartError } = await import('../../local/errors.ts');
    const taken = stack.s3Server.address.port;
    const attempt = startS3Server({ directory: path.join(dataDir, 'unused'), port: taken, onChange: () => undefined, sequencer: () => '0' });
    await expect(attempt).rejects.toBeInstanceOf(ServerStartError);
    await expect(attempt).rejects.toThrow(`port ${taken} is already in use`);
    rmSync(path.join(dataDir, 'unused'), { recursive: true, force: true });
  });

  it('ingests keys with spaces, +, unicode and nested prefixes into records keyed by the decoded key', async () => {
    const keys = ['plain.txt', 'with space/and+plus.txt', 'ünïcödé/東京 記事.txt', 'a/b/c/d/deep.txt', '100% & more?.txt'];
    const eTags = new Map<string, string>();
    for (const key of keys) eTags.set(key, await put(key, article(`Story ${key}`)));
    await stack.drain();
    for (const key of keys) {
      const record = await getRecord(stack, key);
      expect(record, key).toBeDefined();
      expect(record).toMatchObject({ status: 'ok', sourceBucket: stack.names.rawBucket, sourceKey: key, sourceETag: eTags.get(key) });
      expect(record!.title).toBe(`Story ${key}`);
      expect(record!.wordCount).toBeGreaterThan(20);
    }
    expect(processed.filter((e) => keys.includes(e.key) && e.outcome === 'deleted')).toHaveLength(keys.length);
  });

  it('ingests a multi-megabyte upload (body offloaded to the bodies bucket)', async () => {
    const paragraph = 'The committee heard evidence from residents, engineers and the transport authority about the bridge. ';
    const big = `Bridge inquiry report\n${Array.from({ length: 3000 }, () => paragraph.repeat(10)).join('\n')}`;
    expect(Buffer.byteLength(big)).toBeGreaterThan(2_000_000);
    await put('big/report.txt', big);
    await stack.drain();
    const record = await getRecord(stack, 'big/report.txt');
    expect(record).toMatchObject({ status: 'ok', bodyOffloaded: true, sourceSize: Buffer.byteLength(big) });
    expect(record!.bodyRef?.bucket).toBe(stack.names.bodiesBucket);
  });

  it('reports multipart uploads as ObjectCreated:CompleteMultipartUpload and copies as ObjectCreated:Copy', async () => {
    const bodies: string[] = [];
    const send = stack.queue.send.bind(stack.queue);
    stack.queue.send = (body: string, delay?: number) => {
      bodies.push(body);
      return send(body, delay);
    };
    try {
      const Bucket = stack.names.rawBucket;
      const { UploadId } = await stack.clients.s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'multi/part.txt' }));
      // s3rver does not enforce S3's 5 MiB minimum part size; a small part keeps the test fast.
      const part1 = `${article('Multipart story', 2)}\n`;
      const p1 = await stack.clients.s3.send(new UploadPartCommand({ Bucket, Key: 'multi/part.txt', UploadId, PartNumber: 1, Body: part1 }));
      const p2 = await stack.clients.s3.send(new UploadPartCommand({ Bucket, Key: 'multi/part.txt', UploadId, PartNumber: 2, Body: 'The end.\n' }));
      await stack.clients.s3.send(
        new CompleteMultipartUploadCommand({
          Bucket,
          Key: 'multi/part.txt',
          UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.ETag }, { PartNumber: 2, ETag: p2.ETag }] },
        }),
      );
      await stack.clients.s3.send(new CopyObjectCommand({ Bucket, Key: 'copied.txt', CopySource: `${Bucket}/plain.txt` }));
      await stack.drain();
    } finally {
      stack.queue.send = send;
    }
    const names = bodies.map((b) => JSON.parse(b).Records[0].eventName as string);
    expect(names).toEqual(['ObjectCreated:CompleteMultipartUpload', 'ObjectCreated:Copy']);
    expect(JSON.parse(bodies[1]!).Records[0].s3.object.eTag).toMatch(/^[0-9a-f]{32}$/);
    expect((await getRecord(stack, 'multi/part.txt'))?.sourceKey).toBe('multi/part.txt');
    expect((await getRecord(stack, 'copied.txt'))?.title).toBe('Story plain.txt');
  });

  it('turns a delete into a tombstone, and a re-upload into an updated record', async () => {
    await put('lifecycle.txt', article('Council approves the first version of the plan'));
    await stack.drain();
    const first = await getRecord(stack, 'lifecycle.txt');
    expect(first?.title).toBe('Council approves the first version of the plan');

    await stack.clients.s3.send(new DeleteObjectCommand({ Bucket: stack.names.rawBucket, Key: 'lifecycle.txt' }));
    await stack.drain();
    const tomb = await getRecord(stack, 'lifecycle.txt');
    expect(tomb).toMatchObject({ status: 'deleted', body: '' });
    expect(tomb!.sourceSequencer > first!.sourceSequencer).toBe(true);

    await put('lifecycle.txt', article('Council approves the second version of the plan'));
    await stack.drain();
    const second = await getRecord(stack, 'lifecycle.txt');
    expect(second).toMatchObject({ status: 'ok', title: 'Council approves the second version of the plan' });
    expect(second!.sourceSequencer > tomb!.sourceSequencer).toBe(true);
  });

  it('reports DeleteObjects (multi-object delete) too', async () => {
    await put('batch-del/1.txt', article('One'));
    await put('batch-del/2.txt', article('Two'));
    await stack.drain();
    await stack.clients.s3.send(
      new DeleteObjectsCommand({ Bucket: stack.names.rawBucket, Delete: { Objects: [{ Key: 'batch-del/1.txt' }, { Key: 'batch-del/2.txt' }] } }),
    );
    await stack.drain();
    expect((await getRecord(stack, 'batch-del/1.txt'))?.status).toBe('deleted');
    expect((await getRecord(stack, 'batch-del/2.txt'))?.status).toBe('deleted');
  });

  it('applies a duplicated notification once', async () => {
    const eTag = await put('dup.txt', article('Duplicate'));
    await stack.drain();
    const before = await getRecord(stack, 'dup.txt');
    const change = { kind: 'Put' as const, bucket: stack.names.rawBucket, key: 'dup.txt', size: before!.sourceSize!, eTag, sequencer: before!.sourceSequencer };
    stack.notify(change);
    stack.notify(change);
    await stack.drain();
    const after = await getRecord(stack, 'dup.txt');
    expect(after).toEqual(before);
  });

  it('keeps hostile keys inside the storage folder and treats them as data', async () => {
    const keys = ['../../escape.txt', '../../../etc/passwd', '..', 'x/./y', 'x/../z', '._S3rver_object'];
    for (const key of keys) await put(key, article(`Hostile ${key}`));
    await stack.drain();
    // Nothing was written next to the storage folder or above it.
    expect(readdirSync(dataDir).sort()).toEqual(['dynamodb', 's3']);
    expect(readdirSync(path.join(dataDir, 's3')).sort()).toEqual([stack.names.bodiesBucket, stack.names.rawBucket].sort());
    for (const key of keys) {
      const got = await stack.clients.s3.send(new GetObjectCommand({ Bucket: stack.names.rawBucket, Key: key }));
      expect(await got.Body!.transformToString()).toBe(article(`Hostile ${key}`));
      expect((await getRecord(stack, key))?.sourceKey).toBe(key);
    }
    const listed = await stack.clients.s3.send(new ListObjectsV2Command({ Bucket: stack.names.rawBucket, Prefix: '..' }));
    expect(listed.Contents?.map((c) => c.Key).sort()).toEqual(['..', '../../../etc/passwd', '../../escape.txt']);
  });

  it('lists keys in order across pages', async () => {
    for (let i = 0; i < 7; i++) await put(`paged/${String(i).padStart(2, '0')}.txt`, 'tiny');
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await stack.clients.s3.send(new ListObjectsV2Command({ Bucket: stack.names.rawBucket, Prefix: 'paged/', MaxKeys: 3, ContinuationToken: token }));
      keys.push(...(page.Contents ?? []).map((c) => c.Key!));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    expect(keys).toEqual(Array.from({ length: 7 }, (_, i) => `paged/${String(i).padStart(2, '0')}.txt`));
    await stack.drain();
  });
});

describe('local stack with poison messages', () => {
  it('dead-letters them without stalling the queue (reporting tolerates any body)', async () => {
    const own = await startTestStack({ reconcileOnStart: false, queue: { maxReceiveCount: 2, visibilityTimeoutMs: 300 } });
    try {
      const poison = [
        '{"Records":5}',
        '{"Records":[null]}',
        JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: own.names.rawBucket }, object: { key: '%E0%A4%A', size: 1, sequencer: '01' } } }] }),
      ];
      const seen: ProcessedEvent[] = [];
      own.on('processed', (e: ProcessedEvent) => seen.push(e));
      await own.drain(); // the new bucket's s3:TestEvent
      for (const body of poison) own.queue.send(body);
      await own.drain(); // resolves: every message settles one way or another
      expect(own.queue.deadLetters().map((d) => d.body).sort()).toEqual([...poison].sort());
      expect(seen.some((e) => e.key === '%E0%A4%A' && e.outcome === 'dead')).toBe(true); // reported with its raw key
      await own.clients.s3.send(new PutObjectCommand({ Bucket: own.names.rawBucket, Key: 'after.txt', Body: article('Queue keeps working after poison messages') }));
      await own.drain();
      expect((await getRecord(own, 'after.txt'))?.status).toBe('ok');
    } finally {
      await own.stop();
    }
  });
});
