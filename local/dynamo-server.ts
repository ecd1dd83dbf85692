/** dynalite (in-process DynamoDB) on loopback, in memory or on disk (LevelDB via classic-level). */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { ServerStartError } from './errors.ts';
import type { RunningServer } from './s3-server.ts';

const require = createRequire(import.meta.url);

export interface DynamoServerProps {
  /** LevelDB folder (created if missing). @default - in memory */
  readonly directory?: string;
  /** @default 0 (ephemeral) */
  readonly port?: number;
}

type Dynalite = (options: Record<string, unknown>) => Server;

export async function startDynamoServer(props: DynamoServerProps = {}): Promise<RunningServer> {
  const dynalite = require('dynalite') as Dynalite;
  if (props.directory) mkdirSync(props.directory, { recursive: true });
  const server = dynalite({
    ...(props.directory ? { path: props.directory } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const port = props.port ?? 0;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    throw new ServerStartError('dynalite', port, { cause: err });
  }
  const address = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    address,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
