/**
 * The Lambda bundle as the CDK stack builds it: the stack's own bundling defaults
 * (lib/defaults.ts `bundlingDefaults()`), translated flag for flag the way NodejsFunction turns
 * them into an esbuild command line, run through esbuild's API. Measures the minified size
 * with the SDK bundled and with `@aws-sdk/*` external, module init time in fresh processes, and
 * the cold start (init + first invocation against a loopback S3/DynamoDB stub), so that work
 * moved out of init into the first call still shows: `npx tsx bench/lib/bundle.ts [--runs N]`.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BuildOptions } from 'esbuild';
import { median } from './stats.ts';

const execFileAsync = promisify(execFile);

/** The subset of CDK's BundlingOptions that shapes the esbuild command (see NodejsFunction). */
export interface CdkBundlingLike {
  readonly format?: string;
  readonly target?: string;
  readonly mainFields?: readonly string[];
  readonly banner?: string;
  readonly footer?: string;
  readonly minify?: boolean;
  readonly sourceMap?: boolean;
  readonly sourceMapMode?: string;
  readonly sourcesContent?: boolean;
  readonly externalModules?: readonly string[];
  readonly bundleAwsSDK?: boolean;
  readonly define?: Readonly<Record<string, string>>;
  readonly loader?: Readonly<Record<string, string>>;
  readonly keepNames?: boolean;
  /** Declared by NodejsFunction (2.276) but never passed to esbuild: ignored here too, so the bench builds what CDK builds. */
  readonly charset?: string;
  /** Extra esbuild flags; the bench understands --alias, --charset, --legal-comments and --drop (others throw). */
  readonly esbuildArgs?: Readonly<Record<string, string | boolean | readonly string[]>>;
}

/** Where NodejsFunction runs esbuild (its projectRoot): relative alias paths resolve from here. */
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The esbuild API options for NodejsFunction's `esbuildArgs` (the CLI flags the stack passes). */
export function esbuildArgsToOptions(args: CdkBundlingLike['esbuildArgs'], root = PROJECT_ROOT): Partial<BuildOptions> {
  const alias: Record<string, string> = {};
  const drop: Array<'console' | 'debugger'> = [];
  const out: Partial<BuildOptions> = {};
  const values = (v: string | boolean | readonly string[]): readonly string[] => (Array.isArray(v) ? v : [String(v)]);
  for (const [flag, value] of Object.entries(args ?? {})) {
    const [name, inline] = flag.split(/:(.*)/s, 2) as [string, string | undefined];
    // "--alias": ["a=./x"] and "--alias:a": "./x" are the two spellings CDK accepts.
    const items = inline === undefined ? values(value) : values(value).map((v) => `${inline}=${v}`);
    if (name === '--alias') {
      for (const item of items) {
        const [from, to] = item.split(/=(.*)/s, 2) as [string, string | undefined];
        if (!to) throw new Error(`esbuildArgs --alias needs from=to, got ${item}`);
        alias[from] = to.startsWith('./') || to.startsWith('../') ? join(root, to) : to;
      }
    } else if (name === '--charset') {
      out.charset = items[0] as BuildOptions['charset'];
    } else if (name === '--legal-comments') {
      out.legalComments = items[0] as BuildOptions['legalComments'];
    } else if (name === '--drop') {
      drop.push(...(items as Array<'console' | 'debugger'>));
    } else {
      throw new Error(`esbuildArgs ${flag} is not translated by the bench (bench/lib/bundle.ts): add it there`);
    }
  }
  return { ...out, ...(Object.keys(alias).length ? { alias } : {}), ...(drop.length ? { drop } : {}) };
}

/** What NodejsFunction externalises when neither externalModules nor bundleAwsSDK say otherwise (Node 18+). */
export const CDK_DEFAULT_SDK_EXTERNALS = ['@aws-sdk/*'] as const;

