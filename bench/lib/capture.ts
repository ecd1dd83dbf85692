/**
 * Swallow what the code under test writes to stdout (Powertools logs, EMF metrics) while still
 * letting it do the formatting work, and count the bytes: the bench's own output stays readable
 * and the log volume feeds the cost model.
 */
export interface StdoutCapture {
  /** Bytes written since the capture started (or since the last reset). */
  bytes(): number;
  reset(): void;
  /** Put the real stdout back. Idempotent. */
  restore(): void;
}

/**
 * Captures stdout (counted: logs and metrics) and, when `stderr` is true, also stderr (counted
 * too: Powertools warnings such as "No application metrics to publish"). Exceptions still
 * propagate; only the printing is swallowed.
 */
export function captureStdout(options: { readonly stderr?: boolean } = {}): StdoutCapture {
  let bytes = 0;
  const streams = options.stderr ? [process.stdout, process.stderr] : [process.stdout];
  const realWrites = streams.map((s) => s.write);
  for (const stream of streams) {
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    }) as typeof stream.write;
  }
  let restored = false;
  return {
    bytes: () => bytes,
    reset: () => {
      bytes = 0;
    },
    restore: () => {
      if (restored) return;
      restored = true;
      streams.forEach((stream, i) => {
        stream.write = realWrites[i] as typeof stream.write;
      });
    },
  };
}
