/**
 * Loads the parts under test by path at run time, so the bench still runs (and says "n/a")
 * when another area's module is missing or mid-change.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BenchPartMissingError } from './errors.ts';

/** Project root (bench/lib/../..). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function loadPart<T>(part: string, relativePath: string): Promise<T> {
  const url = new URL(relativePath, new URL('../../', import.meta.url));
  if (!existsSync(url)) throw new BenchPartMissingError(part, `${part} not found (${relativePath})`);
  try {
    return (await import(url.href)) as T;
  } catch (err) {
    const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new BenchPartMissingError(part, `${part} failed to load (${relativePath}): ${msg}`, { cause: err });
  }
}
