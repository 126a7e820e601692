/**
 * The manager's order grammar (`models/minilang/ordering.py`) read into its parse tree:
 *
 * ```
 * expr: [col ("," col)*]
 * col : ORDER? CNAME        (ORDER is "+" or "-")
 * ```
 *
 * An empty text is an empty order. Whether a name is a known column is the transformer's question.
 */
import { CNAME, literal, Scanner, type Token } from './scanner.ts';

export interface OrderColumnNode {
  /** `+`, `-`, or null when not marked (ascending). */
  direction: Token | null;
  name: Token;
}

const ORDER = literal('ORDER', '+', '-');
const COMMA = literal('COMMA', ',');
const ALL_TERMINALS = [CNAME, ORDER, COMMA];

function column(scanner: Scanner): OrderColumnNode {
  const direction = scanner.accept([ORDER]);
  const name = scanner.expect([CNAME], 'a field name');
  return { direction, name };
}

export function parseOrderTree(source: string): OrderColumnNode[] {
  const scanner = new Scanner(source, ALL_TERMINALS);
  if (scanner.accept([], true)) return [];
  const columns = [column(scanner)];
  while (scanner.accept([COMMA])) columns.push(column(scanner));
  scanner.expect([], '"," or the end of the expression', true);
  return columns;
}
