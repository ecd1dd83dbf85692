/**
 * The ingest stack's template: what matters for security, durability and wiring, asserted
 * property by property (no snapshot). One synth (with real esbuild bundling) for the file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleIngestStack } from '../../lib/article-ingest-stack.ts';
import { ARTICLES_TABLE, projectedAttributes } from '../../lib/table-schema.ts';
import { SYNTH_TIMEOUT_MS, disposeApp, getAtt, ref, testApp } from './helpers.ts';

type Json = Record<string, any>;

/** Pinned here literally (not imported): changing one replaces a stateful resource. */
const STATEFUL = {
  ArticlesTable: 'AWS::DynamoDB::Table',
  RawArticlesBucket: 'AWS::S3::Bucket',
  BodiesBucket: 'AWS::S3::Bucket',
  AccessLogsBucket: 'AWS::S3::Bucket',
  IngestQueue: 'AWS::SQS::Queue',
  IngestDeadLetterQueue: 'AWS::SQS::Queue',
} as const;

/** Output keys the `articles` CLI reads; a contract, pinned literally. */
const OUTPUTS = ['RawBucketName', 'BodiesBucketName', 'TableName', 'QueueName', 'QueueUrl', 'DlqName', 'DlqUrl'];

let app: ReturnType<typeof testApp>;
let template: Template;
let resources: Record<string, Json>;

/** The ingest function (the template also holds the CDK bucket-notifications handler). */
function ingestFunction(): [string, Json] {
  const found = Object.entries(template.findResources('AWS::Lambda::Function')).filter(([, r]) => r.Properties.Runtime === 'nodejs22.x');
  expect(found, 'exactly one nodejs22.x function').toHaveLength(1);
  return found[0] as [string, Json];
}

function only(type: string): [string, Json] {
  const found = Object.entries(template.findResources(type));
  expect(found, `exactly one ${type}`).toHaveLength(1);
  return found[0] as [string, Json];
}

afterAll(() => disposeApp(app));

beforeAll(() => {
  app = testApp({ bundle: true });
  const stack = new ArticleIngestStack(app, 'ArticleIngest');
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, Json>;
}, SYNTH_TIMEOUT_MS);

describe('stateful resources', () => {
  it('keep their pinned logical IDs, RETAIN on delete and replace', () => {
    for (const [id, type] of Object.entries(STATEFUL)) {
      expect(resources[id]?.Type, id).toBe(type);
    }
    for (const id of ['ArticlesTable', 'RawArticlesBucket', 'BodiesBucket', 'AccessLogsBucket']) {
      expect(resources[id]?.DeletionPolicy, id).toBe('Retain');
      expect(resources[id]?.UpdateReplacePolicy, id).toBe('Retain');
    }
  });
});

describe('buckets', () => {
  const buckets = ['RawArticlesBucket', 'BodiesBucket', 'AccessLogsBucket'];

  it.each(buckets)('%s blocks public access, encrypts (SSE-S3) and disables ACLs', (id) => {
    expect(resources[id]?.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
  });

  it.each(['RawArticlesBucket', 'BodiesBucket'])('%s is versioned, expires old versions and logs access to the log bucket', (id) => {
    expect(resources[id]?.Properties?.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(resources[id]?.Properties?.LifecycleConfiguration?.Rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 }, Status: 'Enabled' }),
        expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 90 }, ExpiredObjectDeleteMarker: true, Status: 'Enabled' }),
      ]),
    );
    expect(resources[id]?.Properties?.LoggingConfiguration).toMatchObject({ DestinationBucketName: ref('AccessLogsBucket') });
  });

  it.each(buckets)('%s has a bucket policy denying non-TLS and TLS < 1.2', (id) => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: ref(id),
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      },
    });
  });

  it('sends ObjectCreated:* and ObjectRemoved:* of the raw bucket to the ingest queue', () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: ref('RawArticlesBucket'),
      NotificationConfiguration: {
        QueueConfigurations: [
          { Events: ['s3:ObjectCreated:*'], QueueArn: getAtt('IngestQueue', 'Arn') },
          { Events: ['s3:ObjectRemoved:*'], QueueArn: getAtt('IngestQueue', 'Arn') },
        ],
      },
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [ref('IngestQueue')],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 's3.amazonaws.com' },
            Action: Match.arrayWith(['sqs:SendMessage']),
            Condition: { ArnLike: { 'aws:SourceArn': getAtt('RawArticlesBucket', 'Arn') } },
          }),
        ]),
      },
    });
  });

  it("denies S3 notifications to the ingest queue from any other account than the stack's", () => {
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [ref('IngestQueue')],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Principal: { Service: 's3.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: getAtt('IngestQueue', 'Arn'),
            Condition: { StringNotEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ]),
      },
    });
  });
});

