/**
 * The local stack's threads: the deployed handler runs on `handlerThreads` worker threads (the
 * articles are cleaned there, not on the main thread), and every thread reports its OS id.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.ts';
import { osThreadId, threadCpuMs } from '../../local/thread-cpu.ts';
import { article, getRecord, startTestStack } from './helpers.ts';

const onLinux = process.platform === 'linux';
let stack: LocalStack;

beforeAll(async () => {
  stack = await startTestStack({ handlerThreads: 2 });
});
afterAll(async () => {
  await stack?.stop();
});

describe('local stack threads', () => {
  it('ingests through the handler threads, which do the work', async () => {
    const ids = stack.threadIds();
    expect(ids.handlers).toHaveLength(2);
    const cpu0 = onLinux ? ids.handlers.map((t) => threadCpuMs(t!)!) : [];
    const keys = Array.from({ length: 8 }, (_, i) => `threads/${i}.txt`);
    for (const [i, key] of keys.entries()) {
      // Long enough that cleaning costs measurable CPU on the thread that does it.
      await stack.clients.s3.send(new PutObjectCommand({ Bucket: stack.names.rawBucket, Key: key, Body: article(`Story number ${i}`, 400) }));
    }
    await stack.drain();
    for (const key of keys) expect((await getRecord(stack, key))?.status).toBe('ok');
    if (onLinux) {
      const used = ids.handlers.map((t, i) => threadCpuMs(t!)! - cpu0[i]!);
      expect(used.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    }
  });

  it.runIf(onLinux)('reports distinct OS thread ids for main, s3rver, dynalite and each handler', () => {
    const ids = stack.threadIds();
    const all = [ids.main, ids.s3rver, ids.dynalite, ...ids.handlers];
    expect(all.every((t) => typeof t === 'number')).toBe(true);
    expect(new Set(all).size).toBe(all.length);
    expect(ids.main).toBe(osThreadId());
    expect(ids.main).toBe(process.pid);
  });
});
