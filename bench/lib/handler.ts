/**
 * The handler path, CPU only: SQS batches of S3 notifications through the real
 * `createHandler(deps)` (parse -> GetObject -> decode -> clean -> marshal -> PutItem), with the SDK
 * clients mocked by aws-sdk-client-mock: GetObject answers with an sdkStreamMixin body made from a
 * corpus page, the DynamoDB document commands resolve at once. The mock of PutCommand marshals
 * the item with the client's options (what lib-dynamodb would do before sending), so the marshal
 * cost is in the figure and the item size is measured.
 */
import { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { sdkStreamMixin } from '@smithy/util-stream';
import { mockClient } from 'aws-sdk-client-mock';
import type { Context, SQSEvent } from 'aws-lambda';
import { captureStdout } from './capture.ts';
import { wruPerWrite } from './cost.ts';
import { itemSize, type AttributeValueLike } from './item-size.ts';
import { loadPart } from './load.ts';
import { median } from './stats.ts';

export const BENCH_RAW_BUCKET = 'bench-raw';
export const BENCH_TABLE = 'bench-articles';
export const BENCH_BODIES_BUCKET = 'bench-bodies';
/** Same options as functions/shared/clients.ts passes to DynamoDBDocumentClient.from(). */
const MARSHALL_OPTIONS = { removeUndefinedValues: true, convertEmptyValues: false } as const;

export interface HandlerOptions {
  readonly batchSize: number;
  readonly runs: number;
  readonly warmupRuns: number;
  /**
   * The cleaner alone, run on the same pages right after each handler pass, so the CPU the
   * handler spends beyond clean() is measured under the same machine load.
   * @default - not measured
   */
  readonly clean?: (text: string) => unknown;
}

export interface HandlerResult {
  readonly transport: HandlerTransport;
  readonly batchSize: number;
  readonly articlesPerRun: number;
  readonly runs: number;
  readonly runMs: readonly number[];
  readonly articlesPerSec: number;
  /** Articles per CPU-second of the process (user + system): less sensitive to a busy machine. */
  readonly articlesPerCpuSec: number;
  /** 1000 / articlesPerSec: wall time of one article on one core of this machine (ms). */
  readonly wallMsPerArticle: number;
  /** 1000 / articlesPerCpuSec: CPU time of one article (ms); what the cost model uses. */
  readonly cpuMsPerArticle: number;
  readonly batchItemFailures: number;
  readonly itemBytesAvg: number;
  readonly itemBytesMax: number;
  /** Mean over records of ceil(size / 1 KB): the table write units of one record write. */
  readonly wruPerWriteAvg: number;
  readonly s3GetsPerArticle: number;
  /** Average bytes of each top-level attribute of the record (largest first). */
  readonly itemAttributeBytes: Readonly<Record<string, number>>;
  /** PutObject calls (large bodies) per article. */
  readonly s3PutsPerArticle: number;
  readonly ddbPutsPerArticle: number;
  readonly ddbOtherCallsPerArticle: number;
  /** Median over runs of (handler CPU - clean() CPU on the same pages) per article (ms); null when not measured. */
  readonly cpuMsBeyondCleanPerArticle: number | null;
  /** Bytes the handler wrote to stdout (structured logs, EMF metrics) per article. */
  readonly logBytesPerArticle: number;
}

type SqsHandler = (event: SQSEvent, context: Context) => Promise<{ batchItemFailures?: unknown[] } | void>;

interface IngestModule {
  createHandler: (deps: unknown) => SqsHandler;
}
interface ClientsModule {
  createClients: (opts?: unknown) => { s3: S3Client; ddb: DynamoDBDocumentClient };
}

/** A Lambda context that never times out (middy reads getRemainingTimeInMillis). */
export function benchContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'bench-ingest',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:bench-ingest',
    memoryLimitInMB: '1024',
    awsRequestId: 'bench',
    logGroupName: '/aws/lambda/bench-ingest',
    logStreamName: 'bench',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** S3 encodes event keys like a URL query, spaces as "+". */
function encodeEventKey(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+');
}

/** One SQS event of `keys` (one S3 ObjectCreated:Put notification per message). */
export function sqsEventFor(keys: readonly string[], sizes: readonly number[], firstSequence: number): SQSEvent {
  return {
    Records: keys.map((key, i) => ({
      messageId: `m-${firstSequence + i}`,
      receiptHandle: `r-${firstSequence + i}`,
      body: JSON.stringify({
        Records: [{
          eventVersion: '2.1',
          eventSource: 'aws:s3',
          awsRegion: 'us-east-1',
          eventTime: '2026-01-01T00:00:00.000Z',
          eventName: 'ObjectCreated:Put',
          s3: {
            s3SchemaVersion: '1.0',
            configurationId: 'bench',
            bucket: { name: BENCH_RAW_BUCKET, arn: `arn:aws:s3:::${BENCH_RAW_BUCKET}` },
            object: { key: encodeEventKey(key), size: sizes[i] ?? 0, eTag: 'bench', sequencer: (firstSequence + i).toString(16).toUpperCase().padStart(16, '0') },
          },
        }],
      }),
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1767225600000',
        SenderId: 'bench',
        ApproximateFirstReceiveTimestamp: '1767225600000',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:bench',
      awsRegion: 'us-east-1',
    })),
  };
}

/** How the SDK clients are faked. */
export type HandlerTransport =
  /** aws-sdk-client-mock on the clients' send(): no SDK middleware runs (the headline figure). */
  | 'mock'
  /** The real SDK middleware (serialise, sign, retry, deserialise) over a stub HTTP handler. */
  | 'stub-http';

interface Counters {
  s3Gets: number;
  s3Puts: number;
  ddbPuts: number;
  ddbOther: number;
}

interface Fakes {
  readonly counters: Counters;
  /** Called with each marshalled item written. */
  onItem: (item: Record<string, AttributeValueLike>) => void;
  restore(): void;
}

function installMocks(clients: { s3: S3Client; ddb: DynamoDBDocumentClient }, byKey: ReadonlyMap<string, Buffer>): Fakes {
  const s3 = mockClient(clients.s3);
  const ddb = mockClient(clients.ddb);
  const fakes: Fakes = {
    counters: { s3Gets: 0, s3Puts: 0, ddbPuts: 0, ddbOther: 0 },
    onItem: () => undefined,
    restore: () => {
      s3.restore();
      ddb.restore();
    },
  };
  const c = fakes.counters;
  s3.on(GetObjectCommand).callsFake((input: { Key?: string }) => {
    c.s3Gets++;
    const body = byKey.get(input.Key ?? '') ?? Buffer.alloc(0);
    return { Body: sdkStreamMixin(Readable.from([body])), ContentLength: body.length, ETag: '"bench"', ContentType: 'text/plain' };
  });
  s3.on(HeadObjectCommand).callsFake((input: { Key?: string }) => ({ ContentLength: byKey.get(input.Key ?? '')?.length ?? 0, ETag: '"bench"' }));
  s3.on(PutObjectCommand).callsFake(() => {
    c.s3Puts++;
    return { ETag: '"bench"' };
  });
  ddb.on(PutCommand).callsFake((input: { Item?: Record<string, unknown> }) => {
    c.ddbPuts++;
    // What lib-dynamodb does before sending (the mock replaces send, so do it here).
    fakes.onItem(marshall(input.Item ?? {}, MARSHALL_OPTIONS) as Record<string, AttributeValueLike>);
    return {};
  });
  for (const command of [GetCommand, UpdateCommand, DeleteCommand]) {
    ddb.on(command as typeof GetCommand).callsFake(() => {
      c.ddbOther++;
      return {};
    });
  }
  return fakes;
}

interface RequestLike {
  readonly method: string;
  readonly hostname: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

async function bodyText(body: unknown): Promise<string> {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** Replace the clients' HTTP handler: every SDK middleware still runs, only the socket is fake. */
async function installStubHttp(clients: { s3: S3Client; ddb: DynamoDBDocumentClient }, byKey: ReadonlyMap<string, Buffer>): Promise<Fakes> {
  const { HttpResponse } = await import('@smithy/core/transport');
  const fakes: Fakes = { counters: { s3Gets: 0, s3Puts: 0, ddbPuts: 0, ddbOther: 0 }, onItem: () => undefined, restore: () => undefined };
  const c = fakes.counters;
  const respond = (statusCode: number, headers: Record<string, string>, body: unknown) => ({ response: new HttpResponse({ statusCode, headers, body }) });
  const s3Handler = {
    handle: async (request: RequestLike) => {
      if (request.method === 'GET') {
        c.s3Gets++;
        // Virtual-hosted style: "/<key>"; the bucket is in the hostname.
        const key = decodeURIComponent(request.path.replace(/^\//, ''));
        const body = byKey.get(key) ?? Buffer.alloc(0);
        return respond(200, { 'content-length': String(body.length), etag: '"bench"', 'content-type': 'text/plain' }, Readable.from([body]));
      }
      if (request.method === 'PUT') {
        c.s3Puts++;
        await bodyText(request.body);
        return respond(200, { etag: '"bench"', 'content-length': '0' }, Readable.from([]));
      }
      return respond(200, { 'content-length': '0' }, Readable.from([]));
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
  };
  const ddbHandler = {
    handle: async (request: RequestLike) => {
      const target = request.headers['x-amz-target'] ?? '';
      const text = await bodyText(request.body);
      if (target.endsWith('.PutItem')) {
        c.ddbPuts++;
        fakes.onItem((JSON.parse(text) as { Item: Record<string, AttributeValueLike> }).Item);
      } else {
        c.ddbOther++;
      }
      return respond(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': '2' }, Readable.from([Buffer.from('{}')]));
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
  };
  (clients.s3.config as { requestHandler: unknown }).requestHandler = s3Handler;
  (clients.ddb.config as { requestHandler: unknown }).requestHandler = ddbHandler;
  return fakes;
}

export async function measureHandler(pages: readonly string[], options: HandlerOptions, transport: HandlerTransport = 'mock'): Promise<HandlerResult> {
  const ingest = await loadPart<IngestModule>('ingest handler', 'functions/ingest/index.ts');
  if (typeof ingest.createHandler !== 'function') throw new Error('functions/ingest/index.ts does not export createHandler(deps)');
  const { createClients } = await loadPart<ClientsModule>('SDK clients', 'functions/shared/clients.ts');
  const clients = createClients({ region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });

  const bodies = pages.map((p) => Buffer.from(p, 'utf8'));
  const keys = pages.map((_, i) => `bench/page ${i}.txt`);
  const byKey = new Map(keys.map((k, i) => [k, bodies[i] as Buffer]));
  const itemSizes: number[] = [];
  const attributeBytes = new Map<string, number>();
  const fakes = transport === 'mock' ? installMocks(clients, byKey) : await installStubHttp(clients, byKey);
  // Item sizes are the same on every pass: measure them on the first pass only, so the size
  // arithmetic (bench work, not handler work) stays out of the timed runs.
  let measureItems = true;
  fakes.onItem = (item) => {
    if (!measureItems) return;
    itemSizes.push(itemSize(item));
    for (const [name, value] of Object.entries(item)) {
      attributeBytes.set(name, (attributeBytes.get(name) ?? 0) + itemSize({ [name]: value }));
    }
  };

  const handler = ingest.createHandler({
    clients,
    s3: clients.s3,
    ddb: clients.ddb,
    config: { tableName: BENCH_TABLE, bodiesBucket: BENCH_BODIES_BUCKET, maxObjectBytes: 10 * 1024 * 1024 },
  });
  const context = benchContext();
  const events: SQSEvent[] = [];
  let seq = 1;
  for (let i = 0; i < keys.length; i += options.batchSize) {
    const k = keys.slice(i, i + options.batchSize);
    events.push(sqsEventFor(k, k.map((key) => byKey.get(key)?.length ?? 0), seq));
    seq += k.length;
  }

  let failures = 0;
  const runMs: number[] = [];
  const runCpuMs: number[] = [];
  const overheadCpuMs: number[] = [];
  const pass = async (): Promise<void> => {
    for (const e of events) {
      const res = await handler(e, context);
      failures += res?.batchItemFailures?.length ?? 0;
    }
    measureItems = false;
  };
  // The handler logs (Powertools Logger, EMF metrics) to stdout: keep the formatting work, which
  // Lambda pays for too, but count the bytes instead of printing them.
  const stdout = captureStdout({ stderr: true });
  let logBytes = 0;
  try {
    for (let w = 0; w < options.warmupRuns; w++) await pass();
    Object.assign(fakes.counters, { s3Gets: 0, s3Puts: 0, ddbPuts: 0, ddbOther: 0 });
    failures = 0;
    stdout.reset();
    for (let r = 0; r < options.runs; r++) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await pass();
      runMs.push(performance.now() - t0);
      const cpu = process.cpuUsage(cpu0);
      runCpuMs.push((cpu.user + cpu.system) / 1000);
      if (options.clean) {
        const c0 = process.cpuUsage();
        for (const p of pages) options.clean(p);
        const c = process.cpuUsage(c0);
        overheadCpuMs.push((cpu.user + cpu.system - c.user - c.system) / 1000 / keys.length);
      }
    }
    logBytes = stdout.bytes();
  } finally {
    stdout.restore();
  }
  const articles = keys.length * options.runs;
  const articlesPerSec = (keys.length * 1000) / median(runMs);
  const result: HandlerResult = {
    transport,
    batchSize: options.batchSize,
    articlesPerRun: keys.length,
    runs: options.runs,
    runMs,
    articlesPerSec,
    articlesPerCpuSec: (keys.length * 1000) / median(runCpuMs),
    wallMsPerArticle: 1000 / articlesPerSec,
    cpuMsPerArticle: median(runCpuMs) / keys.length,
    batchItemFailures: failures,
    itemBytesAvg: itemSizes.length ? itemSizes.reduce((a, b) => a + b, 0) / itemSizes.length : 0,
    itemBytesMax: itemSizes.length ? Math.max(...itemSizes) : 0,
    wruPerWriteAvg: itemSizes.length ? itemSizes.reduce((a, b) => a + wruPerWrite(b), 0) / itemSizes.length : 0,
    itemAttributeBytes: Object.fromEntries(
      [...attributeBytes.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v / Math.max(1, itemSizes.length))]),
    ),
    s3GetsPerArticle: fakes.counters.s3Gets / articles,
    s3PutsPerArticle: fakes.counters.s3Puts / articles,
    ddbPutsPerArticle: fakes.counters.ddbPuts / articles,
    ddbOtherCallsPerArticle: fakes.counters.ddbOther / articles,
    logBytesPerArticle: logBytes / articles,
    cpuMsBeyondCleanPerArticle: overheadCpuMs.length ? median(overheadCpuMs) : null,
  };
  fakes.restore();
  clients.s3.destroy();
  clients.ddb.destroy();
  return result;
}