describe('articles table', () => {
  it('takes its keys and indexes from lib/table-schema.ts', () => {
    const { byDay, byContentHash } = ARTICLES_TABLE.indexes;
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: ARTICLES_TABLE.partitionKey, KeyType: 'HASH' }],
      GlobalSecondaryIndexes: Match.arrayWith(
        [byDay, byContentHash].map((i) =>
          Match.objectLike({
            IndexName: i.name,
            KeySchema: [
              { AttributeName: i.partitionKey, KeyType: 'HASH' },
              { AttributeName: i.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: projectedAttributes(i) },
          }),
        ),
      ),
    });
    // The summary, never a key (DynamoDB rejects keys in NonKeyAttributes), never the body.
    expect(projectedAttributes(byDay)).toEqual(expect.arrayContaining(['title', 'status', 'contentHash', 'sourceKey']));
    expect(projectedAttributes(byContentHash)).not.toContain('contentHash');
    for (const i of [byDay, byContentHash]) {
      expect(projectedAttributes(i)).not.toContain(ARTICLES_TABLE.partitionKey);
      expect(projectedAttributes(i)).not.toContain(i.sortKey);
      expect(projectedAttributes(i)).not.toContain('body');
    }
    expect(resources.ArticlesTable?.Properties?.GlobalSecondaryIndexes).toHaveLength(2);
    // The literal names too: the reader queries them by name.
    expect(byDay.name).toBe('byIngestDay');
    expect(byContentHash.name).toBe('byContentHash');
  });

  it('is on-demand, encrypted, point-in-time recoverable, deletion-protected, streaming new and old images', () => {
    expect(resources.ArticlesTable?.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      DeletionProtectionEnabled: true,
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });
});

