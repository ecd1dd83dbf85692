/** Command-line flags of `npm run bench` (pure parsing, tested in test/bench). */
import { DEFAULT_IO_MS_PER_ARTICLE } from './cost.ts';
import { DEFAULT_CORPUS } from './corpus.ts';
import { BenchArgsError } from './errors.ts';

export const SECTIONS = ['cleaner', 'readability', 'growth', 'handler', 'bundle', 'local'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchArgs {
  /** Print one JSON object on stdout (progress goes to stderr). */
  readonly json: boolean;
  /** Fewer runs and articles: a CI smoke run. */
  readonly quick: boolean;
  readonly only: ReadonlySet<Section>;
  /** Corpus folder (default ../shared/benchmarks/article-body relative to the project root). */
  readonly corpus: string;
  /** Cost model: assumed network latency per article (ms). */
  readonly ioMs: number;
  /** Cost model: records of a batch whose I/O overlaps. @default - the batch size (Powertools BatchProcessor runs records in parallel) */
  readonly ioConcurrency: number | undefined;
  /** Local stack: articles uploaded. */
  readonly localCount: number;
  /** Where the JSON result file goes. */
  readonly outDir: string;
}

export const USAGE = `usage: npm run bench -- [--json] [--quick] [--only ${SECTIONS.join(',')}]
       [--corpus DIR] [--io-ms N] [--io-concurrency N] [--local-count N] [--out DIR]`;

function numberFlag(name: string, raw: string | undefined, min: number): number {
  const n = Number(raw);
  if (raw === undefined || !Number.isFinite(n) || n < min) throw new BenchArgsError(`${name} needs a number >= ${min}, got ${JSON.stringify(raw)}`);
  return n;
}

export function parseArgs(argv: readonly string[]): BenchArgs {
  let json = false;
  let quick = false;
  let only: Set<Section> = new Set(SECTIONS);
  let corpus = DEFAULT_CORPUS;
  let ioMs = DEFAULT_IO_MS_PER_ARTICLE;
  let ioConcurrency: number | undefined;
  let localCount: number | undefined;
  let outDir = 'bench/results';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--json': json = true; break;
      case '--quick': quick = true; break;
      case '--only': {
        const names = (value() ?? '').split(',').map((s) => s.trim()).filter(Boolean);
        const bad = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
        if (names.length === 0 || bad.length > 0) throw new BenchArgsError(`--only takes ${SECTIONS.join(',')}; got ${JSON.stringify(bad.join(',') || '')}`);
        only = new Set(names as Section[]);
        break;
      }
      case '--corpus': corpus = value() ?? corpus; break;
      case '--io-ms': ioMs = numberFlag('--io-ms', value(), 0); break;
      case '--io-concurrency': ioConcurrency = numberFlag('--io-concurrency', value(), 1); break;
      case '--local-count': localCount = Math.floor(numberFlag('--local-count', value(), 1)); break;
      case '--out': outDir = value() ?? outDir; break;
      case '--help': case '-h': throw new BenchArgsError(USAGE, 0);
      default: throw new BenchArgsError(`unknown flag ${JSON.stringify(arg)}\n${USAGE}`);
    }
  }
  return {
    json,
    quick,
    only,
    corpus,
    ioMs,
    ioConcurrency,
    localCount: localCount ?? (quick ? 200 : 1000),
    outDir,
  };
}
