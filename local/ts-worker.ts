/**
 * Worker threads running a TypeScript entry of this folder. Loader hooks are per thread, so the
 * worker's bootstrap (CommonJS, evaluated) registers tsx on its own thread before importing the
 * entry; a failure to load is posted as `{ type: 'error', message }`, like the entries' own.
 */
import { Worker } from 'node:worker_threads';

const BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.tsxApi)
  .then((tsx) => { tsx.register(); return import(workerData.entry); })
  .catch((err) => parentPort.postMessage({ type: 'error', message: String((err && err.stack) || err) }));
`;

/** Start `entry` (a .ts file URL) on a worker thread; `data` reaches it as workerData (plus `tsxApi` and `entry`). */
export function startTsWorker(entry: URL, data: object): Worker {
  return new Worker(BOOTSTRAP, {
    eval: true,
    workerData: {
      ...data,
      // The ESM build: the CommonJS one resolves its loader to a path that does not exist.
      tsxApi: import.meta.resolve('tsx/esm/api'),
      entry: entry.href,
    },
  });
}