/**
 * esbuild options equivalent to NodejsFunction's command line for these bundling props
 * (`--bundle --platform=node --target --format --outfile --minify --sourcemap[=mode]
 * --sources-content --external --loader --define --keep-names --banner:js --footer:js --main-fields`).
 * `externalSdk` forces `@aws-sdk/*` external (the second measured variant).
 */
export function esbuildOptionsFromCdk(b: CdkBundlingLike, entry: string, outfile: string, externalSdk: boolean): BuildOptions {
  const externals = externalSdk
    ? [...CDK_DEFAULT_SDK_EXTERNALS]
    : [...(b.externalModules ?? (b.bundleAwsSDK ? [] : CDK_DEFAULT_SDK_EXTERNALS))];
  const sourceMapEnabled = b.sourceMapMode !== undefined ? true : Boolean(b.sourceMap);
  const mode = b.sourceMapMode ?? 'default';
  return {
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: b.target ?? 'node22',
    ...(b.format ? { format: b.format as BuildOptions['format'] } : {}),
    outfile,
    minify: Boolean(b.minify),
    ...(sourceMapEnabled ? { sourcemap: mode === 'default' ? true : (mode as BuildOptions['sourcemap']) } : {}),
    ...(b.sourcesContent === false ? { sourcesContent: false } : {}),
    external: externals,
    ...(b.loader ? { loader: { ...b.loader } as BuildOptions['loader'] } : {}),
    ...(b.define ? { define: { ...b.define } } : {}),
    ...(b.keepNames ? { keepNames: true } : {}),
    ...(b.banner ? { banner: { js: b.banner } } : {}),
    ...(b.footer ? { footer: { js: b.footer } } : {}),
    ...(b.mainFields ? { mainFields: [...b.mainFields] } : {}),
    ...esbuildArgsToOptions(b.esbuildArgs),
    absWorkingDir: PROJECT_ROOT,
    logLevel: 'silent',
    metafile: true,
  };
}

export interface BundleVariant {
  readonly name: 'sdk-bundled' | 'sdk-external';
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly sourceMapBytes: number | null;
  /** Largest inputs by bytes in the output (from the esbuild metafile). */
  readonly topInputs: ReadonlyArray<{ readonly path: string; readonly bytes: number }>;
}

/** Build one variant into `outDir/<name>/index.mjs` and measure it. */
export async function buildVariant(
  bundling: CdkBundlingLike,
  entry: string,
  outDir: string,
  name: BundleVariant['name'],
): Promise<BundleVariant> {
  const esbuild = await import('esbuild');
  const dir = join(outDir, name);
  await mkdir(dir, { recursive: true });
  const file = join(dir, bundling.format === 'cjs' ? 'index.js' : 'index.mjs');
  const result = await esbuild.build(esbuildOptionsFromCdk(bundling, entry, file, name === 'sdk-external'));
  const code = await readFile(file);
  let sourceMapBytes: number | null = null;
  try {
    sourceMapBytes = (await stat(`${file}.map`)).size;
  } catch {
    sourceMapBytes = null;
  }
  const output = Object.values(result.metafile?.outputs ?? {}).find((o) => o.entryPoint !== undefined);
  const byPackage = new Map<string, number>();
  for (const [path, info] of Object.entries(output?.inputs ?? {})) {
    const key = packageOf(path);
    byPackage.set(key, (byPackage.get(key) ?? 0) + info.bytesInOutput);
  }
  const topInputs = [...byPackage.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([path, bytes]) => ({ path, bytes }));
  return { name, file, bytes: code.length, gzipBytes: gzipSync(code).length, sourceMapBytes, topInputs };
}

/** "node_modules/@aws-sdk/client-s3/dist-es/x.js" -> "@aws-sdk/client-s3"; project files -> their top folder. */
export function packageOf(path: string): string {
  const i = path.lastIndexOf('node_modules/');
  if (i >= 0) {
    const rest = path.slice(i + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? path);
  }
  return `(project) ${path.split('/')[0] ?? path}`;
}

