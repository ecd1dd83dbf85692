/**
 * A loopback server running on a worker thread (s3rver, dynalite), seen from the parent: wait for
 * the worker's `listening` message, then close it by message with terminate() as the fallback.
 * The worker protocol: `{ type: 'listening', address, threadId }` once listening, `{ type: 'error',
 * message, code? }` if it cannot start, `{ type: 'closed' }` after a close request. Other messages
 * (e.g. s3rver's changes) are the caller's and ignored here.
 */
import type { AddressInfo } from 'node:net';
import type { Worker } from 'node:worker_threads';
import { ServerStartError } from './errors.ts';
import type { RunningServer } from './s3-server.ts';

/** The lifecycle messages a server worker posts. */
export type ServerThreadMessage =
  | { readonly type: 'listening'; readonly address: AddressInfo; readonly threadId: number | null }
  | { readonly type: 'error'; readonly message: string; readonly code?: string }
  | { readonly type: 'closed' };

function isLifecycle(m: unknown): m is ServerThreadMessage {
  const type = (m as { type?: unknown } | null)?.type;
  return type === 'listening' || type === 'error' || type === 'closed';
}

/**
 * Waits until `worker` listens (a ServerStartError naming `name` and `port` if it fails or exits
 * first, after terminating it) and returns it as a RunningServer whose close() posts
 * `closeMessage`, then terminates the thread once it answers `closed` (terminate also releases an
 * on-disk lock if the server never answers).
 */
export async function runningServerOnThread(worker: Worker, name: string, port: number, closeMessage: unknown): Promise<RunningServer> {
  let started: Extract<ServerThreadMessage, { type: 'listening' }>;
  try {
    started = await new Promise((resolve, reject) => {
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`${name} worker exited with code ${code}`)));
      const onStart = (m: unknown): void => {
        if (!isLifecycle(m)) return;
        worker.off('message', onStart);
        if (m.type === 'listening') resolve(m);
        else reject(Object.assign(new Error(m.type === 'error' ? m.message : `${name} worker closed`), m.type === 'error' && m.code ? { code: m.code } : {}));
      };
      worker.on('message', onStart);
    });
  } catch (err) {
    await worker.terminate();
    throw new ServerStartError(name, port, { cause: err });
  }
  worker.removeAllListeners('exit');
  worker.removeAllListeners('error');
  worker.on('error', (err) => process.emitWarning(`${name} worker: ${err.message}`));
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${started.address.port}`,
    address: started.address,
    threadId: started.threadId,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        const done = (): void => void worker.terminate().then(() => resolve(), () => resolve());
        worker.on('message', (m: unknown) => isLifecycle(m) && m.type === 'closed' && done());
        worker.once('exit', () => resolve());
        worker.postMessage(closeMessage);
      })),
  };
}
