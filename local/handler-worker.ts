/**
 * Worker-thread entry of local/handler-thread.ts: one "Lambda instance". Loads the handler's
 * modules at once; on 'configure' builds the production clients and the deployed handler
 * (defaultHandlerFactory, as in process, or the `handlerFactory` of `handlerModule`), then runs
 * each posted SQS event with a fresh fake Lambda context and posts back the result or the error.
 */
import { parentPort } from 'node:worker_threads';
import type { HandlerThreadData, HandlerThreadMessage, HandlerThreadRequest } from './handler-thread.ts';
import { fakeLambdaContext } from './lambda-context.ts';
import { osThreadId } from './thread-cpu.ts';
import { createLocalClients, defaultHandlerFactory, type HandlerFactory, type SqsHandler } from './wiring.ts';

const port = parentPort!;
const post = (m: HandlerThreadMessage): void => port.postMessage(m);
let handler: SqsHandler | undefined;
let timeoutMs = 30_000;

async function configure(data: HandlerThreadData): Promise<void> {
  try {
    const clients = createLocalClients(data.endpoints);
    const factory = data.handlerModule ? ((await import(data.handlerModule)) as { handlerFactory: HandlerFactory }).handlerFactory : defaultHandlerFactory;
    handler = await factory({ clients, names: data.names, logLevel: data.logLevel });
    timeoutMs = data.timeoutMs;
    post({ type: 'ready', threadId: osThreadId() });
  } catch (err) {
    post({ type: 'error', message: String((err as Error)?.stack ?? err) });
  }
}

// Messages posted before this listener (the parent's 'configure') wait in the port.
port.on('message', (m: HandlerThreadRequest) => {
  if (m.type === 'configure') {
    void configure(m.data);
    return;
  }
  const run = handler;
  if (!run) {
    post({ type: 'failed', id: m.id, message: 'handler thread not configured' });
    return;
  }
  run(m.event, fakeLambdaContext({ timeoutMs })).then(
    (response) => post({ type: 'result', id: m.id, response: response ?? null }),
    (err: unknown) => post({ type: 'failed', id: m.id, message: (err as Error)?.message ?? String(err) }),
  );
});
