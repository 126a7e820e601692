/**
 * Tokens of the filter and order languages, with the same lexical rules as the manager's Lark grammars
 * (CNAME names, ESCAPED_STRING strings, SIGNED_NUMBER numbers, whitespace ignored).
 */
export type TokenKind = 'name' | 'string' | 'number' | 'symbol' | 'end';

export interface Token {
  kind: TokenKind;
  text: string;
  /** 1-based column of the token's first character. */
  column: number;
}

/** A syntax error: what was expected and what was found, at a 1-based column. */
export class MinilangSyntaxError extends Error {
  override name = 'MinilangSyntaxError';
  constructor(
    readonly expected: string,
    readonly found: string,
    readonly column: number,
  ) {
    super(`Expected ${expected} at column ${column}, found ${found}`);
  }
}

const PATTERNS: [TokenKind, RegExp][] = [
  // ESCAPED_STRING: up to the first quote after an even run of backslashes, on one line.
  ['string', /"(?:\\[^\n]|[^"\\\n])*"/y],
  ['number', /[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y],
  ['name', /[A-Za-z_][A-Za-z0-9_]*/y],
  ['symbol', /==|!=|>=|<=|[><!&|()[\],+-]/y],
];

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < source.length) {
    const whitespace = /\s+/y;
    whitespace.lastIndex = index;
    if (whitespace.exec(source)) {
      index = whitespace.lastIndex;
      continue;
    }
    const token = PATTERNS.map(([kind, pattern]) => {
      pattern.lastIndex = index;
      const match = pattern.exec(source);
      return match ? { kind, text: match[0], column: index + 1 } : null;
    }).find((candidate) => candidate !== null);
    if (!token)
      throw new MinilangSyntaxError('a token', `the character ${JSON.stringify(source[index])}`, index + 1);
    tokens.push(token);
    index += token.text.length;
  }
  tokens.push({ kind: 'end', text: '', column: source.length + 1 });
  return tokens;
}
