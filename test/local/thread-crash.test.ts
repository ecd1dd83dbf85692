/**
 * A handler thread dying in the middle of a batch (process.exit, an uncaught exception, an
 * external worker.terminate() as an out-of-memory kill would do): the batch's messages must be
 * redelivered or re-run and end as records (or, after maxReceiveCount, in the dead-letter list);
 * a replacement thread must start; nothing may be acknowledged without its record; and a message
 * that kills every thread it touches must reach the dead-letter list without taking its
 * batch-mates with it, and without the queue looping on it.
 *
 * The faults come from test/local/support/thread-faults.ts, loaded on the threads through the
 * stack's `handlerModule` option. worker.terminate() is called by a recording subclass of Worker
 * (vi.mock below) when that module asks for it, which also counts the handler threads started.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LocalStack } from '../../local/stack.ts';
import type { MessageSettled } from '../../local/queue.ts';
import { article, drained, getRecord, startTestStack } from './helpers.ts';
import { BROKEN_FILE_ENV, TERMINATE_ME } from './support/thread-faults.ts';

const workers = vi.hoisted(() => ({ handlerThreadsStarted: 0, terminateMessage: 'thread-faults:terminate-me' }));
// vi.mock is hoisted above the imports, so the factory cannot import the constant: keep the two in step.
if (workers.terminateMessage !== TERMINATE_ME) throw new Error('TERMINATE_ME changed: update the Worker wrapper');

vi.mock('node:worker_threads', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:worker_threads')>();
  class RecordingWorker extends real.Worker {
    public constructor(script: string | URL, options?: import('node:worker_threads').WorkerOptions) {
      super(script, options);
      const entry = (options?.workerData as { entry?: unknown } | undefined)?.entry;
      if (typeof entry === 'string' && entry.endsWith('/handler-worker.ts')) {
        workers.handlerThreadsStarted += 1;
        this.on('message', (m: { type?: unknown } | null) => {
          if (m?.type === workers.terminateMessage) void this.terminate();
        });
      }
    }
  }
  return { ...real, Worker: RecordingWorker, default: { ...real, Worker: RecordingWorker } };
});

const HANDLER_MODULE = new URL('./support/thread-faults.ts', import.meta.url).href;
const MAX_RECEIVES = 3;

interface Settlement {
  readonly key: string;
  readonly outcome: MessageSettled['outcome'];
  readonly receiveCount: number;
  readonly error?: string;
}

let stack: LocalStack | undefined;
let settled: Settlement[] = [];

afterEach(async () => {
  await stack?.stop();
  stack = undefined;
  delete process.env[BROKEN_FILE_ENV];
});

/** A stack whose handler threads run the fault module; consumption starts once the keys are queued, so they form one batch. */
async function faultStack(handlerThreads: number, keys: readonly string[], functionTimeoutMs?: number): Promise<LocalStack> {
  const s = await startTestStack({
    handlerThreads,
    ...(functionTimeoutMs ? { functionTimeoutMs } : {}),
    handlerModule: HANDLER_MODULE,
    consume: false,
    reconcileOnStart: false,
    // Short enough that retries come quickly; long enough that a batch waiting for a replacement thread does not expire.
    queue: { visibilityTimeoutMs: 8_000, maxReceiveCount: MAX_RECEIVES, batchWindowMs: 10 },
  });
  stack = s;
  settled = [];
  s.queue.on('settled', (m: MessageSettled) => {
    settled.push({ key: keyOf(m.message.body), outcome: m.outcome, receiveCount: m.message.receiveCount, ...(m.error ? { error: m.error } : {}) });
  });
  for (const key of keys) await put(s, key);
  return s;
}

async function put(s: LocalStack, key: string): Promise<void> {
  await s.clients.s3.send(new PutObjectCommand({ Bucket: s.names.rawBucket, Key: key, Body: article(`Story ${key}`) }));
}

function keyOf(body: string): string {
  const records = (JSON.parse(body) as { Records?: Array<{ s3: { object: { key: string } } }> }).Records;
  return records?.[0] ? decodeURIComponent(records[0].s3.object.key.replace(/\+/g, ' ')) : '(s3:TestEvent)';
}

/**
 * How a message settled: retried zero or more times, then deleted once, receives counting up.
 * (Whether a batch-mate of the killer is re-run at once or redelivered after its visibility
 * timeout expired while replacement threads started depends on the machine's speed.)
 */
function expectRetriesThenDeleted(key: string): void {
  const seen = of(key);
  expect(seen.at(-1)?.outcome, key).toBe('deleted');
  expect(seen.slice(0, -1).every((x) => x.outcome === 'retry'), key).toBe(true);
  expect(seen.map((x) => x.receiveCount), key).toEqual(seen.map((_, i) => i + 1));
}

const of = (key: string): Array<Omit<Settlement, 'key' | 'error'>> =>
  settled.filter((s) => s.key === key).map(({ outcome, receiveCount }) => ({ outcome, receiveCount }));

