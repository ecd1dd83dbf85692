/**
 * Ordering end to end on the embedded local stack: real S3 calls (s3rver) produce the
 * notifications, the in-process queue delivers them in concurrent batches to the deployed
 * handler, dynalite applies the conditional writes. Random bursts of puts, overwrites and
 * deletes of a few keys are fired without waiting; afterwards every notification is delivered
 * AGAIN, late and shuffled (at-least-once delivery). The table must equal the state implied by
 * each key's last operation, before and after the replay.
 */
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanArticleBytes } from '../../functions/shared/article.ts';
import { DEFAULT_MAX_OBJECT_BYTES } from '../../functions/shared/config.ts';
import type { MessageSettled } from '../../local/queue.ts';
import { LocalStack } from '../../local/stack.ts';
import { articleText } from './support/harness.ts';

const RUNS = 6;

const ops = fc.array(
  fc.record({ key: fc.nat({ max: 2 }), kind: fc.constantFrom<'put' | 'delete'>('put', 'put', 'delete'), variant: fc.nat({ max: 9 }) }),
  { minLength: 1, maxLength: 12 },
);

describe('ordering on the local stack (s3rver -> queue -> handler -> dynalite)', () => {
  let stack: LocalStack;
  const bodies: string[] = [];
  let run = 0;

  beforeAll(async () => {
    stack = await LocalStack.start({ reconcileOnStart: false, queue: { batchSize: 3, batchWindowMs: 2, concurrency: 2, visibilityTimeoutMs: 10_000 } });
    await stack.drain();
    stack.queue.on('settled', (s: MessageSettled) => {
      if (s.outcome === 'deleted') bodies.push(s.message.body);
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function tableState(prefix: string): Promise<Map<string, { status: unknown; body: unknown }>> {
    const out = await stack.clients.ddb.send(new ScanCommand({ TableName: stack.names.tableName, ConsistentRead: true }));
    return new Map(
      (out.Items ?? []).filter((i) => String(i.sourceKey).startsWith(prefix)).map((i) => [String(i.sourceKey), { status: i.status, body: i.body }]),
    );
  }

  it(`bursts of puts/overwrites/deletes, then every notification replayed shuffled (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(ops, fc.array(fc.nat(), { minLength: 64, maxLength: 64 }), async (history, shuffle) => {
        const prefix = `run${++run}/`;
        bodies.length = 0;
        const { s3 } = stack.clients;
        const bucket = stack.names.rawBucket;
        const expected = new Map<string, { status: string; body: string }>();
        const present = new Set<string>();
        // Fire the whole burst without waiting for processing (S3 itself serialises per request).
        for (const [i, op] of history.entries()) {
          const key = `${prefix}k${op.key}.txt`;
          if (op.kind === 'put') {
            const text = articleText(`${prefix}${op.key}-${op.variant}-${i}`);
            await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: text }));
            const f = cleanArticleBytes(new TextEncoder().encode(text), { maxBytes: DEFAULT_MAX_OBJECT_BYTES });
            expected.set(key, { status: f.status, body: f.body });
            present.add(key);
          } else if (present.delete(key)) {
            // (Only deletes of existing objects: what S3 reports for a missing key is not modelled.)
            await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
            expected.set(key, { status: 'deleted', body: '' });
          }
        }
        await stack.drain();
        expect(stack.queue.deadLetters()).toEqual([]);
        expect(await tableState(prefix)).toEqual(expected);

        // At-least-once: every notification again, late and in a random order.
        const replay = [...bodies];
        for (let i = replay.length - 1; i > 0; i--) {
          const j = shuffle[i % shuffle.length]! % (i + 1);
          [replay[i], replay[j]] = [replay[j]!, replay[i]!];
        }
        for (const body of replay) stack.queue.send(body);
        await stack.drain();
        expect(stack.queue.deadLetters()).toEqual([]);
        expect(await tableState(prefix)).toEqual(expected);
      }),
      { numRuns: RUNS, seed: 515151 },
    );
  });
});
