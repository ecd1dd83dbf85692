/**
 * The deployed handler on worker threads, like Lambda running each concurrent instance in its
 * own runtime: each thread builds the production clients (loopback endpoints) and the handler
 * once, then serves invocations. The queue stays on the main thread; a consumer call posts the
 * SQS event to a thread and resolves with what the handler returned, or rejects with what it
 * threw (so the queue retries and dead-letters exactly as in process).
 *
 * A thread that dies (process.exit, an uncaught exception, out of memory, or killed when an
 * invocation runs past the function timeout) is like a Lambda instance crashing: its unanswered
 * invocations fail, so the queue redelivers their messages, and a replacement thread starts. A multi-message batch that killed its thread is re-run one
 * message at a time, so a message that kills every thread it touches fails alone (and reaches the
 * dead-letter list after maxReceiveCount) while its batch-mates are processed. A replacement that
 * dies before it is ready is not replaced again: once no thread is left, every invocation fails
 * with HandlerThreadExitedError (the messages are dead-lettered, never lost, never looped on).
 *
 * On one thread the cleaner, the handler and their SDK clients (~20 ms of CPU per article) ran
 * beside the queue; on `count` threads their batches run in parallel on the cores.
 */
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent } from 'aws-lambda';
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
  /**
   * URL of a module whose `handlerFactory` export (a HandlerFactory) builds each thread's handler.
   * @default - local/wiring.ts defaultHandlerFactory (the deployed handler)
   */
  readonly handlerModule?: string;
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
  /** OS ids of the running threads (local/thread-cpu.ts). */
  readonly threadIds: ReadonlyArray<number | null>;
  /** Replacement threads started after a thread died. */
  readonly restarts: number;
  close(): Promise<void>;
}

interface Pending {
  readonly resolve: (r: SQSBatchResponse | void) => void;
  readonly reject: (e: Error) => void;
}

interface Thread {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  /** Resolves once the handler is built; rejects if the thread fails or dies first. */
  readonly ready: Promise<void>;
  alive: boolean;
  configured: boolean;
  threadId: number | null;
  /** The uncaught error that killed the thread, if any. */
  error?: Error;
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
  let config: HandlerThreadData | undefined;
  let closing = false;
  let restarts = 0;
  let nextId = 0;
  let turn = 0;

  const spawn = (): Thread => {
    const worker = startTsWorker(new URL('./handler-worker.ts', import.meta.url), {});
    let markReady!: () => void;
    let failReady!: (e: Error) => void;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failReady = reject;
    });
    ready.catch(() => undefined); // observed by configure() and invoke()
    const thread: Thread = { worker, pending: new Map(), ready, alive: true, configured: false, threadId: null };
    threads.push(thread);
    worker.on('message', (m: HandlerThreadMessage) => {
      if (m.type === 'ready') {
        thread.threadId = m.threadId;
        thread.configured = true;
        markReady();
      } else if (m.type === 'error') {
        // The handler could not be built (or the entry not loaded): this thread can serve nothing.
        thread.error = new Error(m.message);
        failReady(thread.error);
        void worker.terminate();
      }
      else {
        const p = thread.pending.get(m.id);
        thread.pending.delete(m.id);
        if (m.type === 'result') p?.resolve(m.response ?? undefined);
        else p?.reject(new Error(m.message));
      }
    });
    worker.on('error', (err) => {
      thread.error = err;
      failReady(err);
      if (!closing) process.emitWarning(`handler thread: ${err.message}`);
    });
    worker.on('exit', (code) => {
      thread.alive = false;
      threads.splice(threads.indexOf(thread), 1);
      const cause = thread.error ? { cause: thread.error } : {};
      const why = thread.error ? `: ${thread.error.message.split('\n')[0]}` : '';
      failReady(new HandlerThreadExitedError(`handler thread exited (code ${code}) before it was ready${why}`, cause));
      for (const p of thread.pending.values()) p.reject(new HandlerThreadExitedError(`handler thread exited (code ${code}) during the invocation${why}`, cause));
      thread.pending.clear();
      // Like Lambda replacing a crashed instance. A thread that died before serving is not
      // replaced (its replacement would die the same way): that bounds the restarts.
      if (!closing && thread.configured) {
        restarts += 1;
        spawn();
      } else if (!closing && threads.length === 0) {
        process.emitWarning(`no handler thread is left (the last exited with code ${code}${thread.error ? `: ${thread.error.message}` : ''}); messages will be dead-lettered`);
      }
    });
    if (config) worker.postMessage({ type: 'configure', data: config } satisfies HandlerThreadRequest);
    return thread;
  };

  const initial = Array.from({ length: Math.max(1, count) }, () => spawn());

  const close = async (): Promise<void> => {
    closing = true;
    await Promise.all(threads.map((t) => t.worker.terminate().catch(() => undefined)));
  };

  /** Run `event` on the next thread (round robin); a replacement still starting is waited for. */
  const invoke = async (event: SQSEvent): Promise<SQSBatchResponse | void> => {
    // A thread takes further invocations while one is running, as the in-process handler does
    // (the queue bounds how many batches run at once).
    const thread = threads[turn++ % Math.max(1, threads.length)];
    if (!thread) throw new HandlerThreadExitedError('no handler thread is running');
    await thread.ready.catch((err: unknown) => {
      throw err instanceof HandlerThreadExitedError ? err : new HandlerThreadExitedError('handler thread failed to start', { cause: err });
    });
    if (!thread.alive) throw new HandlerThreadExitedError('handler thread exited before the invocation');
    const id = nextId++;
    const timeoutMs = config?.timeoutMs ?? 30_000;
    // Like Lambda at the function timeout: a handler still running (a synchronous loop cannot be
    // interrupted otherwise) has its thread killed and replaced; its invocations fail and retry.
    const timer = setTimeout(() => {
      thread.error ??= new Error(`an invocation ran past the function timeout (${timeoutMs} ms)`);
      void thread.worker.terminate();
    }, timeoutMs);
    timer.unref();
    return new Promise<SQSBatchResponse | void>((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage({ type: 'invoke', id, event } satisfies HandlerThreadRequest);
    }).finally(() => clearTimeout(timer));
  };

  const consumer: QueueConsumer = async (event) => {
    try {
      return await invoke(event);
    } catch (err) {
      if (!(err instanceof HandlerThreadExitedError) || event.Records.length <= 1 || closing) throw err;
      // The batch killed its thread: re-run its messages one by one, so only the one that kills
      // a thread fails (and is retried), not the whole batch every time.
      const batchItemFailures: SQSBatchItemFailure[] = [];
      const thrown: unknown[] = [];
      for (const record of event.Records) {
        try {
          const response = await invoke({ Records: [record] });
          batchItemFailures.push(...(response?.batchItemFailures ?? []));
        } catch (one) {
          thrown.push(one);
          batchItemFailures.push({ itemIdentifier: record.messageId });
        }
      }
      // Every message failed to run (e.g. no thread is left): the queue records why.
      if (thrown.length === event.Records.length) throw thrown[0];
      return { batchItemFailures };
    }
  };

  const configure = async (data: HandlerThreadData): Promise<HandlerThreads> => {
    config = data;
    for (const t of initial) t.worker.postMessage({ type: 'configure', data } satisfies HandlerThreadRequest);
    try {
      await Promise.all(initial.map((t) => t.ready));
    } catch (err) {
      await close();
      throw new ServerStartError('handler', 0, { cause: err });
    }
    return {
      consumer,
      close,
      get threadIds() {
        return threads.map((t) => t.threadId);
      },
      get restarts() {
        return restarts;
      },
    };
  };

  return { configure, close };
}
