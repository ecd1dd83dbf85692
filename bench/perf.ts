/**
 * `npm run bench`: performance of the cleaner, the handler path, the Lambda bundle and the local
 * stack, a cost model from the measured figures, and PASS/MISS against the targets.
 * Prints a table (or, with --json, ONE JSON object) and writes bench/results/<timestamp>.json.
 * Flags: see USAGE in bench/lib/args.ts.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs, SECTIONS, type BenchArgs } from './lib/args.ts';
import { buildVariant, INIT_ENV, measureColdStart, measureInit, type CdkBundlingLike } from './lib/bundle.ts';
import { concatWindows, loadCorpus, type Corpus } from './lib/corpus.ts';
import { DEFAULT_IO_MS_PER_ARTICLE, estimateCost, PRICES_AS_OF, type CostBreakdown, type CostInputs } from './lib/cost.ts';
import { BenchArgsError } from './lib/errors.ts';
import { measureHandler, type HandlerResult } from './lib/handler.ts';
import { loadPart, PROJECT_ROOT } from './lib/load.ts';
import { measureLocal, type LocalResult } from './lib/local.ts';
import { readabilityExtract, textToHtml } from './lib/readability.ts';
import { median, round, utf8Bytes } from './lib/stats.ts';
import { fmt, fmtBytes, renderTable } from './lib/table.ts';
import { judge, TARGETS, type TargetVerdict } from './lib/targets.ts';
import { measureThroughput, type ThroughputResult } from './lib/throughput.ts';

type CleanFn = (text: string) => unknown;

/** Run counts: normal and --quick. */
const RUNS = {
  normal: { warmup: 3, runs: 7, readabilityRuns: 3, growthRuns: 5, handlerRuns: 5, initRuns: 5 },
  quick: { warmup: 1, runs: 2, readabilityRuns: 1, growthRuns: 2, handlerRuns: 2, initRuns: 2 },
} as const;

/** Stack settings the cost model uses when lib/defaults.ts cannot be loaded. */
const FALLBACK_STACK = { memoryMB: 1024, batchSize: 10, gsiCount: 2 } as const;

interface Report {
  [key: string]: unknown;
  notes: string[];
}

function log(args: BenchArgs, msg: string): void {
  (args.json ? process.stderr : process.stdout).write(`${msg}\n`);
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function loadClean(report: Report): Promise<CleanFn> {
  const mod = await loadPart<{ clean?: CleanFn; CLEANER_VERSION?: string }>('cleaner', 'cleaner/index.ts');
  if (typeof mod.clean !== 'function') throw new Error('cleaner/index.ts does not export clean()');
  report.cleanerVersion = mod.CLEANER_VERSION ?? null;
  return mod.clean;
}

/** The commit measured (and whether the tree had changes), so result files can be compared. */
function gitDescribe(): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    return dirty ? `${head}+changes` : head;
  } catch {
    return null;
  }
}

interface StackSettings {
  readonly memoryMB: number;
  readonly batchSize: number;
  readonly gsiCount: number;
  readonly bundling: CdkBundlingLike | null;
  readonly entry: string;
  readonly source: string;
}

async function loadStackSettings(): Promise<StackSettings> {
  try {
    const defaults = await loadPart<{
      bundlingDefaults: () => CdkBundlingLike;
      ingestFunctionDefaults: () => { memorySize: number };
      eventSourceDefaults: () => { batchSize: number };
    }>('CDK defaults', 'lib/defaults.ts');
    const schema = await loadPart<{ ARTICLES_TABLE: { indexes: Record<string, unknown> } }>('table schema', 'lib/table-schema.ts');
    let entry = 'functions/ingest/index.ts';
    try {
      entry = (await loadPart<{ INGEST_ENTRY?: string }>('ingest construct', 'lib/ingest-function.ts')).INGEST_ENTRY ?? entry;
    } catch {
      /* keep the default entry */
    }
    return {
      memoryMB: defaults.ingestFunctionDefaults().memorySize,
      batchSize: defaults.eventSourceDefaults().batchSize,
      gsiCount: Object.keys(schema.ARTICLES_TABLE.indexes).length,
      bundling: defaults.bundlingDefaults(),
      entry,
      source: 'lib/defaults.ts',
    };
  } catch (err) {
    return { ...FALLBACK_STACK, bundling: null, entry: 'functions/ingest/index.ts', source: `fallback (${reason(err)})` };
  }
}

