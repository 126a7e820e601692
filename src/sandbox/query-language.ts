/**
 * Backend.AI's filter and order languages applied to in-memory rows, as the manager's
 * `QueryFilterTransformer` and `QueryOrderTransformer` turn them into SQL over the columns a field spec
 * names:
 *
 * - comparisons follow SQL: three-valued logic with NULL, `== null` as IS NULL, `contains` and `like` as
 *   LIKE patterns (`%`, `_`, backslash escapes), `ilike` case-insensitive, `in` over a list;
 * - values are read as the transformer reads them: a number is an int unless written with a `.` (so `1e3`
 *   fails), dates go through dateutil, enum fields take a member's value or name;
 * - errors read as the manager's: `Query filter parsing error: ...` for what its parser and transformer
 *   refuse (Lark's `Error trying to process rule "..."` text for the latter, in Lark's order: children
 *   before their rule, left to right), and the database driver's text for values it cannot bind (an `id`
 *   that is not a UUID), raised only when the query runs.
 *
 * Simplified: text compares by code point (C collation; the manager's database usually sorts by a
 * locale); syntax errors are the sandbox's own clear messages rather than Lark's; a value of the wrong
 * type gives one driver error text whatever the operator.
 */
import {
  type FilterExpr,
  MinilangSyntaxError,
  type OrderItem,
  parseFilter,
  parseOrder,
  type Value,
} from '../minilang/index.ts';
import { QueryError, type SortValue } from './pagination.ts';
import { PythonError, pythonUuid } from './python-compat.ts';

/** How a column's values are read and compared. `missing` is a spec entry naming a column that is not there. */
export type ColumnKind = 'text' | 'uuid' | 'bool' | 'datetime' | 'status' | 'imageType' | 'missing';

export interface Column<T> {
  kind: ColumnKind;
  /** The column's value; null is SQL NULL. */
  get: (row: T) => SortValue;
  /** The PostgreSQL type, for the database's own errors. */
  pgType: string;
  /** For `missing`: the attribute error the ORM class raises. */
  missingText?: string;
}

/** The names a filter or order may use, and the columns they stand for. */
export type FieldSpec<T> = Record<string, Column<T>>;

/** A value after the transformer, before binding: text, numbers, SQL constants, parsed dates. */
type Leaf = string | number | boolean | null | { datetime: number };
type Operand = Leaf | Leaf[];

const pyRepr = (value: unknown): string =>
  typeof value === 'string'
    ? `'${value.replaceAll("'", "\\'")}'`
    : Array.isArray(value)
      ? `[${value.map(pyRepr).join(', ')}]`
      : String(value);

/** The Python type of a transformed value (SQL constants are SQLAlchemy's `Null`, `True_`, `False_`). */
function pyTypeName(value: unknown): string {
  if (value === null) return 'Null';
  if (value === true) return 'True_';
  if (value === false) return 'False_';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  return Number.isInteger(value) ? 'int' : 'float';
}

/** What Lark's Transformer reports for an exception inside a rule callback. */
export const ruleError = (what: 'filter' | 'ordering', rule: string, text: string) =>
  new QueryError(`Query ${what} parsing error: Error trying to process rule "${rule}":\n\n${text}`);

const unknownField = (what: 'filter' | 'ordering', rule: string, field: string) =>
  ruleError(what, rule, `('Unknown/unsupported field name', '${field}')`);

/** The transformer's `number`: an int unless the text has a `.`; `1e3` is not an int. */
function numberOf(value: Extract<Value, { kind: 'number' }>): number {
  if (!value.text.includes('.') && /e/i.test(value.text))
    throw ruleError('filter', 'number', `invalid literal for int() with base 10: '${value.text}'`);
  return value.value;
}

function operandOf(value: Value): Operand {
  switch (value.kind) {
    case 'string':
      return value.value;
    case 'number':
      return numberOf(value);
    case 'atom':
      return value.value;
    case 'array':
      return value.items.map((item) => {
        const leaf = operandOf(item);
        // A nested list binds as an array; no column here ever equals one.
        return Array.isArray(leaf) ? null : leaf;
      });
  }
}

