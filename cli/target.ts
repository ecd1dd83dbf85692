/**
 * Where the `articles` commands act: the local stack (`npm start`, found through
 * <data-dir>/endpoints.json or explicit --*-endpoint flags) or a deployed stack (`--stack NAME`,
 * names read from its CloudFormation outputs with the user's credentials).
 */
import path from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createClients } from '../functions/shared/clients.ts';
import { DEFAULT_DATA_DIR, isAlive, readEndpointsFile } from '../local/endpoints-file.ts';
import { LOCAL_REGION } from '../local/notifications.ts';
import { S3RVER_CREDENTIALS } from '../local/s3-server.ts';
import { DEFAULT_PORTS, LOCAL_NAMES } from '../local/stack.ts';
import { ArticleReader } from '../reader/index.ts';
import { CliError } from './errors.ts';

/** CloudFormation output keys of the deployed stack (lib/article-ingest-stack.ts OUTPUT_KEYS; a test pins them equal). */
export const STACK_OUTPUT_KEYS = {
  rawBucketName: 'RawBucketName',
  bodiesBucketName: 'BodiesBucketName',
  tableName: 'TableName',
  queueUrl: 'QueueUrl',
  dlqUrl: 'DlqUrl',
} as const;

/** Options every command that talks to a stack accepts (for node:util parseArgs). */
export const TARGET_OPTIONS = {
  stack: { type: 'string' },
  region: { type: 'string' },
  'data-dir': { type: 'string' },
  's3-endpoint': { type: 'string' },
  'dynamodb-endpoint': { type: 'string' },
  'sqs-endpoint': { type: 'string' },
} as const;

export const TARGET_USAGE = '[--stack NAME [--region R] | --data-dir DIR | --s3-endpoint URL --dynamodb-endpoint URL --sqs-endpoint URL]';

export interface TargetFlags {
  readonly stack?: string | undefined;
  readonly region?: string | undefined;
  readonly 'data-dir'?: string | undefined;
  readonly 's3-endpoint'?: string | undefined;
  readonly 'dynamodb-endpoint'?: string | undefined;
  readonly 'sqs-endpoint'?: string | undefined;
}

export interface Target {
  readonly kind: 'local' | 'aws';
  /** "local (http://127.0.0.1:4569)" or "stack NAME". */
  readonly label: string;
  readonly s3: S3Client;
  readonly ddb: DynamoDBDocumentClient;
  readonly sqs: SQSClient;
  readonly rawBucket: string;
  readonly bodiesBucket: string;
  readonly tableName: string;
  readonly queueUrl: string;
  readonly reader: ArticleReader;
  close(): void;
}

function build(kind: Target['kind'], label: string, parts: Omit<Target, 'kind' | 'label' | 'reader' | 'close'>): Target {
  const reader = new ArticleReader({ ddb: parts.ddb, s3: parts.s3, tableName: parts.tableName, bodiesBucket: parts.bodiesBucket });
  return {
    kind,
    label,
    ...parts,
    reader,
    close() {
      parts.s3.destroy();
      parts.ddb.destroy();
      parts.sqs.destroy();
    },
  };
}

/** The deployed stack's output values by key (read with the caller's AWS credentials). */
export async function stackOutputs(stackName: string, region: string | undefined): Promise<Record<string, string>> {
  const cfn = new CloudFormationClient(region ? { region } : {});
  try {
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
    const outputs: Record<string, string> = {};
    for (const o of Stacks?.[0]?.Outputs ?? []) if (o.OutputKey && o.OutputValue) outputs[o.OutputKey] = o.OutputValue;
    return outputs;
  } catch (cause) {
    throw new CliError(`cannot read stack ${JSON.stringify(stackName)}: ${(cause as Error).message}`, 1, { cause });
  } finally {
    cfn.destroy();
  }
}

