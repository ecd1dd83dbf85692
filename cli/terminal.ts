/**
 * Terminal output for the `articles` commands: untrusted text made safe to print, aligned
 * tables, and a progress bar that degrades to plain lines when stdout is not a TTY.
 */

/** C0/C1 controls, DEL, line/paragraph separators, and the bidi/zero-width characters that can disguise text. */
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/gu;
/** What JSON.stringify leaves raw but a terminal must not see (it already escapes C0). */
const JSON_UNSAFE_CHARS = /[\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/gu;
const ELLIPSIS = '…';

/** Make untrusted text (keys, titles) printable: controls escaped, never raw ESC/ANSI. */
export function escapeText(text: string, maxLength = Infinity): string {
  const escaped = text.replace(UNSAFE_CHARS, (ch) => {
    const code = ch.codePointAt(0)!;
    if (ch === '\n') return '\\n';
    if (ch === '\t') return '\\t';
    if (ch === '\r') return '\\r';
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
  const chars = [...escaped];
  return chars.length > maxLength ? chars.slice(0, Math.max(0, maxLength - 1)).join('') + ELLIPSIS : escaped;
}

/** JSON for a terminal or a pipe: still valid JSON that parses to the same value, with no raw C1, bidi or separator characters. */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(JSON_UNSAFE_CHARS, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Display width, counting wide (CJK) characters as two columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return width;
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => string | number | null | undefined;
  /** @default 'left' ('right' for numbers) */
  readonly align?: 'left' | 'right';
  /** Cut longer cells. @default 60 */
  readonly max?: number;
}

/** An aligned text table; every cell is escaped. */
export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) =>
    columns.map((c) => {
      const v = c.value(row);
      return escapeText(v === null || v === undefined ? '-' : String(v), c.max ?? 60);
    }),
  );
  const widths = columns.map((c, i) => Math.max(displayWidth(c.header), ...cells.map((r) => displayWidth(r[i] ?? ''))));
  const align = (i: number): 'left' | 'right' => columns[i]?.align ?? (rows.length > 0 && typeof columns[i]?.value(rows[0]!) === 'number' ? 'right' : 'left');
  const line = (r: readonly string[]): string => r.map((cell, i) => pad(cell, widths[i] ?? 0, align(i))).join('  ').trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`;
}

export interface ProgressProps {
  readonly total: number;
  readonly label: string;
  /** @default process.stderr */
  readonly stream?: NodeJS.WriteStream;
  /** @default Date.now */
  readonly now?: () => number;
}

/**
 * done/total, rate and ETA. On a TTY one line redrawn in place; otherwise a plain line per
 * `tick(note)` call that carries a note (so logs stay readable).
 */
export class Progress {
  private done = 0;
  private readonly started: number;
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;
  private readonly now: () => number;

  public constructor(private readonly props: ProgressProps) {
    this.stream = props.stream ?? process.stderr;
    this.tty = Boolean(this.stream.isTTY);
    this.now = props.now ?? Date.now;
    this.started = this.now();
    if (this.tty) this.draw();
  }

  public line(): string {
    const { total, label } = this.props;
    const elapsed = Math.max(0.001, (this.now() - this.started) / 1000);
    const rate = this.done / elapsed;
    const eta = rate > 0 ? (total - this.done) / rate : Infinity;
    const width = 24;
    const filled = total > 0 ? Math.round((this.done / total) * width) : width;
    return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this.done}/${total} ${rate.toFixed(1)}/s ETA ${this.done >= total ? '0s' : formatDuration(eta)}`;
  }

  /** One more item done; `note` is printed as its own line (escaped by the caller). */
  public tick(note?: string): void {
    this.done += 1;
    if (this.tty) {
      if (note) this.stream.write(`\r\u001b[2K${note}\n`);
      this.draw();
    } else if (note) {
      this.stream.write(`${note}\n`);
    }
  }

  public finish(): void {
    if (this.tty) this.stream.write(`\r\u001b[2K${this.line()}\n`);
    else this.stream.write(`${this.line()}\n`);
  }

  private draw(): void {
    this.stream.write(`\r\u001b[2K${this.line()}`);
  }
}

/** What one processed article line shows. */
export interface ArticleLine {
  readonly key: string;
  readonly status: string;
  readonly title: string | null;
  readonly wordCount: number;
  readonly linesRemoved: number;
  readonly ms: number;
  readonly statusReason?: string | null;
}

/** `ok  news/a.txt  "Title"  412 words kept, 9 lines removed, 85 ms` (untrusted parts escaped). */
export function formatArticleLine(a: ArticleLine): string {
  const title = a.title === null ? '(no title)' : `"${escapeText(a.title, 70)}"`;
  const reason = a.status !== 'ok' && a.statusReason ? ` (${escapeText(a.statusReason, 60)})` : '';
  return `${a.status.padEnd(8)} ${escapeText(a.key, 80)}  ${title}  ${a.wordCount} words kept, ${a.linesRemoved} lines removed, ${a.ms} ms${reason}`;
}
