/**
 * The manager's filter grammar (`models/minilang/queryfilter.py`) read into a Lark-style parse tree:
 *
 * ```
 * expr: UNARY_OP expr          -> unary_expr
 *     | CNAME BINARY_OP value  -> binary_expr
 *     | expr COMBINE_OP expr   -> combine_expr
 *     | "(" expr ")"           -> paren_expr
 * value: string | number | array | ATOM -> atom
 * ```
 *
 * The grammar is ambiguous and Lark's LALR parser settles each shift/reduce conflict by shifting, which is
 * what this recursive reading reproduces: `&` and `|` have equal precedence and group to the right
 * (`a & b | c` is `a & (b | c)`), and `!` takes everything after it (`!a & b` is `!(a & b)`). Tokens stay as
 * written; turning them into values is the transformer's work (see filter-values.ts).
 */
import { CNAME, ESCAPED_STRING, literal, Scanner, SIGNED_NUMBER, type Token } from './scanner.ts';

export type ValueNode =
  | { rule: 'string' | 'number' | 'atom'; token: Token }
  | { rule: 'array'; items: ValueNode[] };

export type FilterNode =
  | { rule: 'binary_expr'; field: Token; op: Token; value: ValueNode }
  | { rule: 'unary_expr'; op: Token; expr: FilterNode }
  | { rule: 'combine_expr'; left: FilterNode; op: Token; right: FilterNode }
  | { rule: 'paren_expr'; expr: FilterNode };

const ATOM = literal('ATOM', 'null', 'true', 'false');
const COMBINE_OP = literal('COMBINE_OP', '&', '|');
const UNARY_OP = literal('UNARY_OP', '!');
export const BINARY_OPERATORS = [
  '==',
  '!=',
  '>',
  '>=',
  '<',
  '<=',
  'contains',
  'in',
  'isnot',
  'is',
  'like',
  'ilike',
] as const;
const BINARY_OP = literal('BINARY_OP', ...BINARY_OPERATORS);
const LPAR = literal('LPAR', '(');
const RPAR = literal('RPAR', ')');
const LSQB = literal('LSQB', '[');
const RSQB = literal('RSQB', ']');
const COMMA = literal('COMMA', ',');

/** Every terminal, widest first, for telling a misplaced token from an unknown character. */
const ALL_TERMINALS = [
  CNAME,
  ESCAPED_STRING,
  SIGNED_NUMBER,
  BINARY_OP,
  COMBINE_OP,
  UNARY_OP,
  LPAR,
  RPAR,
  LSQB,
  RSQB,
  COMMA,
];

const VALUE_START = [ESCAPED_STRING, SIGNED_NUMBER, ATOM, LSQB];
const VALUE_EXPECTED = 'a value (a string, a number, null, true, false or a [list])';

function value(scanner: Scanner): ValueNode {
  const token = scanner.expect(VALUE_START, VALUE_EXPECTED);
  switch (token.terminal) {
    case ESCAPED_STRING.name:
      return { rule: 'string', token };
    case SIGNED_NUMBER.name:
      return { rule: 'number', token };
    case ATOM.name:
      return { rule: 'atom', token };
  }
  const items: ValueNode[] = [];
  if (scanner.accept([RSQB])) return { rule: 'array', items };
  items.push(value(scanner));
  while (scanner.accept([COMMA])) items.push(value(scanner));
  scanner.expect([RSQB], '"," or "]"');
  return { rule: 'array', items };
}

/** A comparison or a parenthesised expression: what can stand left of `&`/`|`. */
function operand(scanner: Scanner): FilterNode {
  const first = scanner.expect([CNAME, LPAR], 'a field name, "!" or "("');
  if (first.terminal === LPAR.name) {
    const inner = expression(scanner);
    scanner.expect([RPAR], '")"');
    return { rule: 'paren_expr', expr: inner };
  }
  const op = scanner.expect([BINARY_OP], `an operator (${BINARY_OPERATORS.join(' ')})`);
  return { rule: 'binary_expr', field: first, op, value: value(scanner) };
}

function expression(scanner: Scanner): FilterNode {
  const unary = scanner.accept([UNARY_OP]);
  if (unary) return { rule: 'unary_expr', op: unary, expr: expression(scanner) };
  const left = operand(scanner);
  const combine = scanner.accept([COMBINE_OP]);
  if (!combine) return left;
  return { rule: 'combine_expr', left, op: combine, right: expression(scanner) };
}

/** The parse tree of a filter, or a QuerySyntaxError. */
export function parseFilterTree(source: string): FilterNode {
  const scanner = new Scanner(source, ALL_TERMINALS);
  const tree = expression(scanner);
  scanner.expect([], '"&", "|" or the end of the expression', true);
  return tree;
}
