/**
 * Ordering and duplicates: random histories of puts, overwrites and deletes of a few keys, each
 * event with a per-key increasing S3 sequencer, delivered with random duplication, reordering
 * and batching to the REAL handler (and so the real DynamoArticleStore condition). Whatever
 * the delivery, the final table equals the state implied by the latest sequencer of each key:
 * the last upload's cleaned record, or a 'deleted' tombstone. No message is ever reported failed.
 *
 * Run against an in-memory table that evaluates the same condition expression as DynamoDB
 * (many runs), and against dynalite on loopback (fewer runs).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { cleanArticleBytes } from '../../functions/shared/article.ts';
import { DEFAULT_MAX_OBJECT_BYTES } from '../../functions/shared/config.ts';
import { articleIdFor } from '../../functions/shared/record.ts';
import { normaliseSequencer } from '../../functions/shared/s3-event.ts';
import { startDynamoServer } from '../../local/dynamo-server.ts';
import type { S3Change } from '../../local/notifications.ts';
import { articlesTableDefinition } from '../../local/provision.ts';
import { ARTICLES_TABLE } from '../../lib/table-schema.ts';
import { createFakeBucket, type FakeBucket } from './support/fake-s3.ts';
import { createFakeTable } from './support/fake-table.ts';
import { articleText, BUCKET, failedIds, makeHandler, sqsRecordFor, type Invoke } from './support/harness.ts';

/** Keys that exercise S3's event encoding ('+' for space, %XX for UTF-8 and reserved characters). */
const KEYS = ['plain.txt', 'with space/and+plus.txt', 'ünïcødé/日本語.txt', 'pct%2Fnot-a-slash.txt'] as const;

type Op = { readonly key: number; readonly kind: 'put' | 'delete'; readonly variant: number };

/** A history: the order in which S3 applied the operations (sequencers increase along it). */
const history = fc.array(
  fc.record({ key: fc.nat({ max: KEYS.length - 1 }), kind: fc.constantFrom<'put' | 'delete'>('put', 'put', 'delete'), variant: fc.nat({ max: 3 }) }),
  { minLength: 1, maxLength: 16 },
);

/** Delivery plan: per event, copies (1-3) and how late each copy is; batch sizes. */
const plan = fc.record({
  copies: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 16, maxLength: 16 }),
  delays: fc.array(fc.nat({ max: 40 }), { minLength: 48, maxLength: 48 }),
  batches: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 48, maxLength: 48 }),
  trimZeros: fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
});

/**
 * S3-style sequencer for the i-th operation: 18 hex digits, strictly increasing; sometimes with
 * its trailing zeros dropped (same value once right-padded, which is how S3 says to compare).
 */
function sequencerOf(i: number, trim: boolean): string {
  const raw = (0x0055aed6dcd9028100n + BigInt(i) * 0x100n).toString(16).toUpperCase().padStart(18, '0');
  return trim ? raw.replace(/0+$/, '') : raw;
}

type Step = { readonly at: number; readonly order: number } & ({ readonly upload: number } | { readonly deliver: number; readonly copy: number });

interface Scenario {
  readonly ops: readonly Op[];
  readonly changes: readonly S3Change[];
  readonly steps: readonly Step[];
  readonly batches: readonly number[];
}

type Plan = { copies: number[]; delays: number[]; batches: number[]; trimZeros: boolean[] };

function scenario(ops: readonly Op[], p: Plan): Scenario {
  const changes: S3Change[] = ops.map((op, i) => ({
    kind: op.kind === 'put' ? 'Put' : 'Delete',
    bucket: BUCKET,
    key: KEYS[op.key]!,
    sequencer: sequencerOf(i, p.trimZeros[i % p.trimZeros.length]!),
  }));
  const steps: Step[] = [];
  let order = 0;
  let d = 0;
  ops.forEach((_op, i) => {
    steps.push({ at: i, order: order++, upload: i });
    const copies = p.copies[i % p.copies.length]!;
    for (let c = 0; c < copies; c++) steps.push({ at: i + (p.delays[d++ % p.delays.length]! % (ops.length + 3)) + 0.5, order: order++, deliver: i, copy: c });
  });
  steps.sort((a, b) => a.at - b.at || a.order - b.order);
  return { ops, changes, steps, batches: p.batches };
}

