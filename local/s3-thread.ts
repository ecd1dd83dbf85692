/**
 * s3rver on its own worker thread (what LocalStack does): s3rver's per-request work (Koa
 * middleware, signature check, filesystem store, XML) was a third of the main thread's CPU,
 * which also runs the handler and the cleaner; on its own thread it uses the other core.
 *
 * Same semantics as startS3Server in process: the changes reach `onChange` in request order,
 * a request's response waits until `onChange` has run for its changes (a PUT returns once its
 * notification is enqueued), and sequencers come from `props.sequencer`, called in that order.
 */
import type { S3Change } from './notifications.ts';
import type { RunningServer, S3ServerProps } from './s3-server.ts';
import { runningServerOnThread, type ServerThreadMessage } from './server-thread.ts';
import { startTsWorker } from './ts-worker.ts';

/** workerData of local/s3-worker.ts. */
export interface S3ThreadData {
  readonly directory: string;
  readonly port: number;
}

/** Parent -> worker. */
export type S3ThreadRequest = { readonly type: 'ack'; readonly id: number } | { readonly type: 'close' };

/** Worker -> parent. */
export type S3ThreadMessage = ServerThreadMessage | { readonly type: 'change'; readonly id: number; readonly change: S3Change };

export async function startS3ServerThread(props: S3ServerProps): Promise<RunningServer> {
  const port = props.port ?? 0;
  const worker = startTsWorker(new URL('./s3-worker.ts', import.meta.url), { directory: props.directory, port } satisfies S3ThreadData);
  const ack = (id: number): void => worker.postMessage({ type: 'ack', id } satisfies S3ThreadRequest);
  // Changes are handled from the first message on, so none can be missed between start and listen.
  worker.on('message', (m: S3ThreadMessage) => {
    if (m.type !== 'change') return;
    let done: void | Promise<void> = undefined;
    try {
      done = props.onChange({ ...m.change, sequencer: props.sequencer() });
    } catch (err) {
      process.emitWarning(`s3rver thread: onChange threw: ${(err as Error)?.message ?? String(err)}`);
    }
    if (done) void done.then(() => ack(m.id), () => ack(m.id));
    else ack(m.id);
  });

  return runningServerOnThread(worker, 's3rver', port, { type: 'close' } satisfies S3ThreadRequest);
}
