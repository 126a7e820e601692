/**
 * The texts of the manager's parsing errors. Lark wraps an exception raised inside a transformer callback
 * as `Error trying to process rule "<rule>"`, and the manager prefixes `Query filter parsing error: ` or
 * `Query ordering parsing error: ` to anything Lark raises.
 */
import { QueryError } from '../errors.ts';

export type Language = 'filter' | 'ordering';

export const parsingError = (what: Language, text: string) =>
  new QueryError(`Query ${what} parsing error: ${text}`);

export const ruleError = (what: Language, rule: string, text: string) =>
  parsingError(what, `Error trying to process rule "${rule}":\n\n${text}`);

export const unknownField = (what: Language, rule: string, field: string) =>
  ruleError(what, rule, `('Unknown/unsupported field name', '${field}')`);
