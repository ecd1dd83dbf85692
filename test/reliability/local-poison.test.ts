/**
 * Poison messages in the local stack's queue (anything on loopback can SendMessage to it, and
 * `articles reprocess` / `dlq redrive` do): each must end in the dead-letter list after
 * maxReceiveCount, without stalling the queue, and later uploads must still be processed.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { articleIdFor } from '../../functions/shared/record.ts';
import { LocalStack } from '../../local/stack.ts';
import { drained } from '../local/helpers.ts';
import { articleText } from './support/harness.ts';

/** Liveness guard of this file's drains (ms). */
const LOCAL_POISON_GUARD_MS = 20_000;

/**
 * Three of these (non-array Records, a null record, an undecodable key) used to make the stack's
 * 'settled' listener throw inside LocalQueue.deliver, stalling the queue and hanging stop();
 * fixed in e993cbb. The liveness guard above turns any regression into a failure, not a hang.
 */
const POISON = {
  'not JSON': 'not json at all',
  'JSON without Records': '{"hello":"world"}',
  'Records is not an array': '{"Records":5}',
  'a null record': '{"Records":[null]}',
  'a key that is not valid URL encoding': JSON.stringify({
    Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'articles-raw' }, object: { key: '%E0%A4%A', size: 10, sequencer: '00AA' } } }],
  }),
} as const;

describe('local stack: poison messages are dead-lettered and do not stall the queue', () => {
  let stack: LocalStack | undefined;
  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
  });

  for (const [name, body] of Object.entries(POISON)) {
    it(name, async () => {
      const unhandled: unknown[] = [];
      const onUnhandled = (err: unknown): void => void unhandled.push(err);
      process.on('unhandledRejection', onUnhandled);
      try {
        stack = await LocalStack.start({ reconcileOnStart: false, queue: { maxReceiveCount: 2, visibilityTimeoutMs: 1_000, batchWindowMs: 5 } });
        await drained(stack, LOCAL_POISON_GUARD_MS); // the start-up s3:TestEvent
        stack.queue.send(body);
        expect(await drained(stack, LOCAL_POISON_GUARD_MS)).toBe('drained');
        expect(stack.queue.deadLetters().map((d) => d.body)).toEqual([body]);

        // The queue still works afterwards.
        await stack.clients.s3.send(new PutObjectCommand({ Bucket: stack.names.rawBucket, Key: 'after.txt', Body: articleText('after') }));
        expect(await drained(stack, LOCAL_POISON_GUARD_MS)).toBe('drained');
        const { Item } = await stack.clients.ddb.send(
          new GetCommand({ TableName: stack.names.tableName, Key: { articleId: articleIdFor(stack.names.rawBucket, 'after.txt') }, ConsistentRead: true }),
        );
        expect(Item).toMatchObject({ status: 'ok' });
        expect(unhandled).toEqual([]);
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
    });
  }
});
