/**
 * The whole pipeline in one process: s3rver (raw + bodies buckets), dynalite (articles table),
 * an in-process SQS queue with a dead-letter list, and the deployed middy handler consuming it
 * with clients pointed at the loopback endpoints. Every object created or removed in the raw
 * bucket becomes the notification real S3 would send.
 *
 * Threads: the queue (and the SQS endpoint) on the main thread; s3rver, dynalite and each
 * handler instance (`handlerThreads`) on worker threads of their own, so the cores run them in
 * parallel. An injected `handler` runs on the main thread.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { startDynamoServer } from './dynamo-server.ts';
import { spawnHandlerThreads, type HandlerThreads, type SpawnedHandlerThreads } from './handler-thread.ts';
import { fakeLambdaContext } from './lambda-context.ts';
import { osThreadId } from './thread-cpu.ts';
import { decodeS3EventKey, LOCAL_REGION, Sequencer, type S3Change, testEventBody, toSqsMessageBody } from './notifications.ts';
import { ensureBucket, ensureTable } from './provision.ts';
import { LocalQueue, type LocalQueueProps, type MessageSettled } from './queue.ts';
import { reconcile, type Reconciliation } from './reconcile.ts';
import { S3RVER_CREDENTIALS, type RunningServer } from './s3-server.ts';
import { startS3ServerThread } from './s3-thread.ts';
import { startSqsEndpoint, type RunningSqsEndpoint } from './sqs-endpoint.ts';
import { defaultHandlerFactory, articleIdOf, type HandlerFactory, type HandlerWiring, type LocalClients, createLocalClients } from './wiring.ts';

/** Names the local stack gives its resources (the CDK stack generates its own). */
export const LOCAL_NAMES = {
  rawBucket: 'articles-raw',
  bodiesBucket: 'articles-bodies',
  tableName: 'articles',
  queueName: 'articles-ingest',
} as const;

/** What a stack persists under its data folder. */
export const DATA_DIR_ENTRIES = { s3: 's3', dynamodb: 'dynamodb', deadLetters: 'dead-letters.jsonl' } as const;

/** Default loopback ports of `npm start`. */
export const DEFAULT_PORTS = { s3: 4569, dynamodb: 4567, sqs: 4576 } as const;

export interface LocalStackProps {
  /** Folder for persisted S3 objects, table and dead letters. @default - in memory (a temp folder, removed on stop) */
  readonly dataDir?: string;
  /** @default - all 0 (ephemeral) */
  readonly ports?: { readonly s3?: number; readonly dynamodb?: number; readonly sqs?: number };
  /** @default LOCAL_NAMES */
  readonly names?: Partial<typeof LOCAL_NAMES>;
  /** Queue semantics (batch size, window, visibility timeout, maxReceiveCount). @default - LocalQueue defaults */
  readonly queue?: Omit<LocalQueueProps, 'name' | 'deadLetterFile'>;
  /** Timeout of the fake Lambda context. @default 30_000 */
  readonly functionTimeoutMs?: number;
  /** Builds the SQS handler, run on the main thread. @default - the deployed handler, functions/ingest createHandler, on `handlerThreads` threads */
  readonly handler?: HandlerFactory;
  /**
   * Worker threads running the deployed handler (Lambda instances) when `handler` is not given;
   * 0 runs it on the main thread. Batches run concurrently on each thread either way.
   * @default - the queue's concurrency (2), at most one less than the cores (1 on 2 cores: s3rver and dynalite need the other)
   */
  readonly handlerThreads?: number;
  /**
   * URL of a module exporting `handlerFactory` (a HandlerFactory), built on each handler thread
   * instead of the deployed handler (e.g. a handler wrapped with instrumentation or faults).
   * @default - local/wiring.ts defaultHandlerFactory
   */
  readonly handlerModule?: string;
  /** Powertools log level of the handler. @default 'WARN' */
  readonly logLevel?: HandlerWiring['logLevel'];
  /** Start consuming the queue at once. @default true */
  readonly consume?: boolean;
  /** Reconcile bucket against table on start. @default true */
  readonly reconcileOnStart?: boolean;
}

/** What the stack reports per processed notification, for the console. */
export interface ProcessedEvent {
  readonly action: 'created' | 'removed';
  readonly bucket: string;
  readonly key: string;
  readonly articleId: string;
  readonly outcome: MessageSettled['outcome'];
  /** When the notification was enqueued (epoch ms). */
  readonly sentAt: number;
  readonly ms: number;
  readonly error?: string;
}

export interface LocalStackDescription {
  readonly endpoints: { readonly s3: string; readonly dynamodb: string; readonly sqs: string };
  readonly region: string;
  readonly credentials: typeof S3RVER_CREDENTIALS;
  readonly rawBucket: string;
  readonly bodiesBucket: string;
  readonly tableName: string;
  readonly queueName: string;
  readonly queueUrl: string;
  readonly dataDir: string | null;
  readonly pid: number;
}

