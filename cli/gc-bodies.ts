/**
 * `articles gc-bodies [--older-than DURATION] [--dry-run]`: delete offloaded bodies
 * (`bodies/<articleId>/<sha256>.json` in the bodies bucket) that no record references any more
 * and that were last modified before the grace period. The logic is ops/body-gc.ts; this file
 * parses flags, resolves the target (local stack or --stack NAME) and prints the summary.
 *
 * Permissions (deployed): s3:ListBucket on the bodies bucket, s3:GetObject, s3:DeleteObject and
 * s3:DeleteObjectVersion (restore on the versioned bucket) on its objects, s3:PutObject (restore
 * on an unversioned bucket), dynamodb:GetItem on the table.
 */
import { BodyGarbageCollector, DEFAULT_GRACE_MS } from '../ops/body-gc.ts';
import { parse } from './args.ts';
import { CliError } from './errors.ts';
import { explainTargetError, resolveTarget, TARGET_OPTIONS, TARGET_USAGE } from './target.ts';
import { escapeText, safeJson } from './terminal.ts';

const USAGE = `usage: articles gc-bodies [--older-than DURATION (default 1d; e.g. 0, 90s, 30m, 12h, 7d)] [--dry-run] [--json] ${TARGET_USAGE}`;

/** Duration units accepted by --older-than, in milliseconds. */
const DURATION_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/;

/** `0`, `90s`, `30m`, `12h`, `7d` (a bare number is seconds) -> milliseconds. */
export function parseDuration(value: string | undefined, flag = '--older-than'): number {
  if (value === undefined) return DEFAULT_GRACE_MS;
  const m = DURATION.exec(value.trim());
  if (!m) throw new CliError(`${flag} must be a duration like 0, 90s, 30m, 12h or 7d, got ${JSON.stringify(value)}`, 2);
  return Math.round(Number(m[1]) * DURATION_UNITS[m[2] ?? 's']!);
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(
    argv,
    { ...TARGET_OPTIONS, 'older-than': { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
    USAGE,
    false,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const graceMs = parseDuration(values['older-than']);
  const dryRun = values['dry-run'] ?? false;
  const target = await resolveTarget(values);
  try {
    const gc = new BodyGarbageCollector({ s3: target.s3, ddb: target.ddb, tableName: target.tableName, bodiesBucket: target.bodiesBucket, graceMs, dryRun });
    const s = await gc.run();
    if (values.json) console.log(safeJson(s));
    else {
      for (const key of s.restored) console.log(`restored ${escapeText(key, 200)} (its record started referencing it during the sweep)`);
      for (const f of s.failures) console.log(`error ${escapeText(f.key, 200)}: ${escapeText(f.error, 300)}`);
      console.log(
        `${target.label} s3://${target.bodiesBucket}/bodies/: scanned ${s.scanned}, kept as current ${s.keptCurrent}, ` +
          `kept as too young ${s.keptYoung}, ${dryRun ? 'would delete' : 'deleted'} ${s.deleted} (${s.bytesFreed} bytes${dryRun ? '' : ' freed'}), ` +
          `restored ${s.restored.length}, errors ${s.failures.length}`,
      );
    }
    return s.failures.length > 0 ? 1 : 0;
  } catch (err) {
    return explainTargetError(err, target);
  } finally {
    target.close();
  }
}
