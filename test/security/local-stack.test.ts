/**
 * Runtime security of the embedded local stack (`npm start`):
 *  - object keys are data, never paths: keys built to climb out of the storage folder
 *    ('../../etc/passwd', '..%2F..%2Fx', backslashes, '.', '..') are stored inside it, read back
 *    byte-identical, and each ends in exactly one correct record;
 *  - every server (S3, DynamoDB, SQS) listens on 127.0.0.1 only.
 */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleIdFor } from '../../functions/shared/record.ts';
import { LocalStack } from '../../local/stack.ts';
import { articleText } from '../reliability/support/harness.ts';

/** Keys that would escape a naive key -> file mapping. All are legal S3 keys. */
const ESCAPING_KEYS = [
  '../../etc/passwd',
  '../../../escape-a.txt',
  '../../../../escape-root.txt',
  `${'../'.repeat(12)}tmp/escaped-by-key.txt`,
  '..%2F..%2Fx.txt',
  '%2e%2e/%2e%2e/y.txt',
  '..\\..\\windows.txt',
  'a/../../b.txt',
  '....//....//c.txt',
  './d.txt',
  '/leading-slash.txt',
  '..',
  '.',
  '._S3rver_metadata.json',
  'ok/..',
];

/** Every file under `dir`, as absolute paths. */
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? [p, ...walk(p)] : [p];
  });
}

describe('local stack: keys are data, never paths', () => {
  let root: string;
  let dataDir: string;
  let stack: LocalStack;

  beforeAll(async () => {
    // The data dir sits two levels down so a '../..' key would land in `root`, which we inspect.
    root = mkdtempSync(path.join(tmpdir(), 'keys-'));
    dataDir = path.join(root, 'a', 'data');
    mkdirSync(dataDir, { recursive: true });
    stack = await LocalStack.start({ dataDir, reconcileOnStart: false, queue: { batchWindowMs: 5, visibilityTimeoutMs: 5_000 } });
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('hostile keys are stored inside the data folder, read back intact, and recorded once', async () => {
    const { s3, ddb } = stack.clients;
    const bucket = stack.names.rawBucket;
    const outcomes: Record<string, string> = {};
    const passwdMtime = statSync('/etc/passwd').mtimeMs;
    for (const key of ESCAPING_KEYS) {
      try {
        await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: articleText(key) }));
        outcomes[key] = 'stored';
      } catch (err) {
        // Refusing a key is also safe; what matters is that nothing lands outside.
        outcomes[key] = `refused: ${(err as Error).name}`;
      }
    }
    await stack.drain();

    // 1. Nothing was written outside the bucket folders (a '../..' key would land in the data
    //    folder, in `root`, or in /tmp; '/etc/passwd' would change).
    const allowedDirs = new Set([path.join(root, 'a'), dataDir, path.join(dataDir, 's3'), path.join(dataDir, 'dynamodb')]);
    const allowedUnder = [path.join(dataDir, 's3', bucket), path.join(dataDir, 's3', stack.names.bodiesBucket), path.join(dataDir, 'dynamodb')];
    const escaped = walk(root).filter(
      (p) => !allowedDirs.has(p) && !allowedUnder.some((a) => p === a || p.startsWith(a + path.sep)) && p !== path.join(dataDir, 'dead-letters.jsonl'),
    );
    expect(escaped).toEqual([]);
    expect(existsSync(path.join(tmpdir(), 'escaped-by-key.txt'))).toBe(false);
    expect(statSync('/etc/passwd').mtimeMs).toBe(passwdMtime);

    // 2. Every stored key reads back byte-identical, and has exactly one 'ok' record with its exact key.
    const listed = new Set<string>();
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
      for (const o of page.Contents ?? []) listed.add(o.Key!);
      token = page.NextContinuationToken;
    } while (token);
    const stored = ESCAPING_KEYS.filter((k) => outcomes[k] === 'stored');
    expect(stored.length, JSON.stringify(outcomes)).toBeGreaterThanOrEqual(ESCAPING_KEYS.length - 3);
    for (const key of stored) {
      expect(listed.has(key), `listed ${JSON.stringify(key)}`).toBe(true);
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      expect(await got.Body!.transformToString()).toBe(articleText(key));
      const { Item } = await ddb.send(new GetCommand({ TableName: stack.names.tableName, Key: { articleId: articleIdFor(bucket, key) }, ConsistentRead: true }));
      expect(Item, `record for ${JSON.stringify(key)}`).toMatchObject({ status: 'ok', sourceKey: key, sourceBucket: bucket });
    }
    expect(stack.queue.deadLetters()).toEqual([]);
  });
});

describe('local stack: servers listen on loopback only', () => {
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await LocalStack.start({ reconcileOnStart: false, consume: false });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('S3, DynamoDB and SQS endpoints are bound to 127.0.0.1', () => {
    for (const server of [stack.s3Server, stack.dynamoServer, stack.sqsEndpoint]) {
      expect(server.address.address).toBe('127.0.0.1');
      expect(new URL(server.endpoint).hostname).toBe('127.0.0.1');
    }
    const d = stack.describe();
    for (const url of Object.values(d.endpoints)) expect(new URL(url).hostname).toBe('127.0.0.1');
  });

  /** Non-loopback IPv4 addresses of this machine (may be none in a sandbox). */
  const external = Object.values(networkInterfaces())
    .flat()
    .filter((i) => i !== undefined && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address);

  it.skipIf(external.length === 0)('a connection to a non-loopback address of this host is refused', async () => {
    for (const server of [stack.s3Server, stack.dynamoServer, stack.sqsEndpoint]) {
      for (const host of external) {
        const result = await new Promise<string>((resolve) => {
          const socket = connect({ host, port: server.address.port });
          socket.setTimeout(2_000, () => {
            socket.destroy();
            resolve('timeout');
          });
          socket.once('connect', () => {
            socket.destroy();
            resolve('connected');
          });
          socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
        });
        expect(result, `${host}:${server.address.port}`).not.toBe('connected');
      }
    }
  });
});