const textOf = (op: Op, i: number): string => articleText(`k${op.key}-v${op.variant}-op${i}`);

/**
 * Plays the scenario: uploads change the fake bucket at their moment; consecutive deliveries
 * are grouped into batches and handed to the handler. Returns every batch's failures.
 */
async function play(s: Scenario, bucket: FakeBucket, invoke: Invoke): Promise<string[]> {
  const failures: string[] = [];
  let pending: Array<{ change: S3Change; id: string }> = [];
  let b = 0;
  const flush = async (): Promise<void> => {
    while (pending.length > 0) {
      const size = s.batches[b++ % s.batches.length]!;
      const batch = pending.slice(0, size);
      pending = pending.slice(size);
      failures.push(...failedIds(await invoke(batch.map((x) => sqsRecordFor(x.change, x.id)))));
    }
  };
  for (const step of s.steps) {
    if ('upload' in step) {
      await flush();
      const op = s.ops[step.upload]!;
      const change = s.changes[step.upload]!;
      if (op.kind === 'put') bucket.put(BUCKET, change.key, textOf(op, step.upload));
      else bucket.remove(BUCKET, change.key);
    } else {
      pending.push({ change: s.changes[step.deliver]!, id: `op${step.deliver}-copy${step.copy}` });
    }
  }
  await flush();
  return failures;
}

/** What the table must hold for each key: decided by the key's last operation. */
function expectedState(s: Scenario): Map<string, { status: string; sequencer: string; body: string; contentHash: string | null }> {
  const out = new Map<string, { status: string; sequencer: string; body: string; contentHash: string | null }>();
  s.ops.forEach((op, i) => {
    const key = KEYS[op.key]!;
    const sequencer = normaliseSequencer(s.changes[i]!.sequencer);
    if (op.kind === 'delete') {
      out.set(articleIdFor(BUCKET, key), { status: 'deleted', sequencer, body: '', contentHash: null });
    } else {
      const f = cleanArticleBytes(new TextEncoder().encode(textOf(op, i)), { maxBytes: DEFAULT_MAX_OBJECT_BYTES });
      out.set(articleIdFor(BUCKET, key), { status: f.status, sequencer, body: f.body, contentHash: f.contentHash });
    }
  });
  return out;
}

function assertFinalState(s: Scenario, items: ReadonlyArray<Record<string, unknown>>, failures: readonly string[]): void {
  expect(failures, 'no message may fail in a fault-free run').toEqual([]);
  const expected = expectedState(s);
  const actual = new Map(items.map((i) => [String(i[ARTICLES_TABLE.partitionKey]), i]));
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [id, want] of expected) {
    const got = actual.get(id)!;
    expect({ status: got.status, sequencer: got.sourceSequencer, body: got.body, contentHash: got.contentHash ?? null }, `record ${id}`).toEqual(want);
  }
}

describe('ordering: the latest sequencer of each key wins, whatever the delivery', () => {
  it('against an in-memory table with DynamoDB condition semantics (120 histories)', async () => {
    await fc.assert(
      fc.asyncProperty(history, plan, async (ops, p) => {
        const table = createFakeTable('articles');
        const bucket = createFakeBucket();
        try {
          const s = scenario(ops, p);
          const invoke = makeHandler({ s3: bucket.s3, ddb: table.ddb, tableName: 'articles' });
          const failures = await play(s, bucket, invoke);
          assertFinalState(s, [...table.items.values()], failures);
        } finally {
          table.restore();
          bucket.restore();
        }
      }),
      { numRuns: 120, seed: 424242 },
    );
  });

  it('the property can fail: with the write condition ignored, a counterexample is found', async () => {
    const result = await fc.check(
      fc.asyncProperty(history, plan, async (ops, p) => {
        const table = createFakeTable('articles');
        table.ignoreConditions = true;
        const bucket = createFakeBucket();
        try {
          const s = scenario(ops, p);
          const failures = await play(s, bucket, makeHandler({ s3: bucket.s3, ddb: table.ddb, tableName: 'articles' }));
          assertFinalState(s, [...table.items.values()], failures);
        } finally {
          table.restore();
          bucket.restore();
        }
      }),
      { numRuns: 200, seed: 424242, endOnFailure: true },
    );
    expect(result.failed).toBe(true);
  });

  it('a hand-written adversarial order: newest put, then a duplicate of the oldest, then a stale delete', async () => {
    const table = createFakeTable('articles');
    const bucket = createFakeBucket();
    try {
      const invoke = makeHandler({ s3: bucket.s3, ddb: table.ddb, tableName: 'articles' });
      const key = 'story.txt';
      const put1: S3Change = { kind: 'Put', bucket: BUCKET, key, sequencer: '0055AED6DCD9028100' };
      const del2: S3Change = { kind: 'Delete', bucket: BUCKET, key, sequencer: '0055AED6DCD9028200' };
      const put3: S3Change = { kind: 'Put', bucket: BUCKET, key, sequencer: '0055AED6DCD90283' }; // shorter, yet newest
      bucket.put(BUCKET, key, articleText('final'));
      expect(failedIds(await invoke([sqsRecordFor(put3)]))).toEqual([]);
      expect(failedIds(await invoke([sqsRecordFor(put1), sqsRecordFor(put1)]))).toEqual([]);
      expect(failedIds(await invoke([sqsRecordFor(del2)]))).toEqual([]);
      const item = table.items.get(articleIdFor(BUCKET, key))!;
      expect(item).toMatchObject({ status: 'ok', sourceSequencer: normaliseSequencer(put3.sequencer) });
      expect(String(item.body)).toContain('final');
    } finally {
      table.restore();
      bucket.restore();
    }
  });
});

