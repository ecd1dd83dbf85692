/**
 * Cost model of the ingest pipeline per million articles, from measured figures plus explicit,
 * overridable assumptions. Pure arithmetic (tested in test/bench): no AWS calls.
 *
 * Prices: AWS public list prices, us-east-1, Lambda on arm64 (Graviton), S3 Standard, SQS
 * standard queue, DynamoDB on-demand. Free tiers are ignored. Re-check the pricing pages before
 * quoting these figures: they were NOT re-verified from this (offline) machine.
 */

/** When the prices below were taken from the public pricing pages. */
export const PRICES_AS_OF = '2025-06';
/** Lambda arm64 duration, first 6 billion GB-seconds per month tier (USD per GB-second). */
export const LAMBDA_ARM64_USD_PER_GB_SECOND = 0.0000133334;
/** Lambda requests (USD per million invocations). */
export const LAMBDA_USD_PER_MILLION_REQUESTS = 0.2;
/** SQS standard queue requests, first 100 billion per month (USD per million; 64 KB chunk = 1 request). */
export const SQS_STANDARD_USD_PER_MILLION_REQUESTS = 0.4;
/** S3 Standard PUT, COPY, POST, LIST (USD per 1,000 requests). */
export const S3_PUT_USD_PER_THOUSAND = 0.005;
/** S3 Standard GET, SELECT and others (USD per 1,000 requests). */
export const S3_GET_USD_PER_THOUSAND = 0.0004;
/** DynamoDB on-demand write request units (USD per million WRU), price since 2024-11-01. */
export const DYNAMODB_USD_PER_MILLION_WRU = 0.625;
/** CloudWatch Logs standard ingestion (USD per GB). */
export const CLOUDWATCH_LOGS_USD_PER_GB = 0.5;
/** Lambda gives one full vCPU at this memory size; below it, CPU time stretches proportionally. */
export const LAMBDA_FULL_VCPU_MB = 1769;

/** What the model needs; every assumption is a named field so a caller can override it. */
export interface CostInputs {
  /** Articles in the estimate. @default 1_000_000 */
  readonly articles: number;
  /** SQS -> Lambda batch size (records per invocation). */
  readonly batchSize: number;
  /** Lambda memory (MB). */
  readonly memoryMB: number;
  /** Measured CPU time per article on this machine (ms): 1000 / handler articles per second. */
  readonly cpuMsPerArticle: number;
  /**
   * Factor from this machine's single core to the Lambda's CPU share. Default: 1769 / memoryMB
   * when below one vCPU (Lambda's CPU share is proportional to memory), else 1.
   */
  readonly cpuSlowdown?: number;
  /** ASSUMED network latency per article (S3 GetObject + DynamoDB PutItem round trips, ms). */
  readonly ioMsPerArticle: number;
  /** Records of one batch whose I/O overlaps (1 = processed one after another). */
  readonly ioConcurrency: number;
  /** S3 PUT requests per article (the upload, plus any body object the handler writes). */
  readonly s3PutsPerArticle: number;
  /** S3 GET requests per article (the handler's GetObject). */
  readonly s3GetsPerArticle: number;
  /** Average marshalled DynamoDB item size (bytes) of one article record. */
  readonly itemBytes: number;
  /**
   * Measured mean of ceil(itemBytes / 1 KB) over records (more exact than rounding the mean size).
   * @default - ceil(itemBytes / 1 KB)
   */
  readonly wruPerWriteAvg?: number;
  /** Global secondary indexes written with each item. */
  readonly gsiCount: number;
  /**
   * WRU of one index entry: the indexes project keys + SUMMARY_ATTRIBUTES (lib/table-schema.ts),
   * a few hundred bytes, so 1 unless titles or keys run past 1 KB.
   * @default 1
   */
  readonly gsiWruPerWrite?: number;
  /** Bytes the function logs per article (structured logs + EMF metrics). @default 0 */
  readonly logBytesPerArticle?: number;
}