describe('queues', () => {
  it('encrypts both queues with SSE-SQS (not alias/aws/sqs) and denies non-TLS access', () => {
    for (const id of ['IngestQueue', 'IngestDeadLetterQueue']) {
      expect(resources[id]?.Properties?.SqsManagedSseEnabled, id).toBe(true);
      expect(resources[id]?.Properties?.KmsMasterKeyId, id).toBeUndefined();
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [ref(id)],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Action: 'sqs:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  it('redrives to the DLQ after 5 receives; the DLQ keeps messages 14 days', () => {
    expect(resources.IngestQueue?.Properties?.RedrivePolicy).toEqual({
      deadLetterTargetArn: getAtt('IngestDeadLetterQueue', 'Arn'),
      maxReceiveCount: 5,
    });
    expect(resources.IngestDeadLetterQueue?.Properties?.MessageRetentionPeriod).toBe(1209600);
  });

  it('has a visibility timeout of at least 6 x the function timeout', () => {
    const [, fn] = ingestFunction();
    const timeout = fn.Properties.Timeout as number;
    const visibility = resources.IngestQueue?.Properties?.VisibilityTimeout as number;
    expect(timeout).toBeGreaterThan(0);
    expect(visibility).toBeGreaterThanOrEqual(6 * timeout);
  });
});

describe('ingest function', () => {
  it('runs Node.js 22 on arm64 with the handler export and its environment', () => {
    const [, fn] = ingestFunction();
    expect(fn?.Properties).toMatchObject({
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 1024,
      Timeout: 30,
      Environment: {
        Variables: {
          TABLE_NAME: ref('ArticlesTable'),
          BODIES_BUCKET: ref('BodiesBucket'),
          MAX_OBJECT_BYTES: '10485760',
          POWERTOOLS_SERVICE_NAME: 'article-ingest',
          POWERTOOLS_METRICS_NAMESPACE: 'ArticleIngest',
          LOG_LEVEL: 'INFO',
          NODE_OPTIONS: '--enable-source-maps',
        },
      },
    });
  });

  it('logs to its own log group kept for one month', () => {
    const [logGroupId, logGroup] = only('AWS::Logs::LogGroup');
    expect(logGroup.Properties.RetentionInDays).toBe(30);
    template.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs22.x', LoggingConfig: { LogGroup: ref(logGroupId) } });
  });

  it('polls the ingest queue with partial batch failures, batch size and batching window', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: getAtt('IngestQueue', 'Arn'),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 5,
    });
  });

  it('is bundled as minified ESM with the createRequire banner, a source map and the AWS SDK inside', () => {
    const [, fn] = ingestFunction();
    const assetPath = fn?.Metadata?.['aws:asset:path'] as string | undefined;
    expect(assetPath).toBeDefined();
    const dir = join(app.outdir, assetPath ?? '');
    const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
    expect(code.startsWith("import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);")).toBe(true);
    expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
    expect(code).toMatch(/export\s*\{[^}]*\bas handler\b[^}]*\}|export\s*\{[^}]*\bhandler\b[^}]*\}/);
    // Bundled, not left to the runtime: no import of @aws-sdk packages remains.
    expect(code).not.toMatch(/from\s*["']@aws-sdk\//);
    const lines = code.split('\n').length;
    expect(code.length / lines, 'minified: long lines').toBeGreaterThan(1000);
  });

  it('leaves the default credential chain out of the bundle (alias to the stub) and writes UTF-8', () => {
    const [, fn] = ingestFunction();
    const code = readFileSync(join(app.outdir, fn?.Metadata?.['aws:asset:path'] as string, 'index.mjs'), 'utf8');
    // The stub's message is in; the chain's providers (container, web identity, SSO, process, STS) are not.
    expect(code).toContain('the default credential chain is not in the Lambda bundle');
    for (const marker of ['AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'sso_start_url', 'credential_process', 'AssumeRoleWithWebIdentity']) {
      expect(code.includes(marker), marker).toBe(false);
    }
    // --charset=utf8: the tables' non-ASCII text stays as characters. An ASCII build keeps only the
    // few hundred inside regex literals with the u flag; the UTF-8 build has thousands (~10k).
    const nonAscii = code.match(/[^\x00-\x7f]/gu)?.length ?? 0;
    expect(nonAscii, 'non-ASCII characters in the bundle').toBeGreaterThan(3000);
  });
});

