/**
 * A loopback HTTP proxy that injects faults in front of a real local server (dynalite, s3rver),
 * so the REAL SDK clients (retry middleware, backoff, maxAttempts) see real error responses:
 * throttling, 5xx, 404, or a request that never gets an answer.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { readonly kind: 'respond'; readonly status: number; readonly headers?: Record<string, string>; readonly body: string }
  | { readonly kind: 'hang' };

/** What the proxy saw: the operation (x-amz-target for JSON APIs, "METHOD path" for S3). */
export interface SeenRequest {
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  readonly faulted: boolean;
}

/** Decides per request; `count` is how many requests with this operation were seen before (0-based). */
export type FaultPlan = (req: { operation: string; method: string; path: string; body: string; count: number }) => Fault | null;

export interface FaultProxy {
  readonly endpoint: string;
  readonly seen: SeenRequest[];
  plan: FaultPlan;
  count(operation: string | RegExp): number;
  close(): Promise<void>;
}

/** DynamoDB JSON 1.0 error body. */
export function dynamoError(type: string, status = 400, message = 'injected fault'): Fault {
  return {
    kind: 'respond',
    status,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': type },
    body: JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message }),
  };
}

/** S3 REST-XML error body. */
export function s3Error(code: string, status: number, message = 'injected fault'): Fault {
  return {
    kind: 'respond',
    status,
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>FAULT</RequestId></Error>`,
  };
}

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const counts = new Map<string, number>();
  const hanging = new Set<ServerResponse>();
  const proxy: FaultProxy = {
    endpoint: '',
    seen: [],
    plan: () => null,
    count: (op) => proxy.seen.filter((s) => (typeof op === 'string' ? s.operation === op : op.test(s.operation))).length,
    close: async () => undefined,
  };

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer): void => {
    const up = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    up.end(body);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = req.headers['x-amz-target'];
      const path = (req.url ?? '/').split('?')[0]!;
      const operation = typeof target === 'string' ? target.replace(/^.*\./, '') : `${req.method} ${path}`;
      const count = counts.get(operation) ?? 0;
      counts.set(operation, count + 1);
      const body = Buffer.concat(chunks);
      const fault = proxy.plan({ operation, method: req.method ?? '', path, body: body.toString('utf8'), count });
      proxy.seen.push({ operation, method: req.method ?? '', path, faulted: fault !== null });
      if (fault === null) return forward(req, res, body);
      if (fault.kind === 'hang') {
        hanging.add(res);
        return;
      }
      res.writeHead(fault.status, { 'x-amzn-requestid': 'FAULT', ...fault.headers }).end(fault.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(proxy, {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
  return proxy;
}
