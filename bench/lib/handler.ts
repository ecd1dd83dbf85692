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
}

export interface HandlerResult {
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
  readonly s3GetsPerArticle: number;
  /** Average bytes of each top-level attribute of the record (largest first). */
  readonly itemAttributeBytes: Readonly<Record<string, number>>;
  /** PutObject calls (large bodies) per article. */
  readonly s3PutsPerArticle: number;
  readonly ddbPutsPerArticle: number;
  readonly ddbOtherCallsPerArticle: number;
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

export async function measureHandler(pages: readonly string[], options: HandlerOptions): Promise<HandlerResult> {
  const ingest = await loadPart<IngestModule>('ingest handler', 'functions/ingest/index.ts');
  if (typeof ingest.createHandler !== 'function') throw new Error('functions/ingest/index.ts does not export createHandler(deps)');
  const { createClients } = await loadPart<ClientsModule>('SDK clients', 'functions/shared/clients.ts');
  const clients = createClients({ region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  const s3 = mockClient(clients.s3);
  const ddb = mockClient(clients.ddb);

  const bodies = pages.map((p) => Buffer.from(p, 'utf8'));
  const keys = pages.map((_, i) => `bench/page ${i}.txt`);
  const byKey = new Map(keys.map((k, i) => [k, bodies[i] as Buffer]));
  const itemSizes: number[] = [];
  const attributeBytes = new Map<string, number>();
  let ddbOther = 0;
  s3.on(GetObjectCommand).callsFake((input: { Key?: string }) => {
    const body = byKey.get(input.Key ?? '') ?? Buffer.alloc(0);
    return { Body: sdkStreamMixin(Readable.from([body])), ContentLength: body.length, ETag: '"bench"', ContentType: 'text/plain' };
  });
  s3.on(HeadObjectCommand).callsFake((input: { Key?: string }) => ({ ContentLength: byKey.get(input.Key ?? '')?.length ?? 0, ETag: '"bench"' }));
  s3.on(PutObjectCommand).resolves({ ETag: '"bench"' });
  ddb.on(PutCommand).callsFake((input: { Item?: Record<string, unknown> }) => {
    const item = marshall(input.Item ?? {}, MARSHALL_OPTIONS) as Record<string, AttributeValueLike>;
    itemSizes.push(itemSize(item));
    for (const [name, value] of Object.entries(item)) {
      attributeBytes.set(name, (attributeBytes.get(name) ?? 0) + itemSize({ [name]: value }));
    }
    return {};
  });
  ddb.on(GetCommand).callsFake(() => { ddbOther++; return {}; });
  ddb.on(UpdateCommand).callsFake(() => { ddbOther++; return {}; });
  ddb.on(DeleteCommand).callsFake(() => { ddbOther++; return {}; });

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
  const pass = async (): Promise<void> => {
    for (const e of events) {
      const res = await handler(e, context);
      failures += res?.batchItemFailures?.length ?? 0;
    }
  };
  // The handler logs (Powertools Logger, EMF metrics) to stdout: keep the formatting work, which
  // Lambda pays for too, but count the bytes instead of printing them.
  const stdout = captureStdout({ stderr: true });
  let logBytes = 0;
  try {
    for (let w = 0; w < options.warmupRuns; w++) await pass();
    s3.resetHistory();
    ddb.resetHistory();
    itemSizes.length = 0;
    attributeBytes.clear();
    ddbOther = 0;
    failures = 0;
    stdout.reset();
    for (let r = 0; r < options.runs; r++) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await pass();
      runMs.push(performance.now() - t0);
      const cpu = process.cpuUsage(cpu0);
      runCpuMs.push((cpu.user + cpu.system) / 1000);
    }
    logBytes = stdout.bytes();
  } finally {
    stdout.restore();
  }
  const articles = keys.length * options.runs;
  const articlesPerSec = (keys.length * 1000) / median(runMs);
  const result: HandlerResult = {
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
    itemAttributeBytes: Object.fromEntries(
      [...attributeBytes.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v / Math.max(1, itemSizes.length))]),
    ),
    s3GetsPerArticle: s3.commandCalls(GetObjectCommand).length / articles,
    s3PutsPerArticle: s3.commandCalls(PutObjectCommand).length / articles,
    ddbPutsPerArticle: ddb.commandCalls(PutCommand).length / articles,
    ddbOtherCallsPerArticle: ddbOther / articles,
    logBytesPerArticle: logBytes / articles,
  };
  s3.restore();
  ddb.restore();
  return result;
}