describe('local stack: a handler thread dying mid-batch', () => {
  for (const [fault, marker] of [
    ['process.exit in the worker', 'exit-once/'],
    ['an uncaught exception in the worker', 'throw-once/'],
    ['worker.terminate() (an out-of-memory kill)', 'terminate-once/'],
  ] as const) {
    it(`${fault}: the batch ends as records, the killer is redelivered, a replacement thread serves`, async () => {
      const killer = `${marker}story.txt`;
      const before = ['batch/a.txt', 'batch/b.txt'];
      const after = ['batch/c.txt', 'batch/d.txt'];
      const started = workers.handlerThreadsStarted;
      const s = await faultStack(1, [...before, killer, ...after]);
      const firstThread = s.threadIds().handlers;
      await s.startConsuming();
      expect(await drained(s)).toBe('drained');

      // Everything ends as a record; nothing is dead-lettered.
      for (const key of [...before, killer, ...after]) expect((await getRecord(s, key))?.status, key).toBe('ok');
      expect(s.queue.deadLetters()).toEqual([]);
      // Each message is deleted once, last, after zero or more retries on increasing receives:
      // the messages the dead thread never answered were re-run (or redelivered) before being
      // deleted, and their records exist.
      for (const key of [...before, killer, ...after]) expectRetriesThenDeleted(key);
      // The killer kills the batch's thread, and again its replacement when run alone on the
      // same receive; only a redelivery processes it.
      expect(of(killer)[0]).toEqual({ outcome: 'retry', receiveCount: 1 });
      // Two threads died, two replacements started, one thread is serving.
      expect(workers.handlerThreadsStarted - started).toBe(3);
      const ids = s.threadIds().handlers;
      expect(ids).toHaveLength(1);
      expect(ids).not.toEqual(firstThread);
    });
  }

  it('a handler stuck in a synchronous loop: its thread is killed at the function timeout and replaced; nothing hangs', async () => {
    const stuck = 'hang-once/story.txt';
    const others = ['slow/a.txt', 'slow/b.txt'];
    const started = workers.handlerThreadsStarted;
    // The function timeout is what kills a stuck thread (the visibility timeout only redelivers).
    const s = await faultStack(1, [others[0]!, stuck, others[1]!], 5_000);
    await s.startConsuming();
    expect(await drained(s)).toBe('drained');

    for (const key of [...others, stuck]) {
      expect((await getRecord(s, key))?.status, key).toBe('ok');
      expectRetriesThenDeleted(key);
    }
    expect(of(stuck)[0]).toEqual({ outcome: 'retry', receiveCount: 1 });
    expect(s.queue.deadLetters()).toEqual([]);
    // Killed in its batch and again alone, each time replaced.
    expect(workers.handlerThreadsStarted - started).toBe(3);
    expect(s.threadIds().handlers).toHaveLength(1);
  });

  it('a message that kills every thread it touches is dead-lettered after maxReceiveCount; the others are processed', async () => {
    const poison = 'poison/story.txt';
    const good = ['good/1.txt', 'good/2.txt', 'good/3.txt'];
    const started = workers.handlerThreadsStarted;
    const s = await faultStack(2, [good[0]!, good[1]!, poison, good[2]!]);
    await s.startConsuming();
    expect(await drained(s)).toBe('drained');

    for (const key of good) {
      expect((await getRecord(s, key))?.status, key).toBe('ok');
      expectRetriesThenDeleted(key);
    }
    expect(await getRecord(s, poison)).toBeUndefined();
    expect(of(poison)).toEqual([
      { outcome: 'retry', receiveCount: 1 },
      { outcome: 'retry', receiveCount: 2 },
      { outcome: 'dead', receiveCount: MAX_RECEIVES },
    ]);
    const dead = s.queue.deadLetters();
    expect(dead.map((d) => keyOf(d.body))).toEqual([poison]);
    expect(dead[0]?.receiveCount).toBe(MAX_RECEIVES);
    expect(dead[0]?.lastError).toMatch(/handler thread exited \(code 7\) during the invocation/);
    // Bounded: at most two deaths per receive (in its batch, then alone), each replaced once.
    const restarts = workers.handlerThreadsStarted - started - 2;
    expect(restarts).toBeGreaterThanOrEqual(MAX_RECEIVES);
    expect(restarts).toBeLessThanOrEqual(2 * MAX_RECEIVES);

    // The stack still works afterwards, on replacement threads.
    await put(s, 'good/after.txt');
    expect(await drained(s)).toBe('drained');
    expect((await getRecord(s, 'good/after.txt'))?.status).toBe('ok');
    expect(s.threadIds().handlers).toHaveLength(2);
  });

  it('a replacement that cannot start: the stack says so, dead-letters (never drops) the messages, and does not hang', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'thread-faults-'));
    const brokenFile = path.join(dir, 'broken');
    process.env[BROKEN_FILE_ENV] = brokenFile;
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const s = await faultStack(1, []);
      await s.startConsuming();
      expect(await drained(s)).toBe('drained'); // the start-up s3:TestEvent
      writeFileSync(brokenFile, ''); // from now on, building the handler fails
      const started = workers.handlerThreadsStarted;
      // One batch: the first message kills the thread, the second is stranded with it.
      for (const key of ['exit-once/story.txt', 'stranded/1.txt']) {
        s.notify({ kind: 'Put', bucket: s.names.rawBucket, key, size: 100, eTag: '0', sequencer: s.sequencer.next() });
      }
      expect(await drained(s)).toBe('drained');

      // One replacement was tried, and not replaced again when it failed to start.
      expect(workers.handlerThreadsStarted - started).toBe(1);
      expect(s.threadIds().handlers).toEqual([]);
      expect(warnings.some((w) => /no handler thread is left/.test(w) && /cannot be built/.test(w))).toBe(true);
      const dead = s.queue.deadLetters();
      expect(dead.map((d) => keyOf(d.body)).sort()).toEqual(['exit-once/story.txt', 'stranded/1.txt']);
      for (const d of dead) {
        expect(d.receiveCount).toBe(MAX_RECEIVES);
        expect(d.lastError).toMatch(/no handler thread is running/);
      }
      expect(await getRecord(s, 'stranded/1.txt')).toBeUndefined();
    } finally {
      process.off('warning', onWarning);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
