/**
 * Lexing as Lark's contextual lexer does it for the manager's filter and order grammars: the parser asks
 * for the next token among the terminals its state allows, so a word is a field name where a field name is
 * expected and an operator or a constant elsewhere (`in == 1` compares a field called `in`, and
 * `name isnotnull` reads as `name isnot null`). The terminals are Lark's `common` ones: CNAME, ESCAPED_STRING,
 * SIGNED_NUMBER, and WS (space, tab, form feed, CR and LF only) between tokens.
 *
 * When no allowed terminal matches, the error says what was expected and what is there: a token of some
 * other terminal, the end of the expression, or a character no terminal starts with.
 */

export interface Terminal {
  name: string;
  /** A sticky pattern. */
  pattern: RegExp;
  /** How an error message names it. */
  label: string;
}

export interface Token {
  terminal: string;
  text: string;
  /** 1-based column of the first character. */
  column: number;
}

export class QuerySyntaxError extends Error {
  override name = 'QuerySyntaxError';
  constructor(expected: string, found: string, column: number) {
    super(`Expected ${expected} at column ${column}, found ${found}`);
  }
}

/** An alternation of literals, longest first, as Lark compiles a terminal of several strings. */
function literals(...texts: string[]): RegExp {
  const escaped = [...texts]
    .sort((a, b) => b.length - a.length)
    .map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?:${escaped.join('|')})`, 'y');
}

const terminal = (name: string, pattern: RegExp, label: string): Terminal => ({ name, pattern, label });

export const CNAME = terminal('CNAME', /[A-Za-z_][A-Za-z0-9_]*/y, 'a field name');
// A quote, then anything on the line up to a quote that follows an even run of backslashes.
export const ESCAPED_STRING = terminal('ESCAPED_STRING', /"(?:\\[^\n]|[^"\\\n])*"/y, 'a string');
// INT, DECIMAL (`1.`, `.5`, `1.5`) and FLOAT (`1e3`, `1.5E-2`), with an optional sign.
export const SIGNED_NUMBER = terminal(
  'SIGNED_NUMBER',
  /[+-]?(?:(?:\d+\.\d*|\.\d+)(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+|\d+)/y,
  'a number',
);
export const literal = (name: string, ...texts: string[]): Terminal =>
  terminal(name, literals(...texts), texts.length === 1 ? `"${texts[0]}"` : texts.join(' '));

const WS = /[ \t\f\r\n]+/y;
export const END = '$END';

export class Scanner {
  private position = 0;

  constructor(
    private readonly source: string,
    /** Every terminal of the grammar, to tell a misplaced token from an unknown character. */
    private readonly grammar: readonly Terminal[],
  ) {}

  private skipWhitespace(): void {
    WS.lastIndex = this.position;
    if (WS.exec(this.source)) this.position = WS.lastIndex;
  }

  private match(candidates: readonly Terminal[]): Token | null {
    for (const candidate of candidates) {
      candidate.pattern.lastIndex = this.position;
      const found = candidate.pattern.exec(this.source);
      if (found) return { terminal: candidate.name, text: found[0], column: this.position + 1 };
    }
    return null;
  }

  /** The next token if it is one of `allowed` (the end of input counts when `allowEnd`), else null. */
  accept(allowed: readonly Terminal[], allowEnd = false): Token | null {
    this.skipWhitespace();
    if (this.position >= this.source.length)
      return allowEnd ? { terminal: END, text: '', column: this.position + 1 } : null;
    const token = this.match(allowed);
    if (token) this.position += token.text.length;
    return token;
  }

  /** The next token, which must be one of `allowed`; `expected` names them in the error. */
  expect(allowed: readonly Terminal[], expected: string, allowEnd = false): Token {
    const token = this.accept(allowed, allowEnd);
    if (token) return token;
    return this.fail(expected);
  }

  fail(expected: string): never {
    this.skipWhitespace();
    const column = this.position + 1;
    if (this.position >= this.source.length)
      throw new QuerySyntaxError(expected, 'the end of the expression', column);
    const other = this.match(this.grammar);
    if (other) throw new QuerySyntaxError(expected, JSON.stringify(other.text), column);
    throw new QuerySyntaxError(
      'a token',
      `the character ${JSON.stringify(this.source[this.position])}`,
      column,
    );
  }
}