function throughputJson(t: ThroughputResult): Record<string, number> {
  return {
    pages: t.pages,
    bytes: t.bytes,
    runs: t.runs,
    medianRunMs: round(t.medianRunMs, 3),
    mbps: round(t.mbps, 2),
    mbpsCpu: round(t.mbpsCpu, 2),
    pagesPerSec: round(t.pagesPerSec, 1),
    p50Ms: round(t.p50Ms, 4),
    p99Ms: round(t.p99Ms, 4),
    maxPageMs: round(t.maxPageMs, 3),
    retainedHeapBytes: t.retainedHeapBytes,
    peakHeapDeltaBytes: t.peakHeapDeltaBytes,
    maxRssBytes: t.maxRssBytes,
  };
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  const runs = args.quick ? RUNS.quick : RUNS.normal;
  const started = new Date();
  const notes: string[] = [];
  const report: Report = {
    timestamp: started.toISOString(),
    commit: gitDescribe(),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    loadAverageAtStart: loadavg().map((v) => round(v, 2)),
    quick: args.quick,
    sections: [...args.only],
    notes,
  };
  for (const section of SECTIONS) if (!args.only.has(section)) notes.push(`${section}: skipped (--only)`);
  const corpus: Corpus = await loadCorpus(resolve(PROJECT_ROOT, args.corpus));
  report.corpus = { source: corpus.source, pages: corpus.pages.length, bytes: corpus.bytes };
  log(args, `corpus: ${corpus.pages.length} pages, ${fmtBytes(corpus.bytes)} from ${corpus.source}`);
  const stack = await loadStackSettings();
  report.stack = { memoryMB: stack.memoryMB, batchSize: stack.batchSize, gsiCount: stack.gsiCount, source: stack.source };

  // ---- cleaner, Readability, growth ------------------------------------------------------------
  let clean: CleanFn | null = null;
  let cleaner: ThroughputResult | null = null;
  let readability: ThroughputResult | null = null;
  let growth: { ratio: number; ms1x: number; ms4x: number; bytes1x: number; bytes4x: number } | null = null;
  const wantCleaner = args.only.has('cleaner') || args.only.has('growth');
  if (wantCleaner) {
    try {
      clean = await loadClean(report);
    } catch (err) {
      notes.push(`cleaner: n/a (${reason(err)})`);
    }
  }
  if (clean && args.only.has('cleaner')) {
    log(args, 'cleaner: measuring...');
    cleaner = measureThroughput(clean, corpus.pages, { warmupRuns: runs.warmup, runs: runs.runs }, utf8Bytes);
    report.cleaner = throughputJson(cleaner);
  }
  if (args.only.has('readability')) {
    log(args, 'readability: measuring (same pages, lines wrapped in <p>)...');
    const html = corpus.pages.map(textToHtml);
    readability = measureThroughput(readabilityExtract, html, {
      warmupRuns: 1,
      runs: runs.readabilityRuns,
      bytes: corpus.bytes,
    }, utf8Bytes);
    report.readability = throughputJson(readability);
  }
  if (clean && args.only.has('growth')) {
    log(args, 'growth: cleaner at 1x vs 4x input...');
    const four = concatWindows(corpus.pages, 4);
    const t1 = measureThroughput(clean, corpus.pages, { warmupRuns: 1, runs: runs.growthRuns }, utf8Bytes);
    const t4 = measureThroughput(clean, four, { warmupRuns: 1, runs: runs.growthRuns }, utf8Bytes);
    // Cost per input at 4x vs at 1x, normalised to exactly 4x the bytes (the separators add a few).
    // CPU time, not wall time: a ratio of two wall times on a shared machine is mostly noise.
    const norm = (4 * t1.bytes) / t4.bytes;
    const ratio = (median(t4.runCpuMs) / median(t1.runCpuMs)) * norm;
    const ratioWall = (t4.medianRunMs / t1.medianRunMs) * norm;
    growth = { ratio, ms1x: t1.medianRunMs / t1.pages, ms4x: t4.medianRunMs / t4.pages, bytes1x: t1.bytes, bytes4x: t4.bytes };
    report.growth = { ratio: round(ratio, 3), ratioWall: round(ratioWall, 3), msPerInput1x: round(growth.ms1x, 4), msPerInput4x: round(growth.ms4x, 4), bytes1x: t1.bytes, bytes4x: t4.bytes };
  }

  // ---- handler path ---------------------------------------------------------------------------
  let handler: HandlerResult | null = null;
  let handlerSdk: HandlerResult | null = null;
  if (args.only.has('handler')) {
    log(args, `handler: SQS batches of ${stack.batchSize} through createHandler(deps) with mocked S3/DynamoDB...`);
    try {
      const cleanAlone = clean ?? (await loadClean(report).catch(() => undefined));
      handler = await measureHandler(corpus.pages, { batchSize: stack.batchSize, runs: runs.handlerRuns, warmupRuns: 1, ...(cleanAlone ? { clean: cleanAlone } : {}) }, 'mock');
      report.handler = handler;
      log(args, 'handler: again with the real SDK middleware over a stub HTTP handler...');
      handlerSdk = await measureHandler(corpus.pages, { batchSize: stack.batchSize, runs: runs.handlerRuns, warmupRuns: 1 }, 'stub-http');
      report.handlerFullSdk = handlerSdk;
    } catch (err) {
      notes.push(`handler: n/a (${reason(err)})`);
    }
  }

  // ---- bundle ---------------------------------------------------------------------------------
  let bundle: { bytes: number; externalBytes: number; initMs: number } | null = null;
  if (args.only.has('bundle')) {
    log(args, 'bundle: esbuild with the stack\'s bundling options, then import() in fresh processes...');
    try {
      if (!stack.bundling) throw new Error(`bundling options not loaded: ${stack.source}`);
      const entry = resolve(PROJECT_ROOT, stack.entry);
      const outDir = resolve(PROJECT_ROOT, args.outDir, 'bundle');
      const bundled = await buildVariant(stack.bundling, entry, outDir, 'sdk-bundled');
      const external = await buildVariant(stack.bundling, entry, outDir, 'sdk-external');
      const init = await measureInit(bundled.file, runs.initRuns);
      const initExternal = await measureInit(external.file, runs.initRuns);
      const initSourceMaps = await measureInit(bundled.file, runs.initRuns, ['--enable-source-maps']);
      // the deployed function runs with source maps: its cold start is init + the first batch
      const cold = await measureColdStart(bundled.file, runs.initRuns, stack.batchSize, ['--enable-source-maps']);
      if (cold.failures > 0) notes.push(`bundle: ${cold.failures} record(s) failed in the cold-start runs`);
      if (!init.handlerExported) notes.push('bundle: the built module does not export a handler function');
      bundle = { bytes: bundled.bytes, externalBytes: external.bytes, initMs: init.medianMs };
      report.bundle = {
        entry: stack.entry,
        bundled: { bytes: bundled.bytes, gzipBytes: bundled.gzipBytes, sourceMapBytes: bundled.sourceMapBytes, topInputs: bundled.topInputs },
        external: { bytes: external.bytes, gzipBytes: external.gzipBytes, topInputs: external.topInputs },
        initMs: round(init.medianMs, 2),
        initRunsMs: init.runsMs.map((v) => round(v, 2)),
        initCpuMs: round(init.medianCpuMs, 2),
        initCpuMsMin: round(init.minCpuMs, 2),
        initCpuMsMinWithSourceMaps: round(initSourceMaps.minCpuMs, 2),
        initMsExternalSdk: round(initExternal.medianMs, 2),
        initCpuMsExternalSdk: round(initExternal.medianCpuMs, 2),
        initMsWithSourceMaps: round(initSourceMaps.medianMs, 2),
        initCpuMsWithSourceMaps: round(initSourceMaps.medianCpuMs, 2),
        initEnv: Object.keys(INIT_ENV),
        coldStart: {
          batchSize: cold.batchSize,
          initCpuMs: round(cold.initCpuMs, 2),
          firstInvocationCpuMs: round(cold.firstCpuMs, 2),
          coldCpuMs: round(cold.coldCpuMs, 2),
          coldCpuMsMin: round(cold.minColdCpuMs, 2),
          warmInvocationCpuMs: round(cold.warmCpuMs, 2),
          failures: cold.failures,
        },
      };
    } catch (err) {
      notes.push(`bundle: n/a (${reason(err)})`);
    }
  }

  // ---- local stack ----------------------------------------------------------------------------
  let local: LocalResult | null = null;
  if (args.only.has('local')) {
    log(args, `local: ${args.localCount} generated articles through the in-process stack...`);
    try {
      local = await measureLocal(args.localCount);
      report.local = local;
      if (local.records !== local.articles || local.deadLettered > 0) {
        notes.push(`local: ${local.records} records for ${local.articles} uploads, ${local.deadLettered} dead-lettered`);
      }
    } catch (err) {
      notes.push(`local: n/a (${reason(err)})`);
    }
  }

  // ---- cost model -----------------------------------------------------------------------------
  let cost: CostBreakdown | null = null;
  if (handler) {
    const inputs: CostInputs = {
      articles: 1_000_000,
      batchSize: stack.batchSize,
      memoryMB: stack.memoryMB,
      cpuMsPerArticle: handler.cpuMsPerArticle,
      ioMsPerArticle: args.ioMs,
      ioConcurrency: args.ioConcurrency ?? stack.batchSize,
      s3PutsPerArticle: 1 + handler.s3PutsPerArticle,
      s3GetsPerArticle: handler.s3GetsPerArticle,
      itemBytes: handler.itemBytesAvg,
      wruPerWriteAvg: handler.wruPerWriteAvg,
      gsiCount: stack.gsiCount,
      logBytesPerArticle: handler.logBytesPerArticle,
    };
    cost = estimateCost(inputs);
    report.cost = { pricesAsOf: PRICES_AS_OF, inputs, breakdown: cost };
  } else {
    notes.push('cost: n/a (needs the handler figure)');
  }

  // ---- headline keys + targets ------------------------------------------------------------------
  const speedup = cleaner && readability ? cleaner.mbps / readability.mbps : null;
  const headline = {
    cleanerMBps: cleaner ? round(cleaner.mbps, 2) : null,
    cleanerPagesPerSec: cleaner ? round(cleaner.pagesPerSec, 1) : null,
    cleanerP50Ms: cleaner ? round(cleaner.p50Ms, 4) : null,
    cleanerP99Ms: cleaner ? round(cleaner.p99Ms, 4) : null,
    readabilityMBps: readability ? round(readability.mbps, 3) : null,
    speedupVsReadability: speedup === null ? null : round(speedup, 2),
    growthRatio4x: growth ? round(growth.ratio, 3) : null,
    handlerArticlesPerSec: handler ? round(handler.articlesPerSec, 1) : null,
    handlerFullSdkArticlesPerSec: handlerSdk ? round(handlerSdk.articlesPerSec, 1) : null,
    // CPU per article beyond clean(): decode, S3 event parsing, SDK (mocked) calls, marshal, logs, middy.
    handlerOverheadMsPerArticle: handler?.cpuMsBeyondCleanPerArticle != null ? round(handler.cpuMsBeyondCleanPerArticle, 3) : null,
    bundleBytes: bundle?.bytes ?? null,
    bundleExternalSdkBytes: bundle?.externalBytes ?? null,
    initMs: bundle ? round(bundle.initMs, 2) : null,
    localArticlesPerSec: local ? round(local.articlesPerSec, 1) : null,
    costPerMillionUSD: cost ? round(cost.totalUSD, 4) : null,
  };
  Object.assign(report, headline);
  report.loadAverageAtEnd = loadavg().map((v) => round(v, 2));
  const verdicts: TargetVerdict[] = TARGETS.map((t) => judge(t, (headline as Record<string, number | null>)[t.key]));
  report.targets = verdicts.map((v) => ({ key: v.target.key, op: v.target.op, target: v.target.value, actual: v.actual, status: v.status }));

  await mkdir(resolve(PROJECT_ROOT, args.outDir), { recursive: true });
  const file = join(resolve(PROJECT_ROOT, args.outDir), `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify({ ...headline, ...report }, null, 2)}\n`);

  if (args.json) {
    process.stdout.write(`${JSON.stringify({ ...headline, ...report, resultFile: file })}\n`);
  } else {
    process.stdout.write(`\n${renderReport(report, headline, verdicts, cost, args)}\nresults: ${file}\n`);
  }
  return 0;
}

