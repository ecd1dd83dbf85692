/**
 * The bench's pure helpers: statistics, the deterministic page generator, the cost model
 * arithmetic on fixed inputs, the DynamoDB item-size estimate, flag parsing and the
 * CDK -> esbuild option mapping. No timing assertions.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, SECTIONS } from '../../bench/lib/args.ts';
import { esbuildArgsToOptions, esbuildOptionsFromCdk, packageOf } from '../../bench/lib/bundle.ts';
import { concatWindows } from '../../bench/lib/corpus.ts';
import {
  CLOUDWATCH_LOGS_USD_PER_GB,
  DYNAMODB_USD_PER_MILLION_WRU,
  estimateCost,
  LAMBDA_ARM64_USD_PER_GB_SECOND,
  S3_GET_USD_PER_THOUSAND,
  S3_PUT_USD_PER_THOUSAND,
  SQS_STANDARD_USD_PER_MILLION_REQUESTS,
  wruPerWrite,
  type CostInputs,
} from '../../bench/lib/cost.ts';
import { summariseProfile } from '../../bench/lib/cpuprofile.ts';
import { BenchArgsError } from '../../bench/lib/errors.ts';
import { generatePage, generatePages } from '../../bench/lib/generate.ts';
import { itemSize } from '../../bench/lib/item-size.ts';
import { mapLimit } from '../../bench/lib/limit.ts';
import { createRng } from '../../bench/lib/prng.ts';
import { escapeHtml, textToHtml } from '../../bench/lib/readability.ts';
import { mbPerSec, median, percentile } from '../../bench/lib/stats.ts';
import { judge, TARGETS } from '../../bench/lib/targets.ts';

describe('stats', () => {
  it('median of odd and even lists, unsorted input', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
  });

  it('percentile interpolates between closest ranks', () => {
    const values = Array.from({ length: 101 }, (_, i) => i); // 0..100
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([10, 20], 50)).toBe(15);
    expect(percentile([1, 2, 3, 4], 100)).toBe(4);
    expect(percentile([1, 2, 3, 4], 0)).toBe(1);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('MB/s uses 10^6 bytes', () => {
    expect(mbPerSec(50_000_000, 1000)).toBe(50);
    expect(mbPerSec(1_000_000, 20)).toBe(50);
  });
});

describe('generator', () => {
  it('same seed, same page; different seeds differ', () => {
    expect(generatePage(42)).toBe(generatePage(42));
    expect(generatePage(42)).not.toBe(generatePage(43));
    expect(generatePages(3, 7)).toEqual([generatePage(7), generatePage(8), generatePage(9)]);
  });

  it('pins the PRNG sequence and the generated text (same on every machine and Node version)', () => {
    const rng = createRng(1);
    expect([rng.next(), rng.next(), rng.next()].map((x) => Math.round(x * 2 ** 32))).toEqual([2693262067, 11749833, 2265367787]);
    // Changing the word lists or the page shape changes the generated corpus: update on purpose.
    const page = generatePage(1);
    expect(page.length).toBe(7285);
    expect(createHash('sha256').update(page).digest('hex').slice(0, 16)).toBe('9431d705661ff98a');
  });

  it('pages look like raw article text: many lines, a byline, a footer, no blank output', () => {
    const page = generatePage(5);
    const lines = page.split('\n');
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.some((l) => l.startsWith('By '))).toBe(true);
    expect(lines.some((l) => l.startsWith('©'))).toBe(true);
    expect(page.endsWith('\n')).toBe(false);
  });

  it('concatWindows puts every page in exactly `width` inputs', () => {
    const out = concatWindows(['a', 'b', 'c'], 2);
    expect(out).toEqual(['a\nb', 'b\nc', 'c\na']);
  });
});

describe('cost model', () => {
  const inputs: CostInputs = {
    articles: 1_000_000,
    batchSize: 10,
    memoryMB: 1024,
    cpuMsPerArticle: 1,
    cpuSlowdown: 2,
    ioMsPerArticle: 30,
    ioConcurrency: 1,
    s3PutsPerArticle: 1,
    s3GetsPerArticle: 1,
    itemBytes: 3000,
    gsiCount: 2,
  };

  it('computes each line from the named prices', () => {
    const c = estimateCost(inputs);
    expect(c.invocations).toBe(100_000);
    // 10 x 1 ms x 2 + 10 x 30 ms = 320 ms per batch
    expect(c.billedMsPerInvocation).toBe(320);
    expect(c.gbSeconds).toBeCloseTo(100_000 * 0.32 * 1, 6);
    expect(c.lambdaDurationUSD).toBeCloseTo(32_000 * LAMBDA_ARM64_USD_PER_GB_SECOND, 9);
    expect(c.lambdaRequestsUSD).toBeCloseTo(0.02, 9);
    expect(c.sqsRequests).toBe(1_200_000);
    expect(c.sqsUSD).toBeCloseTo(1.2 * SQS_STANDARD_USD_PER_MILLION_REQUESTS, 9);
    expect(c.s3USD).toBeCloseTo(1000 * S3_PUT_USD_PER_THOUSAND + 1000 * S3_GET_USD_PER_THOUSAND, 9);
    expect(c.totalUSD).toBeCloseTo(c.lambdaDurationUSD + c.lambdaRequestsUSD + c.sqsUSD + c.s3USD, 9);
    // 3000 B -> 3 WRU for the table, + 1 WRU per index entry (summaries, not copies)
    expect(c.wruPerItem).toBe(5);
    expect(c.dynamoUSD).toBeCloseTo(5 * DYNAMODB_USD_PER_MILLION_WRU, 9);
    expect(estimateCost({ ...inputs, gsiWruPerWrite: 2 }).wruPerItem).toBe(7);
    expect(c.logsUSD).toBe(0);
    // a measured mean WRU per write replaces the rounding of the mean size
    expect(estimateCost({ ...inputs, wruPerWriteAvg: 3.5 }).wruPerItem).toBeCloseTo(5.5, 9);
    // 2,000 B logged per article -> 2 GB per million
    const logged = estimateCost({ ...inputs, logBytesPerArticle: 2000 });
    expect(logged.logGB).toBeCloseTo(2, 9);
    expect(logged.logsUSD).toBeCloseTo(2 * CLOUDWATCH_LOGS_USD_PER_GB, 9);
    expect(logged.totalWithDynamoUSD).toBeCloseTo(logged.totalUSD + logged.dynamoUSD + logged.logsUSD, 9);
  });

  it('overlapping I/O shortens the billed duration; the default slowdown follows memory', () => {
    const sequential = estimateCost(inputs);
    const overlapped = estimateCost({ ...inputs, ioConcurrency: 10 });
    expect(overlapped.billedMsPerInvocation).toBe(20 + 30);
    expect(overlapped.gbSeconds).toBeLessThan(sequential.gbSeconds);
    const { cpuSlowdown: _ignored, ...withoutSlowdown } = inputs;
    expect(estimateCost({ ...withoutSlowdown, memoryMB: 1769, ioMsPerArticle: 0 }).billedMsPerInvocation).toBe(10);
  });

  it('WRU: one per started KB, at least one', () => {
    expect(wruPerWrite(0)).toBe(1);
    expect(wruPerWrite(1024)).toBe(1);
    expect(wruPerWrite(1025)).toBe(2);
  });

  it('rejects impossible batch settings', () => {
    expect(() => estimateCost({ ...inputs, batchSize: 0 })).toThrow(RangeError);
    expect(() => estimateCost({ ...inputs, ioConcurrency: 0 })).toThrow(RangeError);
  });
});

describe('DynamoDB item size', () => {
  it('counts names, strings, numbers, lists and maps', () => {
    expect(itemSize({ id: { S: 'abc' } })).toBe(2 + 3);
    expect(itemSize({ n: { N: '12345' } })).toBe(1 + 4);
    expect(itemSize({ é: { S: 'é' } })).toBe(2 + 2);
    expect(itemSize({ l: { L: [{ S: 'ab' }, { BOOL: true }] } })).toBe(1 + 3 + (1 + 2) + (1 + 1));
    expect(itemSize({ m: { M: { k: { NULL: true } } } })).toBe(1 + 3 + 1 + 1 + 1);
  });
});

describe('flags', () => {
  it('defaults, --quick, --only and numeric flags', () => {
    const d = parseArgs([]);
    expect([...d.only]).toEqual([...SECTIONS]);
    expect(d.json).toBe(false);
    expect(d.localCount).toBe(1000);
    expect(d.ioConcurrency).toBeUndefined();
    const q = parseArgs(['--quick', '--json', '--only', 'cleaner,handler', '--io-ms=12']);
    expect(q.quick && q.json).toBe(true);
    expect([...q.only]).toEqual(['cleaner', 'handler']);
    expect(q.ioMs).toBe(12);
    expect(q.localCount).toBe(200);
  });

  it('rejects unknown sections and flags', () => {
    expect(() => parseArgs(['--only', 'cleaner,nope'])).toThrow(BenchArgsError);
    expect(() => parseArgs(['--fast'])).toThrow(BenchArgsError);
    expect(() => parseArgs(['--io-ms', 'x'])).toThrow(BenchArgsError);
  });
});

describe('targets', () => {
  it('PASS/MISS with the ratio to the target, n/a without a figure', () => {
    const mbps = TARGETS.find((t) => t.key === 'cleanerMBps');
    const init = TARGETS.find((t) => t.key === 'initMs');
    if (!mbps || !init) throw new Error('targets missing');
    expect(judge(mbps, 100)).toMatchObject({ status: 'PASS', ratio: 2, margin: 50 });
    expect(judge(mbps, 25)).toMatchObject({ status: 'MISS', ratio: 0.5 });
    expect(judge(init, 100)).toMatchObject({ status: 'MISS', ratio: 0.5, margin: -50 });
    expect(judge(init, null).status).toBe('n/a');
  });
});

describe('Readability input', () => {
  it('escapes HTML and wraps each non-blank line in <p>', () => {
    expect(escapeHtml('a < b & "c"')).toBe('a &lt; b &amp; &quot;c&quot;');
    const html = textToHtml('one\n\n<two>');
    expect(html).toContain('<p>one</p>\n<p>&lt;two&gt;</p>');
    expect(html.match(/<p>/g)).toHaveLength(2);
  });
});

describe('bundle options', () => {
  const cdk = {
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    banner: 'import x from "y";',
    minify: true,
    sourceMap: true,
    sourcesContent: false,
    bundleAwsSDK: true,
    externalModules: [],
  };

  it('maps the CDK bundling props like NodejsFunction does', () => {
    const o = esbuildOptionsFromCdk(cdk, 'in.ts', 'out/index.mjs', false);
    expect(o).toMatchObject({ bundle: true, platform: 'node', target: 'node22', format: 'esm', minify: true, sourcemap: true, sourcesContent: false, mainFields: ['module', 'main'], banner: { js: 'import x from "y";' } });
    expect(o.external).toEqual([]);
    expect(esbuildOptionsFromCdk(cdk, 'in.ts', 'o.mjs', true).external).toEqual(['@aws-sdk/*']);
    const { externalModules: _e, bundleAwsSDK: _b, ...plain } = cdk;
    expect(esbuildOptionsFromCdk(plain, 'in.ts', 'o.mjs', false).external).toEqual(['@aws-sdk/*']);
  });

  it('maps the esbuildArgs the stack uses (alias paths from the project root), ignores the charset prop as CDK does, refuses others', () => {
    // aws-cdk-lib 2.276 declares `charset` but never passes it to esbuild: the bench must not either.
    expect(esbuildOptionsFromCdk({ ...cdk, charset: 'utf8' }, 'in.ts', 'o.mjs', false).charset).toBeUndefined();
    const o = esbuildOptionsFromCdk(
      { ...cdk, esbuildArgs: { '--charset': 'utf8', '--legal-comments': 'none', '--alias': ['a=./x/stub.ts', 'b=pkg-b'], '--drop': 'debugger' } },
      'in.ts',
      'o.mjs',
      false,
    );
    expect(o).toMatchObject({ charset: 'utf8', legalComments: 'none', drop: ['debugger'], alias: { b: 'pkg-b' } });
    expect(o.alias?.a).toBe(join(o.absWorkingDir ?? '', 'x/stub.ts'));
    expect(esbuildArgsToOptions({ '--alias:c': './y.ts' }, '/root')).toEqual({ alias: { c: '/root/y.ts' } });
    expect(() => esbuildArgsToOptions({ '--log-limit': '0' })).toThrow('--log-limit');
  });

  it('names the package of a bundled input', () => {
    expect(packageOf('node_modules/@aws-sdk/client-s3/dist-es/index.js')).toBe('@aws-sdk/client-s3');
    expect(packageOf('node_modules/zod/v4/index.js')).toBe('zod');
    expect(packageOf('cleaner/clean.ts')).toBe('(project) cleaner');
  });
});

describe('mapLimit', () => {
  it('keeps order and never exceeds the limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapLimit([1, 2, 3, 4, 5, 6], 2, async (x) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
      return x * 10;
    });
    expect(out).toEqual([10, 20, 30, 40, 50, 60]);
    expect(peak).toBe(2);
  });
});

describe('cpu profile summary', () => {
  it('attributes self time per function and file, inclusive time up the stack', () => {
    const profile = {
      startTime: 0,
      endTime: 30,
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2] },
        { id: 2, callFrame: { functionName: 'outer', url: 'file:///p/a.ts', lineNumber: 0 }, children: [3] },
        { id: 3, callFrame: { functionName: 'inner', url: 'file:///p/b.ts', lineNumber: 4 } },
      ],
      samples: [2, 3, 3],
      timeDeltas: [1000, 1000, 1000],
    };
    const s = summariseProfile(profile, '/p/', 5);
    expect(s.totalMs).toBe(3);
    expect(s.functions[0]).toMatchObject({ name: 'inner b.ts:5', selfMs: 2 });
    expect(s.inclusive[0]).toMatchObject({ name: 'outer a.ts:1', selfMs: 3 });
    expect(s.files.map((f) => f.name)).toEqual(['b.ts', 'a.ts']);
  });
});
