/**
 * Durability of the local stack: work lost when the process stops between an upload and its
 * processing is found again on the next start, and `reprocess` re-cleans records written by an
 * older cleaner without touching current ones.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEANER_VERSION } from '../../cleaner/index.ts';
import { articleIdFor } from '../../functions/shared/record.ts';
import { reprocess } from '../../cli/reprocess.ts';
import type { LocalStack } from '../../local/stack.ts';
import { article, getRecord, startTestStack } from './helpers.ts';

let dataDir: string;
let stack: LocalStack | undefined;

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'local-restart-test-'));
});

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Stop the current stack (if any) and start a new one on the same data folder. */
async function restart(consume: boolean): Promise<LocalStack> {
  await stack?.stop();
  stack = await startTestStack({ dataDir, consume });
  return stack;
}

describe('local stack across restarts', () => {
  it('ingests objects uploaded while nothing consumed the queue, on the next start', async () => {
    const down = await restart(false);
    const Bucket = down.names.rawBucket;
    await down.clients.s3.send(new PutObjectCommand({ Bucket, Key: 'lost/one.txt', Body: article('Harbour ferry service resumes after repair') }));
    await down.clients.s3.send(new PutObjectCommand({ Bucket, Key: 'lost/two.txt', Body: article('Library opens at night during exams') }));
    // The new bucket's s3:TestEvent and the two uploads: notified, never processed.
    expect(down.queue.depth.visible + down.queue.depth.notVisible).toBe(3);
    expect(await getRecord(down, 'lost/one.txt')).toBeUndefined();

    const up = await restart(true);
    expect(up.lastReconciliation.map((r) => (r.kind === 'created' ? `${r.object.key}:${r.reason}` : r.key)).sort()).toEqual([
      'lost/one.txt:no-record',
      'lost/two.txt:no-record',
    ]);
    await up.drain();
    expect(await getRecord(up, 'lost/one.txt')).toMatchObject({ status: 'ok', title: 'Harbour ferry service resumes after repair' });
    expect(await getRecord(up, 'lost/two.txt')).toMatchObject({ status: 'ok' });
  });

  it('turns a delete that was never processed into a tombstone on the next start', async () => {
    const down = await restart(false);
    expect(down.lastReconciliation).toEqual([]); // everything current
    await down.clients.s3.send(new DeleteObjectCommand({ Bucket: down.names.rawBucket, Key: 'lost/two.txt' }));

    const up = await restart(true);
    expect(up.lastReconciliation).toEqual([{ kind: 'removed', key: 'lost/two.txt', articleId: articleIdFor(up.names.rawBucket, 'lost/two.txt') }]);
    await up.drain();
    expect(await getRecord(up, 'lost/two.txt')).toMatchObject({ status: 'deleted' });
    expect(await getRecord(up, 'lost/one.txt')).toMatchObject({ status: 'ok' });
  });

  it('reprocess re-cleans records of an older cleaner version and leaves current ones alone', async () => {
    const up = stack!;
    await up.clients.s3.send(new PutObjectCommand({ Bucket: up.names.rawBucket, Key: 'lost/three.txt', Body: article('Bridge inquiry hears from engineers') }));
    await up.drain();
    // Simulate a record written by an older cleaner.
    await up.clients.ddb.send(
      new UpdateCommand({
        TableName: up.names.tableName,
        Key: { articleId: articleIdFor(up.names.rawBucket, 'lost/one.txt') },
        // Written before cleanerVersionKey existed: no key, so any cleaner counts as newer.
        UpdateExpression: 'SET cleanerVersion = :old, title = :stale REMOVE cleanerVersionKey',
        ExpressionAttributeValues: { ':old': '0.0.1-old', ':stale': 'stale title' },
      }),
    );
    const current = await getRecord(up, 'lost/three.txt');
    const sqs = new SQSClient({ endpoint: up.sqsEndpoint.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    try {
      const result = await reprocess({
        s3: up.clients.s3,
        ddb: up.clients.ddb,
        sqs,
        queueUrl: up.sqsEndpoint.queueUrl,
        rawBucket: up.names.rawBucket,
        tableName: up.names.tableName,
        prefix: 'lost/',
      });
      expect(result).toMatchObject({ objects: 2, sent: 2, skipped: [], failed: [] });
    } finally {
      sqs.destroy();
    }
    await up.drain();
    const recleaned = await getRecord(up, 'lost/one.txt');
    expect(recleaned).toMatchObject({ cleanerVersion: CLEANER_VERSION, title: 'Harbour ferry service resumes after repair' });
    expect(await getRecord(up, 'lost/three.txt')).toEqual(current); // same sequencer, same cleaner: untouched
  });
});
