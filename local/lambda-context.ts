/** A Lambda Context for running the deployed handler in-process. */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './notifications.ts';

export interface FakeContextProps {
  /** @default 'articles-ingest-local' */
  readonly functionName?: string;
  /** The function timeout the context counts down from (middy's timeout logic reads it). @default 30_000 */
  readonly timeoutMs?: number;
  /** @default 1024 */
  readonly memoryLimitInMB?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

/** A fresh context per invocation: getRemainingTimeInMillis counts down from timeoutMs. */
export function fakeLambdaContext(props: FakeContextProps = {}): Context {
  const now = props.now ?? Date.now;
  const functionName = props.functionName ?? 'articles-ingest-local';
  const deadline = now() + (props.timeoutMs ?? 30_000);
  const requestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:${functionName}`,
    memoryLimitInMB: String(props.memoryLimitInMB ?? 1024),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/[$LATEST]${requestId.replace(/-/g, '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
