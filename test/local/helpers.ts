/** Shared by the local-stack tests: an in-process stack on ephemeral loopback ports. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { LocalStack, type LocalStackProps } from '../../local/stack.ts';
import { articleIdFor, type ArticleRecord } from '../../functions/shared/record.ts';

// Powertools Metrics would print EMF JSON per batch; there is no CloudWatch here.
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export async function startTestStack(props: LocalStackProps = {}): Promise<LocalStack> {
  return LocalStack.start({
    logLevel: 'SILENT',
    ...props,
    queue: { batchWindowMs: 10, visibilityTimeoutMs: 20_000, ...props.queue },
  });
}

export async function getRecord(stack: LocalStack, key: string): Promise<ArticleRecord | undefined> {
  const out = await stack.clients.ddb.send(
    new GetCommand({ TableName: stack.names.tableName, Key: { articleId: articleIdFor(stack.names.rawBucket, key) }, ConsistentRead: true }),
  );
  return out.Item as ArticleRecord | undefined;
}

/** An original article body, long enough to be kept by the cleaner. */
export function article(title: string, paragraphs = 3): string {
  const body = Array.from(
    { length: paragraphs },
    (_, i) =>
      `Paragraph ${i + 1} of the report on ${title.toLowerCase()}: the council met on Tuesday and agreed to publish the figures, officials said, after a long debate about the budget.`,
  );
  return [title, 'By Test Writer', ...body, 'Share this article'].join('\n');
}

/** CLI flags that point the `articles` commands at this stack's endpoints. */
export function cliFlags(stack: LocalStack): string[] {
  const d = stack.describe();
  return ['--s3-endpoint', d.endpoints.s3, '--dynamodb-endpoint', d.endpoints.dynamodb, '--sqs-endpoint', d.endpoints.sqs];
}

/** Liveness guard (not a performance assertion): a stalled queue or a hung thread never drains. */
export async function drained(stack: LocalStack, guardMs = 45_000): Promise<'drained' | 'stalled'> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<'stalled'>((resolve) => {
    timer = setTimeout(() => resolve('stalled'), guardMs);
  });
  const result = await Promise.race([stack.drain().then(() => 'drained' as const), stalled]);
  clearTimeout(timer);
  return result;
}