export class LocalStack extends EventEmitter {
  public readonly sequencer = new Sequencer();
  public readonly names: typeof LOCAL_NAMES;
  public queue!: LocalQueue;
  public clients!: LocalClients;
  public s3Server!: RunningServer;
  public dynamoServer!: RunningServer;
  public sqsEndpoint!: RunningSqsEndpoint;
  private handlerThreads: HandlerThreads | undefined;
  private spawnedHandlerThreads: SpawnedHandlerThreads | undefined;
  /** What the start-up reconciliation re-enqueued. */
  public lastReconciliation: readonly Reconciliation[] = [];
  private tempDir: string | undefined;
  private stopped = false;

  private constructor(private readonly props: LocalStackProps) {
    super();
    this.names = { ...LOCAL_NAMES, ...props.names };
  }

  /** Wipe what a stack keeps in `dataDir` (and nothing else that may live there). */
  public static reset(dataDir: string): void {
    for (const entry of Object.values(DATA_DIR_ENTRIES)) rmSync(path.join(dataDir, entry), { recursive: true, force: true });
  }

  public static async start(props: LocalStackProps = {}): Promise<LocalStack> {
    const stack = new LocalStack(props);
    try {
      await stack.boot();
    } catch (err) {
      await stack.stop().catch(() => undefined);
      throw err;
    }
    return stack;
  }

  public describe(): LocalStackDescription {
    return {
      endpoints: { s3: this.s3Server.endpoint, dynamodb: this.dynamoServer.endpoint, sqs: this.sqsEndpoint.endpoint },
      region: LOCAL_REGION,
      credentials: { ...S3RVER_CREDENTIALS },
      rawBucket: this.names.rawBucket,
      bodiesBucket: this.names.bodiesBucket,
      tableName: this.names.tableName,
      queueName: this.names.queueName,
      queueUrl: this.sqsEndpoint.queueUrl,
      dataDir: this.props.dataDir ?? null,
      pid: process.pid,
    };
  }

  /** Enqueue the notification for one change (what S3 -> SQS does). */
  public notify(change: S3Change): string {
    return this.queue.send(toSqsMessageBody(change));
  }

  /** Re-find work lost by an earlier process and enqueue it; returns what was enqueued. */
  public async reconcile(prefix?: string): Promise<Reconciliation[]> {
    const found = await reconcile({
      s3: this.clients.s3,
      ddb: this.clients.ddb,
      rawBucket: this.names.rawBucket,
      tableName: this.names.tableName,
      articleIdOf,
      ...(prefix ? { prefix } : {}),
    });
    for (const r of found) {
      if (r.kind === 'created') {
        this.notify({ kind: 'Put', bucket: this.names.rawBucket, key: r.object.key, size: r.object.size, eTag: r.object.eTag, sequencer: this.sequencer.next() });
      } else {
        this.notify({ kind: 'Delete', bucket: this.names.rawBucket, key: r.key, sequencer: this.sequencer.next() });
      }
    }
    return found;
  }

  /** Attach the handler and start delivering (when started with consume: false). */
  public async startConsuming(): Promise<void> {
    const logLevel = this.props.logLevel ?? 'WARN';
    const timeoutMs = this.props.functionTimeoutMs ?? 30_000;
    if (this.handlerThreadCount() > 0) {
      this.spawnedHandlerThreads ??= spawnHandlerThreads(this.handlerThreadCount());
      this.handlerThreads ??= await this.spawnedHandlerThreads.configure({
        endpoints: { s3: this.s3Server.endpoint, dynamodb: this.dynamoServer.endpoint },
        names: { rawBucket: this.names.rawBucket, bodiesBucket: this.names.bodiesBucket, tableName: this.names.tableName },
        logLevel,
        timeoutMs,
        ...(this.props.handlerModule ? { handlerModule: this.props.handlerModule } : {}),
      });
      this.queue.start(this.handlerThreads.consumer);
      return;
    }
    const factory = this.props.handler ?? defaultHandlerFactory;
    const handler = await factory({ clients: this.clients, names: this.names, logLevel });
    this.queue.start((event: SQSEvent) => handler(event, fakeLambdaContext({ timeoutMs })) as Promise<SQSBatchResponse | void>);
  }

  /** OS ids of the stack's threads (null where unknown), for per-thread CPU (local/thread-cpu.ts). */
  public threadIds(): { readonly main: number | null; readonly s3rver: number | null; readonly dynalite: number | null; readonly handlers: ReadonlyArray<number | null> } {
    return {
      main: osThreadId(),
      s3rver: this.s3Server.threadId ?? null,
      dynalite: this.dynamoServer.threadId ?? null,
      handlers: this.handlerThreads?.threadIds ?? [],
    };
  }

  /** Resolves when every enqueued message is processed or dead-lettered. */
  public drain(): Promise<void> {
    return this.queue.drain();
  }

