/**
 * AWS SDK clients for the ingest path. The ONLY difference between AWS and the local stack is
 * what is passed here (loopback endpoints, static credentials, path-style addressing): there is
 * no `if (local)` anywhere in production code.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Retries per call including the first attempt (SDK default is 3). */
export const DEFAULT_MAX_ATTEMPTS = 4;

export interface ClientOptions {
  /** Endpoint overrides, e.g. `{ s3: 'http://127.0.0.1:4569' }`. @default - the AWS endpoints of the region */
  readonly endpoints?: { readonly s3?: string; readonly dynamodb?: string };
  /** @default - the SDK's region chain (AWS_REGION in Lambda) */
  readonly region?: string;
  /** @default - the SDK's default credential chain (the Lambda role) */
  readonly credentials?: S3ClientConfig['credentials'];
  /** Path-style S3 URLs (`http://host/bucket/key`); needed by s3rver on loopback. @default false */
  readonly forcePathStyle?: boolean;
  /** @default 4 */
  readonly maxAttempts?: number;
}

export interface Clients {
  readonly s3: S3Client;
  readonly ddb: DynamoDBDocumentClient;
}

export function createClients(opts: ClientOptions = {}): Clients {
  const common = {
    ...(opts.region === undefined ? {} : { region: opts.region }),
    ...(opts.credentials === undefined ? {} : { credentials: opts.credentials }),
    maxAttempts: opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: 'standard' as const,
  };
  const s3 = new S3Client({
    ...common,
    ...(opts.endpoints?.s3 === undefined ? {} : { endpoint: opts.endpoints.s3 }),
    forcePathStyle: opts.forcePathStyle ?? false,
    // Only checksum when an API requires it: the default (WHEN_SUPPORTED) sends streamed bodies
    // aws-chunked, which s3rver stores verbatim; on AWS this only drops optional CRC headers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const dynamo = new DynamoDBClient({
    ...common,
    ...(opts.endpoints?.dynamodb === undefined ? {} : { endpoint: opts.endpoints.dynamodb }),
  });
  const ddb = DynamoDBDocumentClient.from(dynamo, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
    unmarshallOptions: { wrapNumbers: false },
  });
  return { s3, ddb };
}