/** Environment the handler module needs at import time (names from functions/shared/config.ts). */
export const INIT_ENV: Readonly<Record<string, string>> = {
  TABLE_NAME: 'bench-articles',
  BODIES_BUCKET: 'bench-bodies',
  MAX_OBJECT_BYTES: '10485760',
  LOG_LEVEL: 'INFO',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  POWERTOOLS_SERVICE_NAME: 'article-ingest',
  POWERTOOLS_METRICS_NAMESPACE: 'ArticleIngest',
  POWERTOOLS_DEV: 'false',
  AWS_LAMBDA_FUNCTION_NAME: 'bench-ingest',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
};

const INIT_SCRIPT =
  'const c0 = process.cpuUsage(); const t0 = performance.now(); const m = await import(process.argv[1]);' +
  ' const ms = performance.now() - t0; const c = process.cpuUsage(c0);' +
  ' process.stdout.write(JSON.stringify({ ms, cpuMs: (c.user + c.system) / 1000, handler: typeof m.handler }));';

export interface InitResult {
  readonly runsMs: readonly number[];
  readonly medianMs: number;
  /** CPU time of the import (user + system), median: what a dedicated core would take, roughly. */
  readonly cpuRunsMs: readonly number[];
  readonly medianCpuMs: number;
  /** Lowest CPU time seen: the closest to an idle machine on a shared one. */
  readonly minCpuMs: number;
  readonly handlerExported: boolean;
}

/**
 * `import()` of the built file in `runs` fresh Node processes (with `nodeFlags`, e.g. the
 * stack's `--enable-source-maps`); median of the measured times.
 */
export async function measureInit(file: string, runs: number, nodeFlags: readonly string[] = []): Promise<InitResult> {
  const runsMs: number[] = [];
  const cpuRunsMs: number[] = [];
  let handlerExported = true;
  for (let i = 0; i < runs; i++) {
    const { stdout } = await execFileAsync(process.execPath, [...nodeFlags, '--input-type=module', '-e', INIT_SCRIPT, pathToFileURL(file).href], {
      env: { PATH: process.env.PATH ?? '', ...INIT_ENV },
      timeout: 60_000,
    });
    const parsed = JSON.parse(stdout) as { ms: number; cpuMs: number; handler: string };
    runsMs.push(parsed.ms);
    cpuRunsMs.push(parsed.cpuMs);
    handlerExported &&= parsed.handler === 'function';
  }
  return { runsMs, medianMs: median(runsMs), cpuRunsMs, medianCpuMs: median(cpuRunsMs), minCpuMs: Math.min(...cpuRunsMs), handlerExported };
}

// ---- cold start: init + first invocation -----------------------------------------------------

/** Raw-object keys of the cold-start batch (served by the stub). */
const COLD_KEYS_PREFIX = 'cold/';

/**
 * Child script: import the bundle (init), then invoke its `handler` twice with the same-shaped
 * batch (first = cold invocation, second = warm, for comparison). Logs and EMF go to stdout like
 * on Lambda; the figures come back on the last line, after a marker.
 */
const COLD_SCRIPT = `
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const c0 = cpu(); const t0 = performance.now();
const m = await import(process.argv[1]);
const t1 = performance.now(); const c1 = cpu();
const events = JSON.parse(process.env.BENCH_COLD_EVENTS);
const context = { callbackWaitsForEmptyEventLoop: false, functionName: 'bench-ingest', functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:bench-ingest', memoryLimitInMB: '1024', awsRequestId: 'cold',
  logGroupName: '/aws/lambda/bench-ingest', logStreamName: 'bench', getRemainingTimeInMillis: () => 30000 };
const r1 = await m.handler(events[0], context);
const t2 = performance.now(); const c2 = cpu();
const r2 = await m.handler(events[1], { ...context, awsRequestId: 'warm' });
const t3 = performance.now(); const c3 = cpu();
const failures = (r1?.batchItemFailures?.length ?? 0) + (r2?.batchItemFailures?.length ?? 0);
process.stdout.write('\\n${'@@COLD@@'}' + JSON.stringify({ initMs: t1 - t0, initCpuMs: c1 - c0, firstMs: t2 - t1, firstCpuMs: c2 - c1,
  warmMs: t3 - t2, warmCpuMs: c3 - c2, failures }) + '\\n');
process.exit(0);
`;

