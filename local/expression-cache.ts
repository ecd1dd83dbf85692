/**
 * A parse cache for dynalite's condition expressions. dynalite parses every ConditionExpression
 * with a backtracking PEG parser: the article store's write condition (two levels of
 * parentheses) takes ~6 ms per PutItem, most of dynalite's CPU per article. The expression is the
 * same on every write; only the values differ.
 *
 * A parse depends on the expression, the attribute names, and the attribute values; of the
 * values, every check but two looks at their types only (the exceptions, BETWEEN's bound order
 * and attribute_type's type name, read the values: those expressions are never cached). So a
 * successful parse is cached under (expression, names, value types), and a hit is the cached tree
 * with the template's value objects swapped for this request's, plus the parse's one side
 * effect: the names and values it used are deleted from `unusedAttrNames` / `unusedAttrVals`.
 * An expression whose tree does not hold each used value by identity is not cached (the swap
 * would miss one), so a parser that copied values would only make the cache inert.
 */

/** What dynalite's validations pass as `options.context`. */
export interface ParseContext {
  readonly attrNames?: Record<string, string>;
  readonly attrVals?: Record<string, object>;
  readonly unusedAttrNames?: Record<string, unknown>;
  readonly unusedAttrVals?: Record<string, unknown>;
  readonly isKeyCondition?: boolean;
}

/** A PEG.js parser module (dynalite/db/conditionParser). */
export interface ExpressionParser {
  parse(input: string, options: { context: ParseContext }): unknown;
}

/** Expressions whose parse reads attribute values, not just their types. */
const VALUE_DEPENDENT = /between|attribute_type/i;

/** DynamoDB attribute value types, in dynalite's getImmediateType order. */
const VALUE_TYPES = ['S', 'N', 'B', 'NULL', 'BOOL', 'SS', 'NS', 'BS', 'L', 'M'] as const;

/** Entries kept; the cache is cleared when full (a stack issues a handful of distinct expressions). */
export const EXPRESSION_CACHE_SIZE = 512;

interface Entry {
  readonly tree: unknown;
  /** The value objects of the template request, by name. */
  readonly template: ReadonlyMap<object, string>;
  readonly usedNames: readonly string[];
  readonly usedVals: readonly string[];
}

function typeOf(value: object): string {
  const v = value as Record<string, unknown>;
  return VALUE_TYPES.find((t) => v[t] != null) ?? '?';
}

function cacheKey(input: string, context: ParseContext): string {
  const vals = context.attrVals ?? {};
  return JSON.stringify([
    input,
    context.isKeyCondition === true,
    Object.entries(context.attrNames ?? {}),
    Object.keys(vals).map((k) => [k, typeOf(vals[k]!)]),
  ]);
}

/** Deep copy of `node`, each template value object replaced by `swap`'s; keeps prototypes (dynalite uses null-prototype maps). */
function copyTree(node: unknown, swap: (o: object) => object | undefined): unknown {
  if (node === null || typeof node !== 'object') return node;
  const swapped = swap(node);
  if (swapped !== undefined) return swapped;
  if (Array.isArray(node)) return node.map((n) => copyTree(n, swap));
  const out = Object.create(Object.getPrototypeOf(node) as object | null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(node)) out[k] = copyTree(v, swap);
  return out;
}

/** Whether every object of `used` occurs in `tree` (by identity). */
function holdsByIdentity(tree: unknown, used: ReadonlySet<object>): boolean {
  const found = new Set<object>();
  const walk = (n: unknown): void => {
    if (n === null || typeof n !== 'object') return;
    if (used.has(n)) {
      found.add(n);
      return;
    }
    for (const v of Array.isArray(n) ? n : Object.values(n)) walk(v);
  };
  walk(tree);
  return found.size === used.size;
}

/** A `parse` with the same results and side effects as `parser.parse`, caching as described above. */
export function cachedParse(parser: ExpressionParser, size = EXPRESSION_CACHE_SIZE): ExpressionParser['parse'] {
  const parse = parser.parse.bind(parser);
  const cache = new Map<string, Entry | null>();
  return function cachedExpressionParse(input, options) {
    const context = options.context;
    if (VALUE_DEPENDENT.test(input)) return parse(input, options);
    const key = cacheKey(input, context);
    const hit = cache.get(key);
    if (hit === null) return parse(input, options);
    const vals = context.attrVals ?? {};
    if (hit) {
      for (const n of hit.usedNames) if (context.unusedAttrNames) delete context.unusedAttrNames[n];
      for (const v of hit.usedVals) if (context.unusedAttrVals) delete context.unusedAttrVals[v];
      return copyTree(hit.tree, (o) => {
        const name = hit.template.get(o);
        return name === undefined ? undefined : vals[name];
      });
    }
    const unusedNames = Object.keys(context.unusedAttrNames ?? {});
    const unusedVals = Object.keys(context.unusedAttrVals ?? {});
    const tree = parse(input, options); // throws on a syntax error: nothing cached
    if (typeof tree !== 'object' || tree === null) return tree; // an error message: not cached
    const usedNames = unusedNames.filter((n) => !(n in (context.unusedAttrNames ?? {})));
    const usedVals = unusedVals.filter((v) => !(v in (context.unusedAttrVals ?? {})));
    const template = new Map(usedVals.flatMap((v) => (vals[v] ? [[vals[v], v] as const] : [])));
    if (cache.size >= size) cache.clear();
    // The first parse of an expression is the template: later hits copy its tree.
    const cacheable = template.size === usedVals.length && holdsByIdentity(tree, new Set(template.keys()));
    cache.set(key, cacheable ? { tree: copyTree(tree, (o) => (template.has(o) ? o : undefined)), template, usedNames, usedVals } : null);
    return tree;
  };
}
