/**
 * The deployed handler on worker threads, like Lambda running each concurrent instance in its
 * own runtime: each thread builds the production clients (loopback endpoints) and the handler
 * once, then serves invocations. The queue stays on the main thread; a consumer call posts the
 * SQS event to a thread and resolves with what the handler returned, or rejects with what it
 * threw (so the queue retries and dead-letters exactly as in process).
 *
 * On one thread the cleaner, the handler and their SDK clients (~20 ms of CPU per article) ran
 * beside the queue; on `count` threads their batches run in parallel on the cores.
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Worker } from 'node:worker_threads';
import { HandlerThreadExitedError, ServerStartError } from './errors.ts';
import type { QueueConsumer } from './queue.ts';
import { startTsWorker } from './ts-worker.ts';
import type { HandlerWiring, LocalEndpoints } from './wiring.ts';

/** workerData of local/handler-worker.ts. */
export interface HandlerThreadData {
  readonly endpoints: LocalEndpoints;
  readonly names: HandlerWiring['names'];
  readonly logLevel: HandlerWiring['logLevel'];
  readonly timeoutMs: number;
}

/** Parent -> worker. */
export type HandlerThreadRequest =
  | { readonly type: 'configure'; readonly data: HandlerThreadData }
  | { readonly type: 'invoke'; readonly id: number; readonly event: SQSEvent };

/** Worker -> parent. */
export type HandlerThreadMessage =
  | { readonly type: 'ready'; readonly threadId: number | null }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'result'; readonly id: number; readonly response: SQSBatchResponse | null }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };

export interface HandlerThreadsProps extends HandlerThreadData {
  /** Threads (Lambda instances). */
  readonly count: number;
}

export interface HandlerThreads {
  readonly consumer: QueueConsumer;
  /** OS ids of the threads (local/thread-cpu.ts). */
  readonly threadIds: ReadonlyArray<number | null>;
  close(): Promise<void>;
}

interface Pending {
  readonly resolve: (r: SQSBatchResponse | void) => void;
  readonly reject: (e: Error) => void;
}

interface Thread {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  alive: boolean;
  threadId: number | null;
}

/** Threads spawned (loading the handler's modules) before the endpoints they will use are known. */
export interface SpawnedHandlerThreads {
  /** Build the clients and the handler on every thread; resolves once all are ready. */
  configure(data: HandlerThreadData): Promise<HandlerThreads>;
  close(): Promise<void>;
}

/** Start the threads and configure them at once. */
export async function startHandlerThreads(props: HandlerThreadsProps): Promise<HandlerThreads> {
  const { count, ...data } = props;
  return spawnHandlerThreads(count).configure(data);
}

/**
 * Spawn `count` threads now: loading tsx and the handler's module graph is most of a thread's
 * start-up, and can overlap with the servers starting; `configure` hands over the endpoints.
 */
export function spawnHandlerThreads(count: number): SpawnedHandlerThreads {
  const threads: Thread[] = [];
  let nextId = 0;
  let turn = 0;
  const started = Array.from({ length: Math.max(1, count) }, () => {
    const worker = startTsWorker(new URL('./handler-worker.ts', import.meta.url), {});
    const thread: Thread = { worker, pending: new Map(), alive: true, threadId: null };
    threads.push(thread);
    const ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (m: HandlerThreadMessage) => {
        if (m.type === 'ready') {
          thread.threadId = m.threadId;
          resolve();
        }
        else if (m.type === 'error') reject(new Error(m.message));
        else {
          const p = thread.pending.get(m.id);
          thread.pending.delete(m.id);
          if (m.type === 'result') p?.resolve(m.response ?? undefined);
          else p?.reject(new Error(m.message));
        }
      });
      worker.on('error', (err) => {
        reject(err);
        process.emitWarning(`handler thread: ${err.message}`);
      });
      worker.on('exit', (code) => {
        thread.alive = false;
        reject(new Error(`handler thread exited with code ${code}`));
        for (const p of thread.pending.values()) p.reject(new HandlerThreadExitedError(`handler thread exited (code ${code}) during the invocation`));
        thread.pending.clear();
      });
    });
    ready.catch(() => undefined); // observed by configure()
    return ready;
  });
  const close = async (): Promise<void> => {
    await Promise.all(threads.map((t) => t.worker.terminate().catch(() => undefined)));
  };
  const consumer: QueueConsumer = (event) => {
    const live = threads.filter((t) => t.alive);
    // Round robin over live threads; a thread takes further invocations while one is running,
    // as the in-process handler does (the queue bounds how many batches run at once).
    const thread = live[turn++ % Math.max(1, live.length)];
    if (!thread) return Promise.reject(new HandlerThreadExitedError('no handler thread is running'));
    const id = nextId++;
    return new Promise<SQSBatchResponse | void>((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage({ type: 'invoke', id, event } satisfies HandlerThreadRequest);
    });
  };
  const configure = async (data: HandlerThreadData): Promise<HandlerThreads> => {
    for (const t of threads) t.worker.postMessage({ type: 'configure', data } satisfies HandlerThreadRequest);
    try {
      await Promise.all(started);
    } catch (err) {
      await close();
      throw new ServerStartError('handler', 0, { cause: err });
    }
    return { consumer, close, threadIds: threads.map((t) => t.threadId) };
  };

  return { configure, close };
}