  /** Stop delivering (in-flight batches finish), then close the servers. Idempotent. */
  public async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.queue?.stop();
    await this.spawnedHandlerThreads?.close();
    // Clients first: their keep-alive sockets would otherwise hold the servers open.
    this.clients?.s3.destroy();
    this.clients?.ddb.destroy();
    this.clients?.dynamo.destroy();
    await Promise.allSettled([this.sqsEndpoint?.close(), this.s3Server?.close(), this.dynamoServer?.close()]);
    if (this.tempDir) rmSync(this.tempDir, { recursive: true, force: true });
  }

  private async boot(): Promise<void> {
    const { dataDir, ports = {} } = this.props;
    const root = dataDir ?? (this.tempDir = mkdtempSync(path.join(tmpdir(), 'articles-local-')));
    this.queue = new LocalQueue({
      ...this.props.queue,
      name: this.names.queueName,
      ...(dataDir ? { deadLetterFile: path.join(dataDir, DATA_DIR_ENTRIES.deadLetters) } : {}),
    });
    this.queue.on('settled', (s: MessageSettled) => this.report(s));
    // The handler threads load their modules while the servers start.
    if (this.handlerThreadCount() > 0) this.spawnedHandlerThreads = spawnHandlerThreads(this.handlerThreadCount());

    // dynalite and s3rver each on their own thread, so they use the second core while the main
    // thread runs the queue, the handler and the cleaner (ensureTable below waits for ACTIVE, as a
    // dynalite worker requires). Both start at once; whichever started is closed by stop() if the other failed.
    const [dynamo, s3] = await Promise.allSettled([
      startDynamoServer({
        ...(dataDir ? { directory: path.join(dataDir, DATA_DIR_ENTRIES.dynamodb) } : {}),
        port: ports.dynamodb ?? 0,
        worker: true,
      }),
      startS3ServerThread({
        directory: path.join(root, DATA_DIR_ENTRIES.s3),
        port: ports.s3 ?? 0,
        sequencer: () => this.sequencer.next(),
        onChange: (change) => {
          if (change.bucket === this.names.rawBucket) this.notify(change);
        },
      }),
    ]);
    if (dynamo.status === 'fulfilled') this.dynamoServer = dynamo.value;
    if (s3.status === 'fulfilled') this.s3Server = s3.value;
    if (dynamo.status === 'rejected') throw dynamo.reason;
    if (s3.status === 'rejected') throw s3.reason;
    this.sqsEndpoint = await startSqsEndpoint({ queue: this.queue, port: ports.sqs ?? 0 });
    this.clients = createLocalClients({ s3: this.s3Server.endpoint, dynamodb: this.dynamoServer.endpoint });

    // Like S3 when a notification configuration is first put on a bucket: one s3:TestEvent.
    if (await ensureBucket(this.clients.s3, this.names.rawBucket)) this.queue.send(testEventBody(this.names.rawBucket));
    await ensureBucket(this.clients.s3, this.names.bodiesBucket);
    await ensureTable(this.clients.dynamo, this.names.tableName);

    if (this.props.consume ?? true) await this.startConsuming();
    if (this.props.reconcileOnStart ?? true) {
      this.lastReconciliation = await this.reconcile();
    }
  }

  /** Threads running the deployed handler: none when a handler factory is injected. */
  private handlerThreadCount(): number {
    if (this.props.handler) return 0;
    return this.props.handlerThreads ?? Math.min(this.queue.concurrency, Math.max(1, availableParallelism() - 1));
  }

  /** Per-key 'processed' events for one settled message; any body (even poison) is tolerated. */
  private report(s: MessageSettled): void {
    for (const r of notificationRecords(s.message.body)) {
      const bucket = typeof r.s3?.bucket?.name === 'string' ? r.s3.bucket.name : '';
      const rawKey = typeof r.s3?.object?.key === 'string' ? r.s3.object.key : '';
      let key: string;
      try {
        key = decodeS3EventKey(rawKey);
      } catch {
        key = rawKey; // not valid URL encoding: report it as it came
      }
      const event: ProcessedEvent = {
        action: typeof r.eventName === 'string' && r.eventName.startsWith('ObjectRemoved:') ? 'removed' : 'created',
        bucket,
        key,
        articleId: articleIdOf(bucket, key),
        outcome: s.outcome,
        sentAt: s.message.sentAt,
        ms: Date.now() - s.message.sentAt,
        ...(s.error ? { error: s.error } : {}),
      };
      this.emit('processed', event);
    }
  }
}

interface LooseRecord {
  readonly eventName?: unknown;
  readonly s3?: { readonly bucket?: { readonly name?: unknown }; readonly object?: { readonly key?: unknown } };
}

/** The object records of an SQS body, or none when it is not an S3 notification. */
function notificationRecords(body: string): LooseRecord[] {
  try {
    const parsed = JSON.parse(body) as { Records?: unknown } | null;
    const records = parsed?.Records;
    return Array.isArray(records) ? records.filter((r): r is LooseRecord => typeof r === 'object' && r !== null) : [];
  } catch {
    return [];
  }
}
