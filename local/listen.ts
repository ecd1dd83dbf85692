/**
 * Every embedded server listens on the loopback interface only (the local stack has no
 * authentication), and a listen failure becomes one clear ServerStartError instead of an
 * unhandled 'error' event.
 */
import type { AddressInfo, Server } from 'node:net';
import { ServerStartError } from './errors.ts';

/** The only interface the local servers bind. */
export const LOOPBACK_HOST = '127.0.0.1';

/** Listens on 127.0.0.1:`port` (0 = ephemeral); `name` names the server in the error. */
export async function listenOnLoopback(server: Server, port: number, name: string): Promise<AddressInfo> {
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, LOOPBACK_HOST, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    throw new ServerStartError(name, port, { cause: err });
  }
  return server.address() as AddressInfo;
}