describe('ingest role (least privilege)', () => {
  /** Exact actions and the one resource each may touch (logical IDs). */
  const EXPECTED: Record<string, string> = {
    's3:GetObject': 'RawArticlesBucket',
    's3:GetObjectVersion': 'RawArticlesBucket',
    's3:ListBucket': 'RawArticlesBucket',
    's3:PutObject': 'BodiesBucket',
    'dynamodb:GetItem': 'ArticlesTable',
    'dynamodb:PutItem': 'ArticlesTable',
    'sqs:ReceiveMessage': 'IngestQueue',
    'sqs:DeleteMessage': 'IngestQueue',
    'sqs:ChangeMessageVisibility': 'IngestQueue',
    'sqs:GetQueueAttributes': 'IngestQueue',
    'sqs:GetQueueUrl': 'IngestQueue',
    'logs:CreateLogStream': 'LOG_GROUP',
    'logs:PutLogEvents': 'LOG_GROUP',
  };

  /** Logical IDs a policy resource refers to (GetAtt / Ref, also inside Fn::Join). */
  function referencedIds(resource: unknown): string[] {
    const text = JSON.stringify(resource);
    return [...text.matchAll(/"Fn::GetAtt":\["([^"]+)"|"Ref":"([^"]+)"/g)].map((m) => (m[1] ?? m[2]) as string).filter((id) => !id.startsWith('AWS::'));
  }

  function ingestRole(): { roleId: string; statements: Json[] } {
    const [, fn] = ingestFunction();
    const roleId = fn?.Properties.Role['Fn::GetAtt'][0] as string;
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
      (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify(ref(roleId))),
    );
    return { roleId, statements: policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Json[]) };
  }

  const asList = <T,>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

  it('has no managed or inline role policies, only its own policy', () => {
    const { roleId, statements } = ingestRole();
    expect(resources[roleId]?.Properties?.ManagedPolicyArns).toBeUndefined();
    expect(resources[roleId]?.Properties?.Policies).toBeUndefined();
    expect(statements.length).toBeGreaterThan(0);
  });

  it('allows exactly the expected actions, each on its one resource, nothing on *', () => {
    const [logGroupId] = only('AWS::Logs::LogGroup');
    const granted = new Map<string, Set<string>>();
    for (const s of ingestRole().statements) {
      expect(s.Effect).toBe('Allow');
      expect(s.NotAction).toBeUndefined();
      expect(s.NotResource).toBeUndefined();
      for (const action of asList(s.Action as string | string[])) {
        expect(action, 'no wildcard action').not.toContain('*');
        for (const resource of asList(s.Resource as unknown)) {
          expect(resource, `${action} on *`).not.toBe('*');
          const ids = referencedIds(resource);
          expect(ids, `${action} resource ${JSON.stringify(resource)}`).toHaveLength(1);
          const set = granted.get(action) ?? new Set<string>();
          set.add(ids[0] === logGroupId ? 'LOG_GROUP' : (ids[0] as string));
          granted.set(action, set);
        }
      }
    }
    const actual = Object.fromEntries([...granted].map(([a, ids]) => [a, [...ids].join(',')]));
    expect(actual).toEqual(EXPECTED);
  });

  it('grants the SDK commands the function code sends (functions/**)', () => {
    const COMMAND_ACTIONS: Record<string, string> = {
      GetObjectCommand: 's3:GetObject',
      HeadObjectCommand: 's3:GetObject',
      PutObjectCommand: 's3:PutObject',
      GetCommand: 'dynamodb:GetItem',
      GetItemCommand: 'dynamodb:GetItem',
      PutCommand: 'dynamodb:PutItem',
      PutItemCommand: 'dynamodb:PutItem',
    };
    const root = new URL('../../functions/', import.meta.url).pathname;
    const files = (function walk(dir: string): string[] {
      return readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
      });
    })(root);
    const used = new Set(files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/new\s+(\w+Command)\s*\(/g)].map((m) => m[1] as string)));
    expect(used.size, 'the scan found SDK commands').toBeGreaterThan(0);
    for (const command of used) {
      const action = COMMAND_ACTIONS[command];
      expect(action, `${command} (in ${files.map((f) => relative(root, f)).join(', ')}) has no known IAM action: add it here and to the role if needed`).toBeDefined();
      expect(Object.keys(EXPECTED)).toContain(action);
    }
  });
});

describe('alarms and outputs', () => {
  it('alarms on dead letters, function errors and queue age', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: getAtt('IngestDeadLetterQueue', 'QueueName') }],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [{ Name: 'QueueName', Value: getAtt('IngestQueue', 'QueueName') }],
      Threshold: 900,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    template.resourceCountIs('AWS::SNS::Topic', 0);
  });

  it.each(OUTPUTS)('outputs %s', (key) => {
    template.hasOutput(key, { Value: Match.anyValue() });
  });
});
