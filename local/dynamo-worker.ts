/**
 * Worker-thread entry of local/dynamo-server.ts (`worker: true`): dynalite in process on this
 * thread; 'close' from the parent closes it and answers 'closed'.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startInProcess, type DynamoWorkerData } from './dynamo-server.ts';
import { osThreadId } from './thread-cpu.ts';

const port = parentPort!;
const data = workerData as DynamoWorkerData;

try {
  const server = await startInProcess(data.options, data.port);
  port.on('message', (m: unknown) => {
    const closed = (): void => port.postMessage({ type: 'closed' });
    if (m === 'close') void server.close().then(closed, closed);
  });
  port.postMessage({ type: 'listening', address: server.address, threadId: osThreadId() });
} catch (err) {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } }).cause;
  port.postMessage({
    type: 'error',
    message: String(cause?.message ?? (err as Error)?.message ?? err),
    ...(typeof cause?.code === 'string' ? { code: cause.code } : {}),
  });
}