describe('ordering against dynalite (loopback, in memory)', () => {
  let server: Awaited<ReturnType<typeof startDynamoServer>>;
  let dynamo: DynamoDBClient;
  let ddb: DynamoDBDocumentClient;
  let tableNo = 0;

  beforeAll(async () => {
    server = await startDynamoServer();
    dynamo = new DynamoDBClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    ddb = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
  });
  afterAll(async () => {
    dynamo?.destroy();
    await server?.close();
  });

  async function freshTable(): Promise<string> {
    const name = `articles-${++tableNo}`;
    await dynamo.send(new CreateTableCommand(articlesTableDefinition(name)));
    return name;
  }

  async function scanAll(tableName: string): Promise<Array<Record<string, unknown>>> {
    const out = await ddb.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }));
    return out.Items ?? [];
  }

  it('the same property holds with the real condition evaluator (25 histories)', async () => {
    await fc.assert(
      fc.asyncProperty(history, plan, async (ops, p) => {
        const tableName = await freshTable();
        const bucket = createFakeBucket();
        try {
          const s = scenario(ops, p);
          const invoke = makeHandler({ s3: bucket.s3, ddb, tableName });
          const failures = await play(s, bucket, invoke);
          assertFinalState(s, await scanAll(tableName), failures);
        } finally {
          bucket.restore();
        }
      }),
      { numRuns: 25, seed: 737373 },
    );
  });

  it('two workers racing on the same key: the newer sequencer wins, in either finishing order', async () => {
    const key = 'race/story.txt';
    for (let round = 0; round < 12; round++) {
      const tableName = await freshTable();
      const bucket = createFakeBucket();
      try {
        const older: S3Change = { kind: 'Put', bucket: BUCKET, key, sequencer: sequencerOf(2 * round, false) };
        const newer: S3Change = { kind: 'Put', bucket: BUCKET, key, sequencer: sequencerOf(2 * round + 1, false) };
        bucket.put(BUCKET, key, articleText(`race-${round}`));
        // Alternate which GetObject is slower so either worker may reach DynamoDB first.
        let gets = 0;
        bucket.beforeGet = async () => {
          const slow = (gets++ + round) % 2 === 0;
          await new Promise((r) => setTimeout(r, slow ? 15 : 0));
        };
        const a = makeHandler({ s3: bucket.s3, ddb, tableName });
        const b = makeHandler({ s3: bucket.s3, ddb, tableName });
        const [ra, rb] = await Promise.all([a([sqsRecordFor(older)]), b([sqsRecordFor(newer)])]);
        expect(failedIds(ra)).toEqual([]);
        expect(failedIds(rb)).toEqual([]);
        const { Item } = await ddb.send(new GetCommand({ TableName: tableName, Key: { articleId: articleIdFor(BUCKET, key) }, ConsistentRead: true }));
        expect(Item?.sourceSequencer).toBe(normaliseSequencer(newer.sequencer));
      } finally {
        bucket.restore();
      }
    }
  });
});
