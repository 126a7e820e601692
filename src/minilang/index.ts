/** Backend.AI's filter and order mini language: parse, print, build. Pure. */
export * from './ast.ts';
export { MinilangSyntaxError, tokenize } from './lexer.ts';
export { parseFilter, parseOrder } from './parser.ts';
export * from './printer.ts';