function topAttributes(bytes: Readonly<Record<string, number>>): string {
  return Object.entries(bytes).slice(0, 3).map(([k, v]) => `${k} ${fmtBytes(v)}`).join(', ');
}

function renderReport(
  report: Report,
  h: Record<string, number | null>,
  verdicts: readonly TargetVerdict[],
  cost: CostBreakdown | null,
  args: BenchArgs,
): string {
  const out: string[] = [];
  const c = report.cleaner as Record<string, number> | undefined;
  const r = report.readability as Record<string, number> | undefined;
  const hd = report.handler as HandlerResult | undefined;
  const b = report.bundle as { bundled: { bytes: number; gzipBytes: number }; external: { bytes: number; gzipBytes: number }; initMsExternalSdk: number; initMsWithSourceMaps: number; initCpuMs: number; initCpuMsMin: number; initCpuMsExternalSdk: number; initCpuMsWithSourceMaps: number; initCpuMsMinWithSourceMaps: number; coldStart: { batchSize: number; initCpuMs: number; firstInvocationCpuMs: number; coldCpuMs: number; coldCpuMsMin: number; warmInvocationCpuMs: number } } | undefined;
  const l = report.local as LocalResult | undefined;
  out.push(`article-ingest perf  ${report.timestamp as string}  commit ${String(report.commit)}  cleaner ${String(report.cleanerVersion ?? 'n/a')}  node ${report.node as string}  ${report.cpu as string}${args.quick ? '  (--quick)' : ''}`);
  const corpus = report.corpus as { source: string; pages: number; bytes: number };
  out.push(`corpus: ${corpus.pages} pages, ${fmtBytes(corpus.bytes)} (${corpus.source})`);
  out.push(`load average (1/5/15 min) at start ${(report.loadAverageAtStart as number[]).join(' / ')}, at end ${(report.loadAverageAtEnd as number[]).join(' / ')} on ${report.cores as number} cores: wall-time figures are pessimistic on a busy machine`);
  out.push('');
  out.push(renderTable(['measure', 'value', 'detail'], [
    ['cleaner MB/s (1 core, median)', fmt(h.cleanerMBps, 2), c ? `${fmt(c.runs, 0)} runs; by CPU time ${fmt(c.mbpsCpu, 2)}` : 'n/a'],
    ['cleaner pages/s', fmt(h.cleanerPagesPerSec, 0), ''],
    ['cleaner per page p50 / p99 (ms)', c ? `${fmt(c.p50Ms, 3)} / ${fmt(c.p99Ms, 3)}` : 'n/a', c ? `max ${fmt(c.maxPageMs, 2)}` : ''],
    ['cleaner memory', c ? `${fmtBytes(c.retainedHeapBytes)} retained` : 'n/a', c ? `peak heap +${fmtBytes(c.peakHeapDeltaBytes)}, process maxRSS ${fmtBytes(c.maxRssBytes)}` : ''],
    ['Readability MB/s (linkedom)', fmt(h.readabilityMBps, 2), r ? `p99 ${fmt(r.p99Ms, 2)} ms/page; by CPU time ${fmt(r.mbpsCpu, 2)}` : ''],
    ['speedup vs Readability', h.speedupVsReadability === null ? 'n/a' : `${fmt(h.speedupVsReadability, 1)}x`, ''],
    ['growth: cost at 4x input', h.growthRatio4x === null ? 'n/a' : `${fmt(h.growthRatio4x, 2)}x`, `of 1x by CPU time (4.0 = linear); wall ${fmt((report.growth as { ratioWall?: number } | undefined)?.ratioWall, 2)}x`],
    ['handler articles/s (1 core)', fmt(h.handlerArticlesPerSec, 0), hd ? `${fmt(hd.wallMsPerArticle, 3)} ms/article, batches of ${hd.batchSize}; by CPU time ${fmt(hd.articlesPerCpuSec, 0)}/s (${fmt(hd.cpuMsPerArticle, 3)} ms)` : ''],
    ['handler, real SDK middleware + stub HTTP', fmt(h.handlerFullSdkArticlesPerSec, 0), report.handlerFullSdk ? `by CPU time ${fmt((report.handlerFullSdk as HandlerResult).articlesPerCpuSec, 0)}/s (${fmt((report.handlerFullSdk as HandlerResult).cpuMsPerArticle, 3)} ms)` : ''],
    ['handler CPU beyond clean() (ms/article)', fmt(h.handlerOverheadMsPerArticle, 3), 'CPU, interleaved with clean() alone: decode, event parse, SDK (mocked), marshal, logs, middy'],
    ['handler record size (avg)', hd ? fmtBytes(hd.itemBytesAvg) : 'n/a', hd ? `max ${fmtBytes(hd.itemBytesMax)}; largest attributes ${topAttributes(hd.itemAttributeBytes)}` : ''],
    ['handler calls per article', hd ? `${fmt(hd.s3GetsPerArticle + hd.s3PutsPerArticle + hd.ddbPutsPerArticle + hd.ddbOtherCallsPerArticle, 2)}` : 'n/a', hd ? `S3 GET ${fmt(hd.s3GetsPerArticle, 2)}, body PUT ${fmt(hd.s3PutsPerArticle, 2)}, DDB put ${fmt(hd.ddbPutsPerArticle, 2)}, other DDB ${fmt(hd.ddbOtherCallsPerArticle, 2)}` : ''],
    ['bundle (SDK bundled, minified)', b ? fmtBytes(b.bundled.bytes) : 'n/a', b ? `gzip ${fmtBytes(b.bundled.gzipBytes)}` : ''],
    ['cold start: init + first batch (CPU ms)', b ? fmt(b.coldStart.coldCpuMs, 1) : 'n/a', b ? `init ${fmt(b.coldStart.initCpuMs, 1)} + first batch of ${b.coldStart.batchSize} ${fmt(b.coldStart.firstInvocationCpuMs, 1)} (warm batch ${fmt(b.coldStart.warmInvocationCpuMs, 1)}); min ${fmt(b.coldStart.coldCpuMsMin, 1)}` : ''],
    ['bundle (@aws-sdk/* external)', b ? fmtBytes(b.external.bytes) : 'n/a', b ? `gzip ${fmtBytes(b.external.gzipBytes)}` : ''],
    ['module init, import() (ms)', fmt(h.initMs, 1), b ? `CPU ${fmt(b.initCpuMs, 1)} (min ${fmt(b.initCpuMsMin, 1)}); SDK external ${fmt(b.initMsExternalSdk, 1)} (CPU ${fmt(b.initCpuMsExternalSdk, 1)}); --enable-source-maps ${fmt(b.initMsWithSourceMaps, 1)} (CPU ${fmt(b.initCpuMsWithSourceMaps, 1)}, min ${fmt(b.initCpuMsMinWithSourceMaps, 1)})` : ''],
    ['local stack articles/s', fmt(h.localArticlesPerSec, 0), l ? `${l.articles} articles in ${fmt(l.seconds, 2)} s; ${fmt(l.cpuMsPerArticle, 2)} ms CPU/article; ${l.records} records, ${l.deadLettered} dead` : ''],
    ['cost per 1M articles (USD)', cost ? `$${fmt(cost.totalUSD, 2)}` : 'n/a', cost ? `+ DynamoDB $${fmt(cost.dynamoUSD, 2)}, logs $${fmt(cost.logsUSD, 2)} (stated apart)` : ''],
  ]));
  out.push('');
  out.push(renderTable(['target', 'wanted', 'actual', 'verdict'], verdicts.map((v) => [
    v.target.label,
    `${v.target.op} ${fmt(v.target.value, v.target.unit === 'bytes' ? 0 : 1)} ${v.target.unit}`,
    v.actual === null ? 'n/a' : fmt(v.actual, v.target.unit === 'bytes' ? 0 : 2),
    v.status === 'n/a' ? 'n/a' : `${v.status} (${v.ratio !== null ? `${fmt(v.ratio, 2)}x of target` : ''})`,
  ])));
  if (cost) {
    const inputs = (report.cost as { inputs: CostInputs }).inputs;
    out.push('');
    out.push(`cost model per 1,000,000 articles (us-east-1 list prices as of ${PRICES_AS_OF}, arm64, free tiers ignored):`);
    out.push(renderTable(['item', 'quantity', 'USD'], [
      ['Lambda invocations', fmt(cost.invocations, 0), fmt(cost.lambdaRequestsUSD, 4)],
      [`Lambda GB-s (${inputs.memoryMB} MB, ${cost.billedMsPerInvocation} ms/batch)`, fmt(cost.gbSeconds, 1), fmt(cost.lambdaDurationUSD, 4)],
      ['SQS requests (1 send/object + receive+delete per batch)', fmt(cost.sqsRequests, 0), fmt(cost.sqsUSD, 4)],
      ['S3 PUT (upload + body objects)', fmt(cost.s3Puts, 0), fmt(cost.s3PutUSD, 4)],
      ['S3 GET', fmt(cost.s3Gets, 0), fmt(cost.s3GetUSD, 4)],
      ['total (Lambda + SQS + S3 requests)', '', fmt(cost.totalUSD, 4)],
      [`DynamoDB on-demand WRU (${fmt(cost.wruPerItem, 1)} WRU/item: table + ${inputs.gsiCount} GSIs of summaries)`, fmt(cost.dynamoWRU, 0), fmt(cost.dynamoUSD, 4)],
      [`CloudWatch Logs ingestion (${fmt(inputs.logBytesPerArticle ?? 0, 0)} B logged/article)`, `${fmt(cost.logGB, 2)} GB`, fmt(cost.logsUSD, 4)],
      ['total with DynamoDB and logs', '', fmt(cost.totalWithDynamoUSD, 4)],
    ]));
    out.push(`assumptions: duration/batch = ${inputs.batchSize} x (${fmt(inputs.cpuMsPerArticle, 3)} ms measured CPU x ${fmt(inputs.cpuSlowdown ?? 1769 / inputs.memoryMB, 2)} Lambda CPU share)` +
      ` + ${inputs.batchSize} x ${inputs.ioMsPerArticle} ms ASSUMED I/O latency / ${inputs.ioConcurrency} overlapping (--io-ms, --io-concurrency).`);
    out.push('Real S3/DynamoDB latency dominates the duration; storage, data transfer, CloudWatch and idle SQS polling are not included.');
    if (args.ioMs === DEFAULT_IO_MS_PER_ARTICLE) out.push(`(--io-ms defaults to ${DEFAULT_IO_MS_PER_ARTICLE}: a guess for in-region S3 GET + DynamoDB PutItem round trips.)`);
  }
  if (report.notes.length > 0) {
    out.push('');
    out.push('notes:');
    for (const n of report.notes) out.push(`  - ${n}`);
  }
  return out.join('\n');
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  if (err instanceof BenchArgsError) {
    (err.exitCode === 0 ? console.log : console.error)(err.message);
    process.exitCode = err.exitCode;
  } else {
    console.error(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  }
}
