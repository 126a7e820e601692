/**
 * The filter transformer's work on values (`QueryFilterTransformer`), then what the database does when it
 * binds them to a column:
 *
 * - literals: a string loses its quotes and only `\"` is unescaped; a number is an int unless written with
 *   a `.` (so `1e3` fails in rule "number"); `null`/`true`/`false` are SQL constants; a list stays a list;
 * - per field: dates go through dateutil (`created_at`), enum fields take a member's value or name;
 * - binding: text, UUIDs and booleans as the driver takes them, or the driver's error text, raised only
 *   once the query runs.
 */
import { PythonError, pythonUuid } from '../python-compat.ts';
import type { Column, SortValue } from './field-spec.ts';
import { IMAGE_TYPES } from './field-spec.ts';
import type { ValueNode } from './filter-parser.ts';
import { ruleError } from './transform-errors.ts';

/** A value after the transformer, before binding: text, numbers, SQL constants, parsed dates. */
export type Leaf = string | number | boolean | null | { datetime: number };
export type Operand = Leaf | Leaf[];

export const pyRepr = (value: unknown): string =>
  typeof value === 'string'
    ? `'${value.replaceAll("'", "\\'")}'`
    : Array.isArray(value)
      ? `[${value.map(pyRepr).join(', ')}]`
      : String(value);

/** The Python type of a transformed value (SQL constants are SQLAlchemy's `Null`, `True_`, `False_`). */
export function pyTypeName(value: unknown): string {
  if (value === null) return 'Null';
  if (value === true) return 'True_';
  if (value === false) return 'False_';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  return Number.isInteger(value) ? 'int' : 'float';
}

/** `number`: `float(n)` when the text has a `.`, else `int(n)`, which refuses an exponent. */
function numberOf(text: string): number {
  if (text.includes('.')) return Number.parseFloat(text);
  if (!/^[+-]?\d+$/.test(text))
    throw ruleError('filter', 'number', `invalid literal for int() with base 10: '${text}'`);
  return Number.parseInt(text, 10);
}

/** The transformed value of a `value` subtree. A nested list is kept as null: no column equals one. */
export function operandOf(node: ValueNode): Operand {
  switch (node.rule) {
    case 'string':
      return node.token.text.slice(1, -1).replaceAll('\\"', '"');
    case 'number':
      return numberOf(node.token.text);
    case 'atom':
      return node.token.text === 'null' ? null : node.token.text === 'true';
    case 'array':
      return node.items.map((item) => {
        const leaf = operandOf(item);
        return Array.isArray(leaf) ? null : leaf;
      });
  }
}

/** `dateutil.parser.parse` for the forms clients send: ISO 8601 and RFC 1123; no offset means UTC. */
export function dtparse(value: Leaf): Leaf {
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

/** `EnumFieldItem`: `enum_cls(val)`, then `enum_cls[val]`, then "Invalid enum value". */
export function enumValue(kind: 'status' | 'imageType', value: Operand): string {
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

export const driverError = (text: string) => `(sqlalchemy.dialects.postgresql.asyncpg.Error) ${text}`;

/** How the database binds a Python value for a column, or the error it raises doing so. */
export function bind<T>(column: Column<T>, leaf: Leaf): { value: SortValue; error: string | null } {
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
    case 'number':
      if (typeof leaf === 'number') return { value: leaf, error: null };
      if (typeof leaf === 'boolean')
        return { value: null, error: driverError(`operator does not exist: ${column.pgType} = boolean`) };
      return {
        value: null,
        error: driverError(
          `<class 'asyncpg.exceptions.DataError'>: invalid input for query argument $1: ${pyRepr(leaf)} (expected a number, got ${pyTypeName(leaf)})`,
        ),
      };
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