async function awsTarget(stackName: string, region: string | undefined): Promise<Target> {
  const outputs = await stackOutputs(stackName, region);
  const need = (key: string): string => {
    const value = outputs[key];
    if (!value) throw new CliError(`stack ${JSON.stringify(stackName)} has no ${key} output (is it the article-ingest stack?)`);
    return value;
  };
  const clients = createClients(region ? { region } : {});
  return build('aws', `stack ${stackName}`, {
    ...clients,
    sqs: new SQSClient(region ? { region } : {}),
    rawBucket: need(STACK_OUTPUT_KEYS.rawBucketName),
    bodiesBucket: need(STACK_OUTPUT_KEYS.bodiesBucketName),
    tableName: need(STACK_OUTPUT_KEYS.tableName),
    queueUrl: need(STACK_OUTPUT_KEYS.queueUrl),
  });
}

function localTarget(flags: TargetFlags): Target {
  const explicit = flags['s3-endpoint'] ?? flags['dynamodb-endpoint'] ?? flags['sqs-endpoint'];
  const dataDir = path.resolve(flags['data-dir'] ?? DEFAULT_DATA_DIR);
  const file = explicit ? undefined : readEndpointsFile(dataDir);
  if (!explicit && (!file || !isAlive(file.pid))) {
    throw new CliError(`no local stack is running for ${dataDir} (start one with \`npm start\`, or pass --stack NAME for a deployed stack)`);
  }
  const loopback = (port: number): string => `http://127.0.0.1:${port}`;
  const endpoints = {
    s3: flags['s3-endpoint'] ?? file?.endpoints.s3 ?? loopback(DEFAULT_PORTS.s3),
    dynamodb: flags['dynamodb-endpoint'] ?? file?.endpoints.dynamodb ?? loopback(DEFAULT_PORTS.dynamodb),
    sqs: flags['sqs-endpoint'] ?? file?.endpoints.sqs ?? loopback(DEFAULT_PORTS.sqs),
  };
  const clients = createClients({
    endpoints,
    region: LOCAL_REGION,
    credentials: { ...S3RVER_CREDENTIALS },
    forcePathStyle: true,
    maxAttempts: 2,
  });
  const queueName = file?.queueName ?? LOCAL_NAMES.queueName;
  return build('local', `local (${endpoints.s3})`, {
    ...clients,
    sqs: new SQSClient({ endpoint: endpoints.sqs, region: LOCAL_REGION, credentials: { ...S3RVER_CREDENTIALS }, maxAttempts: 2 }),
    rawBucket: file?.rawBucket ?? LOCAL_NAMES.rawBucket,
    bodiesBucket: file?.bodiesBucket ?? LOCAL_NAMES.bodiesBucket,
    tableName: file?.tableName ?? LOCAL_NAMES.tableName,
    queueUrl: file?.queueUrl ?? `${endpoints.sqs}/000000000000/${queueName}`,
  });
}

/** Resolve the target from the flags (local unless --stack). */
export async function resolveTarget(flags: TargetFlags): Promise<Target> {
  const localFlags = flags['data-dir'] ?? flags['s3-endpoint'] ?? flags['dynamodb-endpoint'] ?? flags['sqs-endpoint'];
  if (flags.stack !== undefined && localFlags !== undefined) {
    throw new CliError('--stack cannot be combined with --data-dir or --*-endpoint', 2);
  }
  return flags.stack !== undefined ? awsTarget(flags.stack, flags.region) : localTarget(flags);
}

/** Turn an SDK connection failure into one clear line. */
export function explainTargetError(err: unknown, target: Target): never {
  if (err instanceof CliError) throw err;
  const e = err as { name?: string; code?: string; message?: string };
  const refused = e.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(String(e.message));
  if (refused && target.kind === 'local') {
    throw new CliError(`cannot reach the local stack at ${target.label} (is \`npm start\` running?)`, 1, { cause: err });
  }
  throw new CliError(`${target.label}: ${e.name ?? 'Error'}: ${e.message ?? String(err)}`, 1, { cause: err });
}