/** One fresh process: module init, then the first (cold) and second (warm) invocation of one batch. */
export interface ColdStartRun {
  readonly initMs: number;
  readonly initCpuMs: number;
  /** First invocation of `handler` (one batch): lazy set-up, first connections, cold JIT. */
  readonly firstMs: number;
  readonly firstCpuMs: number;
  /** The same batch again in the same process: what the first invocation would cost warm. */
  readonly warmMs: number;
  readonly warmCpuMs: number;
  readonly failures: number;
}

/** The timings of ColdStartRun as medians over runs (failures: the total), plus the cold start. */
export interface ColdStartResult extends ColdStartRun {
  readonly runs: readonly ColdStartRun[];
  readonly batchSize: number;
  /** init + first invocation (median of the per-run sums): the cold start. */
  readonly coldMs: number;
  readonly coldCpuMs: number;
  /** Lowest per-run CPU sum: the closest to an idle machine on a shared one. */
  readonly minColdCpuMs: number;
}

interface StubServer {
  readonly endpoint: string;
  readonly requests: { s3Get: number; s3Put: number; ddb: number; other: number };
  close(): Promise<void>;
}

/**
 * Loopback stand-in for S3 and DynamoDB, so the bundle runs its real SDK clients (endpoint
 * resolution, signing, HTTP, parsing) with no network: GET /bucket/key answers the page,
 * PUT answers an ETag, any DynamoDB JSON call answers `{}` (a PutItem that succeeds).
 */
async function startStub(pages: ReadonlyMap<string, Buffer>): Promise<StubServer> {
  const { createServer } = await import('node:http');
  const requests = { s3Get: 0, s3Put: 0, ddb: 0, other: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = req.headers['x-amz-target'];
      if (typeof target === 'string' && target.startsWith('DynamoDB_')) {
        requests.ddb++;
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{}');
        return;
      }
      const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
      const key = path.split('/').slice(2).join('/');
      if (req.method === 'GET' && pages.has(key)) {
        requests.s3Get++;
        const body = pages.get(key) as Buffer;
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length, etag: '"cold"', 'last-modified': new Date(0).toUTCString() }).end(body);
      } else if (req.method === 'PUT') {
        requests.s3Put++;
        res.writeHead(200, { etag: '"put"' }).end();
      } else {
        requests.other++;
        res.writeHead(404, { 'content-type': 'application/xml' }).end('<Error><Code>NoSuchKey</Code><Message>stub</Message></Error>');
      }
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/**
 * Cold start of the built bundle, as Lambda pays it: in each of `runs` fresh Node processes,
 * `import()` (init) and then the first invocation of `handler` with one SQS batch of `batchSize`
 * generated articles, the deployed code path end to end (config from the environment, the
 * function's own SDK clients) against a loopback S3/DynamoDB stub (AWS_ENDPOINT_URL_S3 /
 * AWS_ENDPOINT_URL_DYNAMODB). Also times a second, warm invocation of the same batch.
 */
