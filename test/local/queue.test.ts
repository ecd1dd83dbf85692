import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SQSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalQueue, type MessageSettled } from '../../local/queue.ts';

const queues: LocalQueue[] = [];
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.stop()));
});

function queue(props: ConstructorParameters<typeof LocalQueue>[0] = {}): LocalQueue {
  // Long enough that no delivery outlives it on a loaded machine (it also delays each redelivery).
  const q = new LocalQueue({ batchWindowMs: 5, visibilityTimeoutMs: 300, ...props });
  queues.push(q);
  return q;
}

describe('LocalQueue', () => {
  it('delivers in batches of at most batchSize, as SQS records', async () => {
    const q = queue({ batchSize: 3, concurrency: 1 });
    const batches: SQSEvent[] = [];
    for (let i = 0; i < 7; i++) q.send(`m${i}`);
    q.start(async (event) => {
      batches.push(event);
      return { batchItemFailures: [] };
    });
    await q.drain();
    expect(batches.map((b) => b.Records.length)).toEqual([3, 3, 1]);
    const record = batches[0]!.Records[0]!;
    expect(record).toMatchObject({ body: 'm0', eventSource: 'aws:sqs', attributes: { ApproximateReceiveCount: '1' } });
    expect(record.eventSourceARN).toMatch(/^arn:aws:sqs:us-east-1:000000000000:articles-ingest$/);
  });

  it('redelivers only the messages reported in batchItemFailures, after the visibility timeout', async () => {
    const q = queue();
    const seen: string[] = [];
    q.send('good');
    q.send('flaky');
    q.start(async (event) => {
      const failures = [];
      for (const r of event.Records) {
        seen.push(`${r.body}#${r.attributes.ApproximateReceiveCount}`);
        if (r.body === 'flaky' && r.attributes.ApproximateReceiveCount === '1') failures.push({ itemIdentifier: r.messageId });
      }
      return { batchItemFailures: failures };
    });
    await q.drain();
    expect(seen.sort()).toEqual(['flaky#1', 'flaky#2', 'good#1']);
    expect(q.deadLetters()).toHaveLength(0);
  });

  it('redelivers the whole batch when the consumer throws', async () => {
    const q = queue();
    let calls = 0;
    q.send('a');
    q.send('b');
    q.start(async (event) => {
      calls += 1;
      if (calls === 1) throw new Error('boom');
      expect(event.Records.map((r) => r.body).sort()).toEqual(['a', 'b']);
    });
    await q.drain();
    expect(calls).toBe(2);
  });

  it('makes a message visible again when its visibility timeout ends mid-flight, ignoring the late result', async () => {
    const q = queue({ visibilityTimeoutMs: 250, concurrency: 2 });
    const receives: string[] = [];
    const outcomes: string[] = [];
    q.on('settled', (s: MessageSettled) => outcomes.push(s.outcome));
    q.send('slow');
    q.start(async (event) => {
      const count = event.Records[0]!.attributes.ApproximateReceiveCount;
      receives.push(count);
      if (count === '1') await new Promise((r) => setTimeout(r, 800)); // outlives the visibility timeout
      return { batchItemFailures: [] };
    });
    await q.drain();
    expect(receives).toEqual(['1', '2']);
    expect(outcomes).toEqual(['retry', 'deleted']); // the first delivery's success came too late to count
  });

  it('moves a message to the dead letters after maxReceiveCount receives, and persists them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'queue-test-'));
    try {
      const file = path.join(dir, 'dead-letters.jsonl');
      const q = queue({ maxReceiveCount: 5, deadLetterFile: file });
      let receives = 0;
      q.send('poison');
      q.start(async (event) => {
        receives += 1;
        return { batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.messageId })) };
      });
      await q.drain();
      expect(receives).toBe(5);
      expect(q.deadLetters()).toMatchObject([{ body: 'poison', receiveCount: 5 }]);
      expect(JSON.parse(readFileSync(file, 'utf8').trim())).toMatchObject({ body: 'poison', receiveCount: 5 });
      // A new queue on the same file starts with the dead letters of the last run.
      expect(queue({ deadLetterFile: file }).deadLetters()).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('LocalQueue robustness', () => {
  it('keeps delivering when a settled listener throws', async () => {
    const q = queue({ batchSize: 1, concurrency: 1 });
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      q.on('settled', () => {
        throw new Error('listener bug');
      });
      const seen: string[] = [];
      q.send('a');
      q.send('b');
      q.start(async (event) => {
        seen.push(event.Records[0]!.body);
      });
      await q.drain();
      expect(seen).toEqual(['a', 'b']);
      await new Promise((r) => setImmediate(r));
      expect(warnings.some((w) => w.includes('listener bug'))).toBe(true);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
