/**
 * The `articles` command-line tool. Each command lives in cli/<name>.ts and exports
 * `run(argv: string[]): Promise<number>` (the exit code); this file only dispatches.
 */
import { CliError } from '../cli/errors.ts';

type Command = { summary: string; load: () => Promise<{ run: (argv: string[]) => Promise<number> }> };

const COMMANDS: Record<string, Command> = {
  local: { summary: 'run the pipeline locally (npm start): articles local [--in-memory] [--reset] [--once <files>...]', load: () => import('../cli/local.ts') },
  ingest: { summary: 'upload files and wait for their records: articles ingest <files-or-folders>... [--stack NAME]', load: () => import('../cli/ingest.ts') },
  get: { summary: 'show one article: articles get <articleId | key> [--json] [--stack NAME]', load: () => import('../cli/get.ts') },
  list: { summary: "a day's articles, newest first: articles list [--day YYYY-MM-DD] [--limit N] [--stack NAME]", load: () => import('../cli/list.ts') },
  export: { summary: 'records as JSON lines: articles export [--day YYYY-MM-DD] [--out file.jsonl] [--stack NAME]', load: () => import('../cli/export.ts') },
  reprocess: { summary: 're-clean stored objects with the current cleaner: articles reprocess [--prefix P] [--stack NAME]', load: () => import('../cli/reprocess.ts') },
  clean: { summary: 'clean local files: articles clean <file-or-folder>... [--jsonl]', load: () => import('../cli/clean.ts') },
  'gc-bodies': { summary: 'delete unreferenced offloaded bodies: articles gc-bodies [--older-than 1d] [--dry-run] [--data-dir DIR | --stack NAME]', load: () => import('../cli/gc-bodies.ts') },
  dlq: { summary: 'dead letters: articles dlq list|redrive [--data-dir DIR | --stack NAME] [--id ID]...', load: () => import('../cli/dlq.ts') },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return ['usage: articles <command> [options]', '', 'commands:', ...lines, '', 'add --verbose for stack traces'].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) throw new CliError(`unknown command "${name}"\n${usage()}`, 2);
  const mod = await command.load();
  return mod.run(rest);
}

const argv = process.argv.slice(2);
const verbose = argv.includes('--verbose');
try {
  process.exitCode = await main(argv.filter((a) => a !== '--verbose'));
} catch (err) {
  const e = err as Error & { exitCode?: number };
  console.error(`articles: ${verbose ? (e.stack ?? e.message) : e.message}`);
  process.exitCode = e instanceof CliError ? e.exitCode : 1;
}
