/**
 * The Lambda bundle as the CDK stack builds it: the stack's own bundling defaults
 * (lib/defaults.ts `bundlingDefaults()`), translated flag for flag the way NodejsFunction turns
 * them into an esbuild command line, run through esbuild's API. Measures the minified size
 * with the SDK bundled and with `@aws-sdk/*` external, and module init time in fresh processes.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
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
