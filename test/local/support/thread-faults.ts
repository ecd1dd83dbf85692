/**
 * A handler module for the local stack's `handlerModule` option: the deployed handler, wrapped so
 * that a marker in a message (the object key carries it) kills the handler thread in the middle
 * of its batch. The messages before the marked one are handled first (their records are written),
 * then the thread dies with the rest of the batch unanswered.
 *
 * Loaded on the handler threads (worker threads), never in production.
 */
import { existsSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { SQSRecord } from 'aws-lambda';
import { defaultHandlerFactory, type HandlerFactory } from '../../../local/wiring.ts';

/** Posted to the parent by a 'terminate' fault: the test's Worker wrapper then calls worker.terminate(). */
export const TERMINATE_ME = 'thread-faults:terminate-me';

/** Env var naming a file: while it exists, building the handler fails (a replacement thread cannot start). */
export const BROKEN_FILE_ENV = 'THREAD_FAULTS_BROKEN_FILE';

type FaultKind = 'exit' | 'throw' | 'terminate' | 'hang';

/** Key marker -> the fault, and whether it strikes on every receive or only the first. */
const FAULTS: ReadonlyArray<{ readonly marker: string; readonly kind: FaultKind; readonly always: boolean }> = [
  { marker: 'exit-once/', kind: 'exit', always: false },
  { marker: 'throw-once/', kind: 'throw', always: false },
  { marker: 'terminate-once/', kind: 'terminate', always: false },
  { marker: 'hang-once/', kind: 'hang', always: false },
  { marker: 'poison/', kind: 'exit', always: true },
];

function faultOf(record: SQSRecord): FaultKind | undefined {
  const first = record.attributes.ApproximateReceiveCount === '1';
  return FAULTS.find((f) => record.body.includes(f.marker) && (f.always || first))?.kind;
}

const never = (): Promise<never> => new Promise<never>(() => undefined);

function strike(kind: FaultKind): Promise<never> {
  switch (kind) {
    case 'exit':
      process.exit(7);
      return never();
    case 'throw':
      setImmediate(() => {
        throw new Error('thread-faults: uncaught exception in the handler thread');
      });
      return never();
    case 'terminate':
      parentPort?.postMessage({ type: TERMINATE_ME });
      return never();
    case 'hang':
      // A synchronous loop: nothing on this thread runs again until it is terminated.
      for (;;);
  }
}

export const handlerFactory: HandlerFactory = async (wiring) => {
  const broken = process.env[BROKEN_FILE_ENV];
  if (broken && existsSync(broken)) throw new Error('thread-faults: this handler cannot be built');
  const handler = await defaultHandlerFactory(wiring);
  return async (event, context) => {
    const at = event.Records.findIndex((r) => faultOf(r) !== undefined);
    if (at < 0) return handler(event, context);
    // Handle the messages before the marked one, then die mid-batch: their effects are written
    // but the invocation is never answered.
    if (at > 0) await handler({ Records: event.Records.slice(0, at) }, context);
    return strike(faultOf(event.Records[at]!)!);
  };
};
