/**
 * A small evaluator of DynamoDB condition expressions, so tests can run the real
 * DynamoArticleStore against an in-memory table that honours the same conditions as
 * DynamoDB. Supports: AND, OR, NOT, parentheses, = <> < <= > >=, BETWEEN,
 * attribute_exists, attribute_not_exists, begins_with; #name and :value placeholders.
 * Anything else throws, so a store change that uses more grammar fails loudly here.
 */

export type Item = Record<string, unknown>;

export class UnsupportedExpressionError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'UnsupportedExpressionError';
  }
}

type Token = { kind: 'punct' | 'op' | 'word'; text: string };

const TOKEN_RE = /\s*(<>|<=|>=|=|<|>|\(|\)|,|[#:]?[A-Za-z0-9_.\-]+)/y;
const OPS = new Set(['=', '<>', '<', '<=', '>', '>=']);

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  let at = 0;
  while (at < expr.length) {
    if (/^\s*$/.test(expr.slice(at))) break;
    TOKEN_RE.lastIndex = at;
    const m = TOKEN_RE.exec(expr);
    if (!m || m[1] === undefined) throw new UnsupportedExpressionError(`cannot tokenize at ${at}: ${expr}`);
    const text = m[1];
    tokens.push({ kind: OPS.has(text) ? 'op' : /^[(),]$/.test(text) ? 'punct' : 'word', text });
    at = TOKEN_RE.lastIndex;
  }
  return tokens;
}

interface Context {
  readonly names: Readonly<Record<string, string>>;
  readonly values: Readonly<Record<string, unknown>>;
  readonly item: Item | undefined;
}

type Operand = { present: boolean; value: unknown };

/** DynamoDB ordering: numbers numerically, strings by UTF-8 bytes; mixed types never compare. */
function compare(a: unknown, b: unknown): number | null {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  return null;
}

function equal(a: unknown, b: unknown): boolean {
  if (typeof a !== typeof b) return false;
  if (typeof a === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

class Parser {
  private pos = 0;

  public constructor(private readonly tokens: Token[], private readonly ctx: Context) {}

  public parse(): boolean {
    const v = this.or();
    if (this.pos !== this.tokens.length) throw new UnsupportedExpressionError(`trailing tokens at ${this.pos}`);
    return v;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private next(): Token {
    const t = this.tokens[this.pos++];
    if (!t) throw new UnsupportedExpressionError('unexpected end of expression');
    return t;
  }

  private expect(text: string): void {
    const t = this.next();
    if (t.text !== text) throw new UnsupportedExpressionError(`expected ${text}, got ${t.text}`);
  }

  private keyword(word: string): boolean {
    const t = this.peek();
    if (t && t.kind === 'word' && t.text.toUpperCase() === word) {
      this.pos++;
      return true;
    }
    return false;
  }

  private or(): boolean {
    let v = this.and();
    while (this.keyword('OR')) {
      const r = this.and();
      v = v || r;
    }
    return v;
  }

  private and(): boolean {
    let v = this.not();
    while (this.keyword('AND')) {
      const r = this.not();
      v = v && r;
    }
    return v;
  }

  private not(): boolean {
    if (this.keyword('NOT')) return !this.not();
    return this.primary();
  }

  private primary(): boolean {
    const t = this.peek();
    if (!t) throw new UnsupportedExpressionError('unexpected end');
    if (t.text === '(') {
      this.pos++;
      const v = this.or();
      this.expect(')');
      return v;
    }
    const fn = t.text.toLowerCase();
    if (t.kind === 'word' && this.tokens[this.pos + 1]?.text === '(') {
      this.pos += 2;
      const first = this.operand();
      let second: Operand | undefined;
      if (this.peek()?.text === ',') {
        this.pos++;
        second = this.operand();
      }
      this.expect(')');
      switch (fn) {
        case 'attribute_exists':
          return first.present;
        case 'attribute_not_exists':
          return !first.present;
        case 'begins_with':
          return first.present && typeof first.value === 'string' && typeof second?.value === 'string' && first.value.startsWith(second.value);
        default:
          throw new UnsupportedExpressionError(`function ${fn}`);
      }
    }
    const left = this.operand();
    if (this.keyword('BETWEEN')) {
      const lo = this.operand();
      if (!this.keyword('AND')) throw new UnsupportedExpressionError('BETWEEN without AND');
      const hi = this.operand();
      if (!left.present) return false;
      const a = compare(left.value, lo.value);
      const b = compare(left.value, hi.value);
      return a !== null && b !== null && a >= 0 && b <= 0;
    }
    const op = this.next();
    if (op.kind !== 'op') throw new UnsupportedExpressionError(`expected comparator, got ${op.text}`);
    const right = this.operand();
    if (!left.present || !right.present) return op.text === '<>' ? left.present !== right.present : false;
    if (op.text === '=') return equal(left.value, right.value);
    if (op.text === '<>') return !equal(left.value, right.value);
    const c = compare(left.value, right.value);
    if (c === null) return false;
    switch (op.text) {
      case '<':
        return c < 0;
      case '<=':
        return c <= 0;
      case '>':
        return c > 0;
      default:
        return c >= 0;
    }
  }

  private operand(): Operand {
    const t = this.next();
    if (t.kind !== 'word') throw new UnsupportedExpressionError(`expected operand, got ${t.text}`);
    if (t.text.startsWith(':')) {
      if (!(t.text in this.ctx.values)) throw new UnsupportedExpressionError(`missing value ${t.text}`);
      return { present: true, value: this.ctx.values[t.text] };
    }
    let value: unknown = this.ctx.item;
    for (const part of t.text.split('.')) {
      const name = part.startsWith('#') ? this.ctx.names[part] : part;
      if (name === undefined) throw new UnsupportedExpressionError(`missing name ${part}`);
      if (value === null || typeof value !== 'object' || !(name in (value as Item))) return { present: false, value: undefined };
      value = (value as Item)[name];
    }
    return { present: value !== undefined, value };
  }
}

/** Evaluates `expr` against `item` (undefined = no such item), as DynamoDB would. */
export function evaluateCondition(
  expr: string,
  item: Item | undefined,
  names: Readonly<Record<string, string>> = {},
  values: Readonly<Record<string, unknown>> = {},
): boolean {
  return new Parser(tokenize(expr), { names, values, item }).parse();
}
