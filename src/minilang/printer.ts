/**
 * Writing filter expressions: the gateway builds its upstream filters as syntax trees and prints them here,
 * so a value can never break out of its string literal.
 */
import type { BinaryOperator, FilterExpr, OrderItem, PlainValue, Value } from './ast.ts';

/**
 * A string literal. The language escapes only `"` (as `\"`) and keeps every other backslash as it is,
 * so a value with an odd run of backslashes right before a quote or at its end cannot be written: the
 * string would end early, or read back differently.
 */
export function stringLiteral(text: string): string {
  if (/(?<!\\)(?:\\\\)*\\(?="|$)/.test(text))
    throw new Error(`the filter language cannot express ${JSON.stringify(text)}`);
  if (text.includes('\n')) throw new Error(`the filter language cannot express ${JSON.stringify(text)}`);
  return `"${text.replaceAll('"', '\\"')}"`;
}

/** A number as the manager reads it back: digits with a `.` for fractions, never an exponent. */
export function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`the filter language has no number ${value}`);
  const plain = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(plain);
  if (!match) return plain;
  // Shift the shortest digits JavaScript gives by the exponent, so no binary noise is added.
  const [, sign, lead, rest = '', exponentText] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  const digits = lead + rest;
  const point = 1 + Number(exponentText);
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

export function printValue(value: Value): string {
  switch (value.kind) {
    case 'string':
      return stringLiteral(value.value);
    case 'number':
      return value.text;
    case 'atom':
      return String(value.value);
    case 'array':
      return `[${value.items.map(printValue).join(', ')}]`;
  }
}

function grouped(expr: FilterExpr, bare: FilterExpr['kind'][]): string {
  return bare.includes(expr.kind) ? printFilter(expr) : `(${printFilter(expr)})`;
}

/**
 * Parenthesises wherever the grammar would otherwise group differently: a left operand or a negated
 * expression that is not a plain comparison (`!` reaches to the end), and nested combinations.
 */
export function printFilter(expr: FilterExpr): string {
  switch (expr.kind) {
    case 'binary':
      return `${expr.field} ${expr.op} ${printValue(expr.value)}`;
    case 'not':
      return `!${grouped(expr.expr, ['binary'])}`;
    case 'combine':
      return `${grouped(expr.left, ['binary'])} ${expr.op} ${grouped(expr.right, ['binary', 'not'])}`;
  }
}

export function printOrder(items: OrderItem[]): string {
  return items.map((item) => `${item.descending ? '-' : ''}${item.field}`).join(',');
}

/** Builders for readable construction of filters in code. */
export function literal(value: PlainValue): Value {
  if (Array.isArray(value)) return { kind: 'array', items: value.map(literal) };
  if (typeof value === 'string') return { kind: 'string', value };
  if (typeof value === 'number') return { kind: 'number', value, text: numberText(value) };
  return { kind: 'atom', value };
}

export function compare(field: string, op: BinaryOperator, value: PlainValue): FilterExpr {
  return { kind: 'binary', field, op, value: literal(value) };
}

export function allOf(exprs: FilterExpr[]): FilterExpr | null {
  return exprs.reduceRight<FilterExpr | null>(
    (right, left) => (right ? { kind: 'combine', op: '&', left, right } : left),
    null,
  );
}

export function anyOf(exprs: FilterExpr[]): FilterExpr | null {
  return exprs.reduceRight<FilterExpr | null>(
    (right, left) => (right ? { kind: 'combine', op: '|', left, right } : left),
    null,
  );
}

export function not(expr: FilterExpr): FilterExpr {
  return { kind: 'not', expr };
}
