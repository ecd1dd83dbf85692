/**
 * dynalite (in-process DynamoDB) on loopback, in memory or on disk (LevelDB via classic-level).
 *
 * It can run on a worker thread (`worker: true`, what LocalStack does): the local stack is
 * CPU-bound on one thread (s3rver, the handler, the SDK clients and dynalite share it), and
 * dynalite's request validation and condition-expression parser are a fifth of that work; on its
 * own thread it uses the second core. On a worker, a new table is not writable until DescribeTable
 * says ACTIVE (as with real DynamoDB; dynalite flips it on a timer even with createTableMs 0), so a
 * caller must wait for ACTIVE (local/provision.ts does); in process, the timer always fires before
 * the caller's next request.
 *
 * Either way its condition-expression parses are cached (local/expression-cache.ts): parsing the
 * article store's write condition was most of dynalite's CPU per article.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import { cachedParse, type ExpressionParser } from './expression-cache.ts';
import { listenOnLoopback } from './listen.ts';
import type { RunningServer } from './s3-server.ts';
import { runningServerOnThread } from './server-thread.ts';
import { startTsWorker } from './ts-worker.ts';

const require = createRequire(import.meta.url);

export interface DynamoServerProps {
  /** LevelDB folder (created if missing). @default - in memory */
  readonly directory?: string;
  /** @default 0 (ephemeral) */
  readonly port?: number;
  /** Run dynalite on a worker thread rather than on the caller's event loop (wait for ACTIVE tables). @default false */
  readonly worker?: boolean;
}

type Dynalite = (options: Record<string, unknown>) => Server;

/** Options that make tables ACTIVE at once. */
const DYNALITE_TIMINGS = { createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 } as const;

/** workerData of local/dynamo-worker.ts. */
export interface DynamoWorkerData {
  readonly options: Record<string, unknown>;
  readonly port: number;
}

let expressionCacheInstalled = false;

/** Cache dynalite's condition-expression parses (local/expression-cache.ts), once per thread. */
export function installExpressionCache(): void {
  if (expressionCacheInstalled) return;
  expressionCacheInstalled = true;
  const parser = require('dynalite/db/conditionParser') as ExpressionParser;
  parser.parse = cachedParse(parser);
}

export async function startDynamoServer(props: DynamoServerProps = {}): Promise<RunningServer> {
  if (props.directory) mkdirSync(props.directory, { recursive: true });
  const options = { ...(props.directory ? { path: props.directory } : {}), ...DYNALITE_TIMINGS };
  const port = props.port ?? 0;
  return props.worker === true ? startInWorker(options, port) : startInProcess(options, port);
}

export async function startInProcess(options: Record<string, unknown>, port: number): Promise<RunningServer> {
  installExpressionCache();
  const dynalite = require('dynalite') as Dynalite;
  const server = dynalite(options);
  const address = await listenOnLoopback(server, port, 'dynalite');
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    address,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      })),
  };
}

async function startInWorker(options: Record<string, unknown>, port: number): Promise<RunningServer> {
  const worker = startTsWorker(new URL('./dynamo-worker.ts', import.meta.url), { options, port } satisfies DynamoWorkerData);
  return runningServerOnThread(worker, 'dynalite', port, 'close');
}