/** `dateutil.parser.parse` for the forms clients send: ISO 8601 and RFC 1123; no offset means UTC. */
function dtparse(value: Leaf): Leaf {
  if (typeof value !== 'string')
    throw ruleError(
      'filter',
      'binary_expr',
      `Parser must be a string or character stream, not ${pyTypeName(value)}`,
    );
  const trimmed = value.trim();
  const naiveIso = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(trimmed);
  const text = naiveIso
    ? `${trimmed.replace(' ', 'T')}${trimmed.length === 10 ? 'T00:00:00' : ''}Z`
    : trimmed;
  const time = Date.parse(text);
  if (!trimmed || Number.isNaN(time))
    throw ruleError('filter', 'binary_expr', `Unknown string format: ${value}`);
  return { datetime: time };
}

const STATUSES = ['ALIVE', 'DELETED'];
/** `ImageType` names in declaration order, which is how PostgreSQL orders its enum. */
export const IMAGE_TYPES = ['COMPUTE', 'SYSTEM', 'SERVICE'];

/** `EnumFieldItem`: `enum_cls(val)`, then `enum_cls[val]`, then "Invalid enum value". */
function enumValue(kind: 'status' | 'imageType', value: Operand): string {
  if (Array.isArray(value)) {
    // `ImageStatus(list)` fails softly, then `ImageStatus[list]` cannot hash it; CIStrEnum asserts a str.
    throw ruleError('filter', 'binary_expr', kind === 'status' ? "unhashable type: 'list'" : '');
  }
  if (kind === 'imageType') {
    if (typeof value !== 'string') throw ruleError('filter', 'binary_expr', '');
    const match = IMAGE_TYPES.find((name) => name.toLowerCase() === value.toLowerCase());
    if (!match) throw ruleError('filter', 'binary_expr', `Invalid enum value: ${value}`);
    return match;
  }
  if (typeof value === 'string' && STATUSES.includes(value)) return value;
  const shown = value === null ? 'NULL' : typeof value === 'object' ? '' : String(value);
  throw ruleError('filter', 'binary_expr', `Invalid enum value: ${shown}`);
}

const driverError = (text: string) => `(sqlalchemy.dialects.postgresql.asyncpg.Error) ${text}`;

/** How the database binds a Python value for a column, or the error it raises doing so. */
function bind<T>(column: Column<T>, leaf: Leaf): { value: SortValue; error: string | null } {
  if (leaf === null) return { value: null, error: null };
  if (typeof leaf === 'object') return { value: leaf.datetime, error: null };
  switch (column.kind) {
    case 'uuid':
      if (typeof leaf === 'boolean')
        return { value: null, error: driverError('operator does not exist: uuid = boolean') };
      if (typeof leaf !== 'string')
        return {
          value: null,
          error: `(builtins.AttributeError) '${pyTypeName(leaf)}' object has no attribute 'replace'`,
        };
      try {
        return { value: pythonUuid(leaf), error: null };
      } catch (error) {
        if (error instanceof PythonError)
          return { value: null, error: `(builtins.ValueError) ${error.message}` };
        throw error;
      }
    case 'bool':
      if (typeof leaf === 'boolean') return { value: leaf, error: null };
      // SQLAlchemy's strict Boolean accepts True, False and None, and 1 and 0 compare equal to them.
      if (leaf === 1 || leaf === 0) return { value: leaf === 1, error: null };
      return { value: null, error: `(builtins.TypeError) Not a boolean value: ${pyRepr(leaf)}` };
    default:
      if (typeof leaf === 'string') return { value: leaf, error: null };
      if (typeof leaf === 'boolean')
        return { value: null, error: driverError(`operator does not exist: ${column.pgType} = boolean`) };
      return {
        value: null,
        error: driverError(
          `<class 'asyncpg.exceptions.DataError'>: invalid input for query argument $1: ${pyRepr(leaf)} (expected str, got ${pyTypeName(leaf)})`,
        ),
      };
  }
}

interface Comparison<T> {
  column: Column<T>;
  op: string;
  value: SortValue | SortValue[];
}

type CompiledExpr<T> =
  | { kind: 'binary'; comparison: Comparison<T> }
  | { kind: 'not'; expr: CompiledExpr<T> }
  | { kind: 'combine'; op: '&' | '|'; left: CompiledExpr<T>; right: CompiledExpr<T> };