export async function measureColdStart(file: string, runs: number, batchSize = 10, nodeFlags: readonly string[] = []): Promise<ColdStartResult> {
  const { generatePages } = await import('./generate.ts');
  const { sqsEventFor } = await import('./handler.ts');
  const texts = generatePages(batchSize, 101);
  const pages = new Map(texts.map((t, i) => [`${COLD_KEYS_PREFIX}${i}.txt`, Buffer.from(t, 'utf8')]));
  const keys = [...pages.keys()];
  const sizes = keys.map((k) => pages.get(k)?.length ?? 0);
  const events = [sqsEventFor(keys, sizes, 1), sqsEventFor(keys, sizes, 1 + batchSize)];
  const stub = await startStub(pages);
  const out: ColdStartRun[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const { stdout } = await execFileAsync(process.execPath, [...nodeFlags, '--no-warnings', '--input-type=module', '-e', COLD_SCRIPT, pathToFileURL(file).href], {
        env: {
          PATH: process.env.PATH ?? '',
          ...INIT_ENV,
          AWS_ENDPOINT_URL_S3: stub.endpoint,
          AWS_ENDPOINT_URL_DYNAMODB: stub.endpoint,
          BENCH_COLD_EVENTS: JSON.stringify(events),
        },
        timeout: 120_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      const marker = stdout.lastIndexOf('@@COLD@@');
      if (marker < 0) throw new Error(`cold-start child printed no result: ${stdout.slice(-500)}`);
      out.push(JSON.parse(stdout.slice(marker + '@@COLD@@'.length)) as ColdStartRun);
    }
  } finally {
    await stub.close();
  }
  const med = (f: (r: ColdStartRun) => number) => median(out.map(f));
  return {
    runs: out,
    batchSize,
    initMs: med((r) => r.initMs),
    initCpuMs: med((r) => r.initCpuMs),
    firstMs: med((r) => r.firstMs),
    firstCpuMs: med((r) => r.firstCpuMs),
    warmMs: med((r) => r.warmMs),
    warmCpuMs: med((r) => r.warmCpuMs),
    coldMs: med((r) => r.initMs + r.firstMs),
    coldCpuMs: med((r) => r.initCpuMs + r.firstCpuMs),
    minColdCpuMs: Math.min(...out.map((r) => r.initCpuMs + r.firstCpuMs)),
    failures: out.reduce((n, r) => n + r.failures, 0) + stub.requests.other,
  };
}

/** Package sizes of the built variants and cold start of the bundled one, e.g. `npx tsx bench/lib/bundle.ts --runs 5`. */
async function main(argv: readonly string[]): Promise<void> {
  const flag = (name: string, fallback: string): string => {
    const i = argv.indexOf(name);
    return i >= 0 ? (argv[i + 1] ?? fallback) : fallback;
  };
  const runs = Number(flag('--runs', '5'));
  const outDir = join(PROJECT_ROOT, flag('--out', 'bench/results/bundle'));
  const entry = join(PROJECT_ROOT, 'functions/ingest/index.ts');
  const { bundlingDefaults } = (await import('../../lib/defaults.ts')) as { bundlingDefaults: () => CdkBundlingLike };
  const bundling = bundlingDefaults();
  for (const name of ['sdk-bundled', 'sdk-external'] as const) {
    const v = await buildVariant(bundling, entry, outDir, name);
    const cold = await measureColdStart(v.file, runs);
    const r = (n: number) => n.toFixed(1);
    console.log(`${name}: ${v.bytes} bytes (gzip ${v.gzipBytes}); top ${v.topInputs.map((t) => `${t.path} ${t.bytes}`).join(', ')}`);
    console.log(
      `  init ${r(cold.initMs)} ms (CPU ${r(cold.initCpuMs)}) + first invocation of ${cold.batchSize} ${r(cold.firstMs)} ms (CPU ${r(cold.firstCpuMs)})` +
        ` = cold ${r(cold.coldMs)} ms (CPU ${r(cold.coldCpuMs)}, min ${r(cold.minColdCpuMs)}); warm invocation ${r(cold.warmMs)} ms (CPU ${r(cold.warmCpuMs)}); failures ${cold.failures}`,
    );
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv.slice(2));
