/**
 * An order text as the manager's `QueryOrderTransformer` reads it: each column looked up in the field
 * spec, left to right, ascending unless marked `-`.
 */
import { type Column, comparable, type FieldSpec, type SortValue } from './field-spec.ts';
import { parseOrderTree } from './order-parser.ts';
import { QuerySyntaxError } from './scanner.ts';
import { parsingError, ruleError, unknownField } from './transform-errors.ts';

export interface OrderItem {
  field: string;
  descending: boolean;
}

/** The order items, each field known to `fields`, or the manager's error. */
export function compileOrder<T>(source: string, fields: FieldSpec<T>): OrderItem[] {
  let columns: ReturnType<typeof parseOrderTree>;
  try {
    columns = parseOrderTree(source);
  } catch (error) {
    if (error instanceof QuerySyntaxError) throw parsingError('ordering', error.message);
    throw error;
  }
  return columns.map(({ direction, name }) => {
    const column = fields[name.text];
    if (!column) throw unknownField('ordering', 'col', name.text);
    if (column.kind === 'missing') throw ruleError('ordering', 'col', column.missingText ?? '');
    return { field: name.text, descending: direction?.text === '-' };
  });
}

/** The sort key function for rows under a field spec. */
export function sortKeyOf<T>(fields: FieldSpec<T>): (row: T, field: string) => SortValue {
  return (row, field) => {
    const column = fields[field] as Column<T>;
    return comparable(column, column.get(row));
  };
}
