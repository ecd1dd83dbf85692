/** Argument parsing shared by the `articles` commands: node:util parseArgs, errors as CliError (exit 2). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './errors.ts';

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, usage: string, allowPositionals = true) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (cause) {
    throw new CliError(`${(cause as Error).message}\n${usage}`, 2, { cause });
  }
}

/** A positive integer flag, or the fallback when absent. */
export function positiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new CliError(`${flag} must be a positive integer, got ${JSON.stringify(value)}`, 2);
  return n;
}

/** A port flag (0 = ephemeral). */
export function port(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new CliError(`${flag} must be a port (0-65535), got ${JSON.stringify(value)}`, 2);
  return n;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A --day flag (YYYY-MM-DD, UTC); today when absent and `fallbackToday`. */
export function day(value: string | undefined, fallbackToday: boolean): string | undefined {
  if (value === undefined) return fallbackToday ? new Date().toISOString().slice(0, 10) : undefined;
  if (value === 'today') return new Date().toISOString().slice(0, 10);
  if (!DAY.test(value) || Number.isNaN(Date.parse(value))) throw new CliError(`--day must be YYYY-MM-DD, got ${JSON.stringify(value)}`, 2);
  return value;
}