export interface CostBreakdown {
  readonly invocations: number;
  /** Billed duration of one invocation (ms, rounded up to 1 ms like Lambda). */
  readonly billedMsPerInvocation: number;
  readonly gbSeconds: number;
  readonly lambdaDurationUSD: number;
  readonly lambdaRequestsUSD: number;
  readonly sqsRequests: number;
  readonly sqsUSD: number;
  readonly s3Puts: number;
  readonly s3Gets: number;
  readonly s3PutUSD: number;
  readonly s3GetUSD: number;
  readonly s3USD: number;
  /** Lambda + SQS + S3 requests: the per-million figure the bench reports as costPerMillionUSD. */
  readonly totalUSD: number;
  /** DynamoDB, stated apart: WRU per item = ceil(itemBytes / 1 KB) + gsiCount x gsiWruPerWrite. */
  readonly wruPerItem: number;
  readonly dynamoWRU: number;
  readonly dynamoUSD: number;
  /** CloudWatch Logs ingestion of the function's logs, stated apart. */
  readonly logGB: number;
  readonly logsUSD: number;
  /** Everything above: Lambda + SQS + S3 + DynamoDB + logs. */
  readonly totalWithDynamoUSD: number;
}

export const DEFAULT_IO_MS_PER_ARTICLE = 30;

/** The default slowdown: Lambda below 1769 MB gets a proportional fraction of one vCPU. */
export function defaultCpuSlowdown(memoryMB: number): number {
  return memoryMB >= LAMBDA_FULL_VCPU_MB ? 1 : LAMBDA_FULL_VCPU_MB / memoryMB;
}

/** DynamoDB write units of one item write: 1 WRU per started 1 KB. */
export function wruPerWrite(itemBytes: number): number {
  return Math.max(1, Math.ceil(itemBytes / 1024));
}

export function estimateCost(inputs: CostInputs): CostBreakdown {
  const { articles, batchSize, memoryMB } = inputs;
  if (!(batchSize >= 1)) throw new RangeError(`batchSize must be >= 1, got ${batchSize}`);
  if (!(inputs.ioConcurrency >= 1)) throw new RangeError(`ioConcurrency must be >= 1, got ${inputs.ioConcurrency}`);
  const slowdown = inputs.cpuSlowdown ?? defaultCpuSlowdown(memoryMB);
  const invocations = Math.ceil(articles / batchSize);
  const cpuMs = batchSize * inputs.cpuMsPerArticle * slowdown;
  const ioMs = (batchSize * inputs.ioMsPerArticle) / inputs.ioConcurrency;
  const billedMsPerInvocation = Math.ceil(cpuMs + ioMs);
  const gbSeconds = invocations * (billedMsPerInvocation / 1000) * (memoryMB / 1024);
  const lambdaDurationUSD = gbSeconds * LAMBDA_ARM64_USD_PER_GB_SECOND;
  const lambdaRequestsUSD = (invocations / 1e6) * LAMBDA_USD_PER_MILLION_REQUESTS;
  // One SendMessage per object (S3 notification), one ReceiveMessage and one DeleteMessageBatch
  // per batch. Idle long-polling by the event source mapping is not counted.
  const sqsRequests = articles + 2 * invocations;
  const sqsUSD = (sqsRequests / 1e6) * SQS_STANDARD_USD_PER_MILLION_REQUESTS;
  const s3Puts = articles * inputs.s3PutsPerArticle;
  const s3Gets = articles * inputs.s3GetsPerArticle;
  const s3PutUSD = (s3Puts / 1000) * S3_PUT_USD_PER_THOUSAND;
  const s3GetUSD = (s3Gets / 1000) * S3_GET_USD_PER_THOUSAND;
  const s3USD = s3PutUSD + s3GetUSD;
  const totalUSD = lambdaDurationUSD + lambdaRequestsUSD + sqsUSD + s3USD;
  const wruPerItem = (inputs.wruPerWriteAvg ?? wruPerWrite(inputs.itemBytes)) + inputs.gsiCount * (inputs.gsiWruPerWrite ?? 1);
  const dynamoWRU = articles * wruPerItem;
  const dynamoUSD = (dynamoWRU / 1e6) * DYNAMODB_USD_PER_MILLION_WRU;
  const logGB = (articles * (inputs.logBytesPerArticle ?? 0)) / 1e9;
  const logsUSD = logGB * CLOUDWATCH_LOGS_USD_PER_GB;
  return {
    invocations,
    billedMsPerInvocation,
    gbSeconds,
    lambdaDurationUSD,
    lambdaRequestsUSD,
    sqsRequests,
    sqsUSD,
    s3Puts,
    s3Gets,
    s3PutUSD,
    s3GetUSD,
    s3USD,
    totalUSD,
    wruPerItem,
    dynamoWRU,
    dynamoUSD,
    logGB,
    logsUSD,
    totalWithDynamoUSD: totalUSD + dynamoUSD + logsUSD,
  };
}
