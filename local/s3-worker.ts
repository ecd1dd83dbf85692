/**
 * Worker-thread entry of local/s3-thread.ts: runs startS3Server (local/s3-server.ts) on this
 * thread and forwards every change to the parent, holding the request's response until the
 * parent says the notification is enqueued. The parent issues the sequencers (one Sequencer per
 * stack), in the order the changes arrive, which is the order this thread reports them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { S3Change } from './notifications.ts';
import { startS3Server } from './s3-server.ts';
import { osThreadId } from './thread-cpu.ts';
import type { S3ThreadData, S3ThreadRequest, S3ThreadMessage } from './s3-thread.ts';

const port = parentPort!;
const data = workerData as S3ThreadData;
const awaitingAck = new Map<number, () => void>();
let nextId = 0;

const post = (message: S3ThreadMessage): void => port.postMessage(message);

function forward(change: S3Change): Promise<void> {
  const id = nextId++;
  return new Promise<void>((resolve) => {
    awaitingAck.set(id, resolve);
    post({ type: 'change', id, change });
  });
}

try {
  const server = await startS3Server({
    directory: data.directory,
    port: data.port,
    // Placeholder: the parent replaces it with its own sequencer's next value.
    sequencer: () => '',
    onChange: forward,
  });
  port.on('message', (m: S3ThreadRequest) => {
    if (m.type === 'ack') {
      awaitingAck.get(m.id)?.();
      awaitingAck.delete(m.id);
    } else if (m.type === 'close') {
      void server.close().then(() => post({ type: 'closed' }));
    }
  });
  post({ type: 'listening', address: server.address, threadId: osThreadId() });
} catch (err) {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } }).cause;
  post({
    type: 'error',
    message: String(cause?.message ?? (err as Error)?.message ?? err),
    ...(typeof cause?.code === 'string' ? { code: cause.code } : {}),
  });
}
