/**
 * A minimal SQS endpoint (AWS JSON 1.0, what @aws-sdk/client-sqs speaks) in front of the
 * in-process queue, so `articles reprocess` sends its messages with SendMessageBatch the same
 * way against the local stack and against AWS. Supports SendMessage, SendMessageBatch,
 * GetQueueUrl and GetQueueAttributes; no authentication (loopback only).
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from './listen.ts';
import { LOCAL_ACCOUNT_ID } from './notifications.ts';
import type { LocalQueue } from './queue.ts';
import type { RunningServer } from './s3-server.ts';

/** SQS's own limits. */
const MAX_BATCH_ENTRIES = 10;
const MAX_BODY_BYTES = 1024 * 1024;

type Json = Record<string, unknown>;

class SqsFault extends Error {
  public constructor(
    public readonly type: string,
    message: string,
    public readonly status = 400,
  ) {
    super(message);
    this.name = 'SqsFault';
  }
}

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES * 2) throw new SqsFault('RequestTooLarge', 'request too large', 413);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export interface SqsEndpointProps {
  readonly queue: LocalQueue;
  /** @default 0 (ephemeral) */
  readonly port?: number;
}

export interface RunningSqsEndpoint extends RunningServer {
  readonly queueUrl: string;
}

export async function startSqsEndpoint(props: SqsEndpointProps): Promise<RunningSqsEndpoint> {
  const { queue } = props;
  let queueUrl = '';

  const checkQueue = (input: Json): void => {
    const url = String(input.QueueUrl ?? '');
    if (!url.endsWith(`/${LOCAL_ACCOUNT_ID}/${queue.name}`)) {
      throw new SqsFault('AWS.SimpleQueueService.NonExistentQueue', `The specified queue does not exist: ${url}`);
    }
  };

  const actions: Record<string, (input: Json) => Json> = {
    GetQueueUrl(input) {
      if (input.QueueName !== queue.name) throw new SqsFault('AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.');
      return { QueueUrl: queueUrl };
    },
    GetQueueAttributes(input) {
      checkQueue(input);
      const d = queue.depth;
      return {
        Attributes: {
          QueueArn: queue.arn,
          ApproximateNumberOfMessages: String(d.visible),
          ApproximateNumberOfMessagesNotVisible: String(d.notVisible + d.inFlight),
        },
      };
    },
    SendMessage(input) {
      checkQueue(input);
      const body = String(input.MessageBody ?? '');
      if (!body || Buffer.byteLength(body) > MAX_BODY_BYTES) throw new SqsFault('InvalidParameterValue', 'MessageBody is empty or too long');
      const id = queue.send(body, Number(input.DelaySeconds ?? 0) * 1000);
      return { MessageId: id, MD5OfMessageBody: md5(body) };
    },
    SendMessageBatch(input) {
      checkQueue(input);
      const entries = (input.Entries ?? []) as Array<{ Id: string; MessageBody: string; DelaySeconds?: number }>;
      if (entries.length === 0) throw new SqsFault('AWS.SimpleQueueService.EmptyBatchRequest', 'no entries');
      if (entries.length > MAX_BATCH_ENTRIES) throw new SqsFault('AWS.SimpleQueueService.TooManyEntriesInBatchRequest', 'at most 10 entries');
      const Successful: Json[] = [];
      const Failed: Json[] = [];
      for (const e of entries) {
        if (!e.MessageBody || Buffer.byteLength(e.MessageBody) > MAX_BODY_BYTES) {
          Failed.push({ Id: e.Id, SenderFault: true, Code: 'InvalidParameterValue', Message: 'MessageBody is empty or too long' });
          continue;
        }
        const id = queue.send(e.MessageBody, (e.DelaySeconds ?? 0) * 1000);
        Successful.push({ Id: e.Id, MessageId: id, MD5OfMessageBody: md5(e.MessageBody) });
      }
      return { Successful, Failed };
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const target = String(req.headers['x-amz-target'] ?? '');
      const action = actions[target.replace(/^AmazonSQS\./, '')];
      if (req.method !== 'POST' || !action) throw new SqsFault('UnsupportedOperation', `unsupported operation ${JSON.stringify(target)}`);
      const input = JSON.parse((await readBody(req)) || '{}') as Json;
      const output = action(input);
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify(output));
    } catch (err) {
      const fault = err instanceof SqsFault ? err : new SqsFault('InternalError', (err as Error).message, 500);
      res
        .writeHead(fault.status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-query-error': `${fault.type};Sender` })
        .end(JSON.stringify({ __type: `com.amazonaws.sqs#${fault.type}`, message: fault.message }));
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  const port = props.port ?? 0;
  const address = await listenOnLoopback(server, port, 'sqs endpoint');
  const endpoint = `http://127.0.0.1:${address.port}`;
  queueUrl = `${endpoint}/${LOCAL_ACCOUNT_ID}/${queue.name}`;
  return {
    endpoint,
    address,
    queueUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
