/**
 * A filter applied to in-memory rows as the SQL the manager's `QueryFilterTransformer` builds would be:
 * three-valued logic with NULL, `== null` as IS NULL, `contains`/`like` as LIKE patterns (`%`, `_`,
 * backslash escapes), `ilike` case-insensitive, `in` over a list.
 *
 * Errors read as the manager's: what the parser refuses, then what the transformer raises in Lark's order
 * (children before their rule, left to right), and the database's binding errors, which only surface
 * once the query runs (`executionError`).
 */
import { type Column, comparable, type FieldSpec, type SortValue } from './field-spec.ts';
import { type FilterNode, parseFilterTree } from './filter-parser.ts';
import { bind, driverError, dtparse, enumValue, type Operand, operandOf, pyRepr } from './filter-values.ts';
import { QuerySyntaxError } from './scanner.ts';
import { parsingError, ruleError, unknownField } from './transform-errors.ts';

interface Comparison<T> {
  column: Column<T>;
  op: string;
  value: SortValue | SortValue[];
}

type Compiled<T> =
  | { kind: 'compare'; comparison: Comparison<T> }
  | { kind: 'not'; expr: Compiled<T> }
  | { kind: 'and' | 'or'; left: Compiled<T>; right: Compiled<T> };

/** `binary_expr`: the value transformed per field, the field looked up, the value bound to its column. */
function comparisonOf<T>(
  node: Extract<FilterNode, { rule: 'binary_expr' }>,
  fields: FieldSpec<T>,
  bindErrors: string[],
): Comparison<T> {
  let operand: Operand = operandOf(node.value);
  const field = node.field.text;
  const op = node.op.text;
  const column = fields[field];
  if (!column) throw unknownField('filter', 'binary_expr', field);
  if (column.kind === 'datetime') operand = Array.isArray(operand) ? operand.map(dtparse) : dtparse(operand);
  if (column.kind === 'missing') throw ruleError('filter', 'binary_expr', column.missingText ?? '');
  if (column.kind === 'status' || column.kind === 'imageType') operand = enumValue(column.kind, operand);
  if (op === 'in' && !Array.isArray(operand)) {
    throw ruleError(
      'filter',
      'binary_expr',
      `IN expression list, SELECT construct, or bound parameter object expected, got ${pyRepr(operand)}.`,
    );
  }
  if (Array.isArray(operand) && op !== 'in') {
    bindErrors.push(
      driverError(
        `<class 'asyncpg.exceptions.DataError'>: invalid input for query argument $1: ${pyRepr(operand)} (expected str, got list)`,
      ),
    );
    return { column, op, value: null };
  }
  const leaves = Array.isArray(operand) ? operand : [operand];
  const bound = leaves.map((leaf) => bind(column, leaf));
  for (const { error } of bound) if (error) bindErrors.push(error);
  const values = bound.map((item) => item.value);
  return { column, op, value: Array.isArray(operand) ? values : (values[0] as SortValue) };
}

function compile<T>(node: FilterNode, fields: FieldSpec<T>, bindErrors: string[]): Compiled<T> {
  switch (node.rule) {
    case 'binary_expr':
      return { kind: 'compare', comparison: comparisonOf(node, fields, bindErrors) };
    case 'unary_expr':
      return { kind: 'not', expr: compile(node.expr, fields, bindErrors) };
    case 'paren_expr':
      return compile(node.expr, fields, bindErrors);
    case 'combine_expr': {
      const left = compile(node.left, fields, bindErrors);
      const right = compile(node.right, fields, bindErrors);
      return { kind: node.op.text === '&' ? 'and' : 'or', left, right };
    }
  }
}

/** SQL LIKE: `%` any run, `_` one character, a backslash escapes the next character. */
function likePattern(pattern: string, caseInsensitive: boolean): RegExp {
  const literal = (char: string) => char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i] as string;
    if (char === '\\' && i + 1 < pattern.length) source += literal(pattern[++i] as string);
    else if (char === '%') source += '.*';
    else if (char === '_') source += '.';
    else source += literal(char);
  }
  return new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's');
}

type Truth = boolean | null;

function compareTruth<T>(column: Column<T>, left: SortValue, op: string, right: SortValue): Truth {
  if (op === 'is') return left === right;
  if (op === 'isnot') return left !== right;
  // SQLAlchemy writes `col == None` as IS NULL and `col != None` as IS NOT NULL.
  if (right === null && op === '==') return left === null;
  if (right === null && op === '!=') return left !== null;
  if (left === null || right === null) return null;
  const a = comparable(column, left) as string | number | boolean;
  const b = comparable(column, right) as string | number | boolean;
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case 'contains':
      return likePattern(`%${String(b)}%`, false).test(String(a));
    case 'like':
      return likePattern(String(b), false).test(String(a));
    case 'ilike':
      return likePattern(String(b), true).test(String(a));
    default:
      return null;
  }
}

function evaluate<T>(expr: Compiled<T>, row: T): Truth {
  switch (expr.kind) {
    case 'compare': {
      const { column, op, value } = expr.comparison;
      const left = column.get(row);
      if (!Array.isArray(value)) return compareTruth(column, left, op, value);
      // `col IN (...)`: true on a match, NULL when some item is NULL and none matches.
      let unknown = left === null && value.length > 0;
      for (const item of value) {
        const truth = compareTruth(column, left, '==', item);
        if (truth === true) return true;
        if (truth === null || item === null) unknown = true;
      }
      return unknown ? null : false;
    }
    case 'not': {
      const inner = evaluate(expr.expr, row);
      return inner === null ? null : !inner;
    }
    case 'and': {
      const [left, right] = [evaluate(expr.left, row), evaluate(expr.right, row)];
      return left === false || right === false ? false : left === null || right === null ? null : true;
    }
    case 'or': {
      const [left, right] = [evaluate(expr.left, row), evaluate(expr.right, row)];
      return left === true || right === true ? true : left === null || right === null ? null : false;
    }
  }
}

export interface CompiledFilter<T> {
  test: (row: T) => boolean;
  /** The error the database raises once the query runs (after scope checks), or null. */
  executionError: string | null;
}

/** A filter over rows with these fields, or the manager's error for it. */
export function compileFilter<T>(source: string, fields: FieldSpec<T>): CompiledFilter<T> {
  let tree: FilterNode;
  try {
    tree = parseFilterTree(source);
  } catch (error) {
    if (error instanceof QuerySyntaxError) throw parsingError('filter', error.message);
    throw error;
  }
  const bindErrors: string[] = [];
  const compiled = compile(tree, fields, bindErrors);
  return { test: (row) => evaluate(compiled, row) === true, executionError: bindErrors[0] ?? null };
}