/** `binary_expr`: the value is read, the field looked up, the value transformed and bound. */
function comparisonOf<T>(
  expr: Extract<FilterExpr, { kind: 'binary' }>,
  fields: FieldSpec<T>,
  bindErrors: string[],
): Comparison<T> {
  let operand = operandOf(expr.value);
  const column = fields[expr.field];
  if (!column) throw unknownField('filter', 'binary_expr', expr.field);
  if (column.kind === 'datetime') operand = Array.isArray(operand) ? operand.map(dtparse) : dtparse(operand);
  if (column.kind === 'missing') throw ruleError('filter', 'binary_expr', column.missingText ?? '');
  if (column.kind === 'status' || column.kind === 'imageType') operand = enumValue(column.kind, operand);
  if (expr.op === 'in' && !Array.isArray(operand)) {
    throw ruleError(
      'filter',
      'binary_expr',
      `IN expression list, SELECT construct, or bound parameter object expected, got ${pyRepr(operand)}.`,
    );
  }
  if (Array.isArray(operand) && expr.op !== 'in') {
    bindErrors.push(
      driverError(
        `<class 'asyncpg.exceptions.DataError'>: invalid input for query argument $1: ${pyRepr(operand)} (expected str, got list)`,
      ),
    );
    return { column, op: expr.op, value: null };
  }
  const leaves = Array.isArray(operand) ? operand : [operand];
  const bound = leaves.map((leaf) => bind(column, leaf));
  for (const { error } of bound) if (error) bindErrors.push(error);
  const values = bound.map((item) => item.value);
  return { column, op: expr.op, value: Array.isArray(operand) ? values : (values[0] as SortValue) };
}

function compile<T>(expr: FilterExpr, fields: FieldSpec<T>, bindErrors: string[]): CompiledExpr<T> {
  switch (expr.kind) {
    case 'binary':
      return { kind: 'binary', comparison: comparisonOf(expr, fields, bindErrors) };
    case 'not':
      return { kind: 'not', expr: compile(expr.expr, fields, bindErrors) };
    case 'combine':
      return {
        kind: 'combine',
        op: expr.op,
        left: compile(expr.left, fields, bindErrors),
        right: compile(expr.right, fields, bindErrors),
      };
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

/** PostgreSQL orders an enum by declaration. */
const comparable = <T>(column: Column<T>, value: SortValue): SortValue =>
  column.kind === 'imageType' && typeof value === 'string' ? IMAGE_TYPES.indexOf(value) : value;

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

function evaluate<T>(expr: CompiledExpr<T>, row: T): Truth {
  switch (expr.kind) {
    case 'binary': {
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
    case 'combine': {
      const left = evaluate(expr.left, row);
      const right = evaluate(expr.right, row);
      if (expr.op === '&')
        return left === false || right === false ? false : left === null || right === null ? null : true;
      return left === true || right === true ? true : left === null || right === null ? null : false;
    }
  }
}

export interface CompiledFilter<T> {
  test: (row: T) => boolean;
  /** The error the database raises once the query runs (after scope checks), or null. */
  executionError: string | null;
}

export function compileFilter<T>(source: string, fields: FieldSpec<T>): CompiledFilter<T> {
  let tree: FilterExpr;
  try {
    tree = parseFilter(source);
  } catch (error) {
    if (error instanceof MinilangSyntaxError)
      throw new QueryError(`Query filter parsing error: ${error.message}`);
    throw error;
  }
  const bindErrors: string[] = [];
  const compiled = compile(tree, fields, bindErrors);
  return { test: (row) => evaluate(compiled, row) === true, executionError: bindErrors[0] ?? null };
}

/** The order items with each field replaced by its column's name in `fields` (what the sort reads). */
export function compileOrder<T>(source: string, fields: FieldSpec<T>): OrderItem[] {
  let items: OrderItem[];
  try {
    items = parseOrder(source);
  } catch (error) {
    if (error instanceof MinilangSyntaxError)
      throw new QueryError(`Query ordering parsing error: ${error.message}`);
    throw error;
  }
  for (const item of items) {
    const column = fields[item.field];
    if (!column) throw unknownField('ordering', 'col', item.field);
    if (column.kind === 'missing') throw ruleError('ordering', 'col', column.missingText ?? '');
  }
  return items;
}

/** The sort key function for rows under a field spec. */
export function sortKeyOf<T>(fields: FieldSpec<T>): (row: T, field: string) => SortValue {
  return (row, field) => {
    const column = fields[field] as Column<T>;
    return comparable(column, column.get(row));
  };
}
