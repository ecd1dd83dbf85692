/**
 * Worker-thread entry of local/handler-thread.ts: one "Lambda instance". Builds the production
 * clients and the deployed handler once (defaultHandlerFactory, as in process), then runs each
 * posted SQS event with a fresh fake Lambda context and posts back the result or the error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { HandlerThreadData, HandlerThreadMessage, HandlerThreadRequest } from './handler-thread.ts';
import { fakeLambdaContext } from './lambda-context.ts';
import { osThreadId } from './thread-cpu.ts';
import { createLocalClients, defaultHandlerFactory } from './wiring.ts';

const port = parentPort!;
const data = workerData as HandlerThreadData;
const post = (m: HandlerThreadMessage): void => port.postMessage(m);

try {
  const clients = createLocalClients(data.endpoints);
  const handler = await defaultHandlerFactory({ clients, names: data.names, logLevel: data.logLevel });
  port.on('message', (m: HandlerThreadRequest) => {
    if (m.type !== 'invoke') return;
    handler(m.event, fakeLambdaContext({ timeoutMs: data.timeoutMs })).then(
      (response) => post({ type: 'result', id: m.id, response: response ?? null }),
      (err: unknown) => post({ type: 'failed', id: m.id, message: (err as Error)?.message ?? String(err) }),
    );
  });
  post({ type: 'ready', threadId: osThreadId() });
} catch (err) {
  post({ type: 'error', message: String((err as Error)?.stack ?? err) });
}
