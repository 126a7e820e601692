/**
 * Parsers for the filter language (`name ilike "%py%" & architecture == "x86_64"`) and the order language
 * (`-created_at,name`). They follow the manager's LALR grammars, including how those read unparenthesised
 * expressions: `&` and `|` have equal precedence and group to the right (`a & b | c` is `a & (b | c)`), and
 * `!` negates everything after it (`!a & b` is `!(a & b)`).
 */
import { BINARY_OPERATORS, type BinaryOperator, type FilterExpr, type OrderItem, type Value } from './ast.ts';
import { MinilangSyntaxError, type Token, tokenize } from './lexer.ts';

const WORD_OPERATORS = new Set<string>(BINARY_OPERATORS.filter((op) => /^[a-z]+$/.test(op)));

class TokenStream {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.index] as Token;
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index += 1;
    return token;
  }

  isSymbol(text: string): boolean {
    const token = this.peek();
    return token.kind === 'symbol' && token.text === text;
  }

  expectSymbol(text: string): void {
    if (!this.isSymbol(text)) this.fail(`"${text}"`);
    this.next();
  }

  fail(expected: string): never {
    const token = this.peek();
    const found = token.kind === 'end' ? 'the end of the expression' : JSON.stringify(token.text);
    throw new MinilangSyntaxError(expected, found, token.column);
  }
}

function unquote(literal: string): string {
  // The manager unescapes only \" (other backslashes stay as they are).
  return literal.slice(1, -1).replaceAll('\\"', '"');
}

function parseValue(tokens: TokenStream): Value {
  const token = tokens.peek();
  if (token.kind === 'string') {
    tokens.next();
    return { kind: 'string', value: unquote(token.text) };
  }
  if (token.kind === 'number') {
    tokens.next();
    return { kind: 'number', value: Number(token.text), text: token.text };
  }
  if (token.kind === 'name' && ['null', 'true', 'false'].includes(token.text)) {
    tokens.next();
    return { kind: 'atom', value: token.text === 'null' ? null : token.text === 'true' };
  }
  if (tokens.isSymbol('[')) {
    tokens.next();
    const items: Value[] = [];
    if (!tokens.isSymbol(']')) {
      items.push(parseValue(tokens));
      while (tokens.isSymbol(',')) {
        tokens.next();
        items.push(parseValue(tokens));
      }
    }
    tokens.expectSymbol(']');
    return { kind: 'array', items };
  }
  return tokens.fail('a value (a string, a number, null, true, false or a [list])');
}

function parseOperator(tokens: TokenStream): BinaryOperator {
  const token = tokens.peek();
  const isOperator =
    (token.kind === 'symbol' && (BINARY_OPERATORS as readonly string[]).includes(token.text)) ||
    (token.kind === 'name' && WORD_OPERATORS.has(token.text));
  if (!isOperator) tokens.fail(`an operator (${BINARY_OPERATORS.join(' ')})`);
  return tokens.next().text as BinaryOperator;
}

function parsePrimary(tokens: TokenStream): FilterExpr {
  if (tokens.isSymbol('(')) {
    tokens.next();
    const inner = parseExpr(tokens);
    tokens.expectSymbol(')');
    return inner;
  }
  const field = tokens.peek();
  if (field.kind !== 'name') tokens.fail('a field name, "!" or "("');
  tokens.next();
  const op = parseOperator(tokens);
  return { kind: 'binary', field: field.text, op, value: parseValue(tokens) };
}

function parseExpr(tokens: TokenStream): FilterExpr {
  if (tokens.isSymbol('!')) {
    tokens.next();
    return { kind: 'not', expr: parseExpr(tokens) };
  }
  const left = parsePrimary(tokens);
  if (tokens.isSymbol('&') || tokens.isSymbol('|')) {
    const op = tokens.next().text as '&' | '|';
    return { kind: 'combine', op, left, right: parseExpr(tokens) };
  }
  return left;
}

export function parseFilter(source: string): FilterExpr {
  const tokens = new TokenStream(tokenize(source));
  const expr = parseExpr(tokens);
  if (tokens.peek().kind !== 'end') tokens.fail('"&", "|" or the end of the expression');
  return expr;
}

export function parseOrder(source: string): OrderItem[] {
  const tokens = new TokenStream(tokenize(source));
  const items: OrderItem[] = [];
  if (tokens.peek().kind === 'end') return items;
  do {
    let descending = false;
    if (tokens.isSymbol('+') || tokens.isSymbol('-')) descending = tokens.next().text === '-';
    const field = tokens.peek();
    if (field.kind !== 'name') tokens.fail('a field name');
    tokens.next();
    items.push({ field: field.text, descending });
  } while (tokens.isSymbol(',') && tokens.next());
  if (tokens.peek().kind !== 'end') tokens.fail('"," or the end of the expression');
  return items;
}
