/**
 * `articles ingest <files-or-folders>`: upload to the raw bucket of the local stack (default) or
 * a deployed one (--stack), wait for each record, and end with a summary table.
 */
import { parse, positiveInt } from './args.ts';
import { CliError } from './errors.ts';
import { summaryTable } from './local.ts';
import { explainTargetError, resolveTarget, TARGET_OPTIONS, TARGET_USAGE } from './target.ts';
import { escapeText, formatArticleLine, Progress } from './terminal.ts';
import { collectFiles, uploadAndWait } from './upload.ts';

const USAGE = `usage: articles ingest <files-or-folders>... [--prefix P] [--timeout-s N] ${TARGET_USAGE}`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { ...TARGET_OPTIONS, prefix: { type: 'string' }, 'timeout-s': { type: 'string' } }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length === 0) throw new CliError(`nothing to ingest\n${USAGE}`, 2);
  const files = collectFiles(positionals, values.prefix ?? '');
  if (files.length === 0) throw new CliError('no files found in the given paths');
  const timeoutMs = positiveInt(values['timeout-s'], '--timeout-s', 120) * 1000;
  const target = await resolveTarget(values);
  try {
    console.error(`ingesting ${files.length} file(s) into s3://${target.rawBucket}/ (${target.label})`);
    const progress = new Progress({ total: files.length, label: 'ingest' });
    const started = Date.now();
    const results = await uploadAndWait({
      s3: target.s3,
      ddb: target.ddb,
      reader: target.reader,
      tableName: target.tableName,
      bucket: target.rawBucket,
      files,
      timeoutMs,
      onResult: (r) => {
        const a = r.article;
        progress.tick(
          a
            ? formatArticleLine({ key: r.key, status: a.status, title: a.title, wordCount: a.wordCount, linesRemoved: a.removed.length, ms: r.ms, statusReason: a.statusReason })
            : `${r.outcome.padEnd(8)} ${escapeText(r.key, 80)}${r.error ? `: ${escapeText(r.error, 120)}` : ''}`,
        );
      },
    });
    progress.finish();
    console.log(`\n${summaryTable(results)}`);
    const ok = results.filter((r) => r.outcome === 'recorded').length;
    const seconds = (Date.now() - started) / 1000;
    console.log(`\n${ok}/${results.length} recorded in ${seconds.toFixed(1)} s (${(ok / Math.max(seconds, 0.001)).toFixed(1)} articles/s)`);
    return ok === results.length ? 0 : 1;
  } catch (err) {
    return explainTargetError(err, target);
  } finally {
    target.close();
  }
}
