/** The syntax tree of Backend.AI's filter language, shared by its parser and its printer. */

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
export type BinaryOperator = (typeof BINARY_OPERATORS)[number];

export type Value =
  | { kind: 'string'; value: string }
  /** `text` as written: the manager reads it as a float when it has a `.`, else as an integer. */
  | { kind: 'number'; value: number; text: string }
  | { kind: 'atom'; value: null | boolean }
  | { kind: 'array'; items: Value[] };

export type FilterExpr =
  | { kind: 'binary'; field: string; op: BinaryOperator; value: Value }
  | { kind: 'not'; expr: FilterExpr }
  | { kind: 'combine'; op: '&' | '|'; left: FilterExpr; right: FilterExpr };

export interface OrderItem {
  field: string;
  descending: boolean;
}

/** Plain values as the manager's transformer turns literals into them. */
export type PlainValue = string | number | boolean | null | PlainValue[];

export function plainValue(value: Value): PlainValue {
  return value.kind === 'array' ? value.items.map(plainValue) : value.value;
}
