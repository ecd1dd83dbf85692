/**
 * `npm start` writes where its servers listen to <dataDir>/endpoints.json; the `articles`
 * commands read it when no --stack is given.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocalStackDescription } from './stack.ts';

/** <project root>/.local-data (git-ignored). */
export const DEFAULT_DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '.local-data');
export const ENDPOINTS_FILE = 'endpoints.json';

export function writeEndpointsFile(dir: string, description: LocalStackDescription): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, ENDPOINTS_FILE);
  writeFileSync(file, `${JSON.stringify(description, null, 2)}\n`);
  return file;
}

/** The description written by a running `npm start`, or undefined when there is none. */
export function readEndpointsFile(dir: string): LocalStackDescription | undefined {
  const file = path.join(dir, ENDPOINTS_FILE);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as LocalStackDescription;
}

/** Remove the file, but only if it is ours (another `npm start` may have replaced it). */
export function removeEndpointsFile(dir: string, pid = process.pid): void {
  const current = readEndpointsFile(dir);
  if (current?.pid === pid) rmSync(path.join(dir, ENDPOINTS_FILE), { force: true });
}

/** True when the process that wrote the file is still alive. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
