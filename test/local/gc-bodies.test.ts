/**
 * `articles gc-bodies` against the embedded local stack (s3rver + dynalite, unversioned bodies
 * bucket): real offloaded records (a small maxItemBytes forces offloading), overwritten so their
 * old documents are orphaned, then swept through the CLI.
 */
import { DeleteObjectCommand, HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoArticleStore } from '../../functions/shared/article-store.ts';
import { articleIdFor, buildArticleRecord, buildTombstone, type SourceInfo } from '../../functions/shared/record.ts';
import { normaliseSequencer } from '../../functions/shared/s3-event.ts';
import type { LocalStack } from '../../local/stack.ts';
import { BodyGarbageCollector } from '../../ops/body-gc.ts';
import { ArticleReader } from '../../reader/index.ts';
import { OK_FIELDS, SOURCE } from '../functions/helpers.ts';
import { cliFlags, startTestStack } from './helpers.ts';

let stack: LocalStack;
let store: DynamoArticleStore;
let reader: ArticleReader;
let flags: string[];

beforeAll(async () => {
  stack = await startTestStack();
  flags = cliFlags(stack);
  const props = { ddb: stack.clients.ddb, s3: stack.clients.s3, tableName: stack.names.tableName, bodiesBucket: stack.names.bodiesBucket };
  store = new DynamoArticleStore({ ...props, maxItemBytes: 1_000 }); // every record with a real body is offloaded
  reader = new ArticleReader(props);
});

afterAll(async () => {
  await stack?.stop();
});

async function cli(argv: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  try {
    const mod = await import('../../cli/gc-bodies.ts');
    return { code: await mod.run(argv), out: out.join('\n') };
  } finally {
    log.mockRestore();
  }
}

async function exists(key: string): Promise<boolean> {
  try {
    await stack.clients.s3.send(new HeadObjectCommand({ Bucket: stack.names.bodiesBucket, Key: key }));
    return true;
  } catch (err) {
    if ((err as { name?: string }).name === 'NotFound' || (err as { name?: string }).name === 'NoSuchKey') return false;
    throw err;
  }
}

async function bodyKeys(): Promise<string[]> {
  const out = await stack.clients.s3.send(new ListObjectsV2Command({ Bucket: stack.names.bodiesBucket, Prefix: 'bodies/' }));
  return (out.Contents ?? []).map((o) => o.Key!).sort();
}

const articleIdOf = (src: SourceInfo) => articleIdFor(src.bucket, src.key);
const long = (tag: string) => `${tag}: ${'A long paragraph of original test text about the harbour. '.repeat(60)}`;

describe('articles gc-bodies on the local stack', () => {
  it('deletes the documents orphaned by a re-clean and a tombstone, keeps the current one readable', async () => {
    const src = { ...SOURCE, key: 'gc/overwritten.txt' };
    const v1 = buildArticleRecord({ ...OK_FIELDS, cleanerVersion: '1.0.0', body: long('first cleaning') }, src, new Date());
    const first = await store.put(v1);
    const v2 = buildArticleRecord({ ...OK_FIELDS, cleanerVersion: '2.0.0', body: long('second cleaning') }, src, new Date());
    const second = await store.put(v2);
    expect(first.outcome).toBe('written');
    expect(second.outcome).toBe('written');
    const oldKey = first.bodyRef!.key;
    const currentKey = second.bodyRef!.key;
    expect(oldKey).not.toBe(currentKey);

    const gone = { ...SOURCE, key: 'gc/deleted.txt' };
    const live = await store.put(buildArticleRecord({ ...OK_FIELDS, body: long('deleted later') }, gone, new Date()));
    const tomb = buildTombstone({ ...gone, sequencer: normaliseSequencer('0055AED6DCD90281F0') }, new Date(), OK_FIELDS.cleanerVersion);
    expect((await store.put(tomb)).outcome).toBe('written');
    const tombKey = live.bodyRef!.key;
    expect(await bodyKeys()).toEqual([oldKey, currentKey, tombKey].sort());

    // Default grace (1 day): everything is too young.
    const young = await cli([...flags]);
    expect(young.code).toBe(0);
    expect(young.out).toMatch(/scanned 3, kept as current 1, kept as too young 2, deleted 0 /);

    // Dry run with no grace: reports, deletes nothing.
    const dry = await cli([...flags, '--older-than', '0', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/would delete 2 /);
    expect(await bodyKeys()).toEqual([oldKey, currentKey, tombKey].sort());

    const swept = await cli([...flags, '--older-than', '0']);
    expect(swept.code).toBe(0);
    expect(swept.out).toMatch(/scanned 3, kept as current 1, kept as too young 0, deleted 2 \(\d+ bytes freed\), restored 0, errors 0/);
    expect(await exists(oldKey)).toBe(false);
    expect(await exists(tombKey)).toBe(false);
    expect(await exists(currentKey)).toBe(true);
    expect(await bodyKeys()).toEqual([currentKey]);

    const article = await reader.get(v2.articleId);
    expect(article?.body).toBe(long('second cleaning'));

    // Idempotent: a second sweep finds nothing more to delete.
    const again = await cli([...flags, '--older-than', '0', '--json']);
    expect(JSON.parse(again.out)).toMatchObject({ scanned: 1, keptCurrent: 1, deleted: 0, failures: [] });
  });

  it('a writer that points the record at a document while it is being deleted gets it back (re-put on unversioned s3rver)', async () => {
    const src = { ...SOURCE, key: 'gc/raced.txt' };
    const a = await store.put(buildArticleRecord({ ...OK_FIELDS, cleanerVersion: '1.0.0', body: long('racing body') }, src, new Date()));
    const b = await store.put(buildArticleRecord({ ...OK_FIELDS, cleanerVersion: '2.0.0', body: long('body at check time') }, src, new Date()));
    const racedKey = a.bodyRef!.key;
    const articleId = articleIdOf(src);
    expect(b.bodyRef!.key).not.toBe(racedKey);
    // The racing writer: right after the sweep deletes racedKey, a PutItem makes the record reference it again.
    const real = stack.clients.s3;
    const racing = {
      send: async (command: Parameters<S3Client['send']>[0]) => {
        const out = await real.send(command as never);
        if (command instanceof DeleteObjectCommand && command.input.Key === racedKey && command.input.VersionId === undefined) {
          const { Item } = await stack.clients.ddb.send(new GetCommand({ TableName: stack.names.tableName, Key: { articleId }, ConsistentRead: true }));
          await stack.clients.ddb.send(new PutCommand({ TableName: stack.names.tableName, Item: { ...Item, bodyRef: a.bodyRef } }));
        }
        return out;
      },
    } as unknown as S3Client;
    const gc = new BodyGarbageCollector({
      s3: racing,
      ddb: stack.clients.ddb,
      tableName: stack.names.tableName,
      bodiesBucket: stack.names.bodiesBucket,
      graceMs: 0,
      now: () => new Date(Date.now() + 1_000),
    });
    const s = await gc.run();
    expect(s.restored).toEqual([racedKey]);
    expect(s.failures).toEqual([]);
    expect(s.deletedKeys).toEqual([]); // the check-time current document was kept; it is the next sweep's orphan
    expect(await exists(b.bodyRef!.key)).toBe(true);
    expect(await exists(racedKey)).toBe(true);
    expect((await reader.get(articleId))?.body).toBe(long('racing body'));
  });

  it('rejects a malformed --older-than with exit code 2', async () => {
    await expect(cli([...flags, '--older-than', 'soon'])).rejects.toMatchObject({ exitCode: 2 });
  });
});
