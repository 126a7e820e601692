/** How pydantic (26.3's request models) reports what it refuses, and reads what it lets through. */
import { ManagerError } from '../errors.ts';

export type PydanticError = { loc: string; msg: string; type: string; input: string };

/** pydantic's `ValidationError` text, which the manager puts in `msg`. */
export function validationError(model: string, errors: PydanticError[]) {
  const lines = [`${errors.length} validation error${errors.length === 1 ? '' : 's'} for ${model}`];
  for (const error of errors) {
    lines.push(
      error.loc,
      `  ${error.msg} [type=${error.type}, input_value=${error.input}, input_type=${inputType(error.input)}]`,
    );
    lines.push(`    For further information visit https://errors.pydantic.dev/2.11/v/${error.type}`);
  }
  return new ManagerError('invalidParameters', lines.join('\n'));
}

function inputType(repr: string): string {
  if (repr.startsWith("'")) return 'str';
  if (repr.startsWith('{')) return 'dict';
  if (repr.startsWith('[')) return 'list';
  if (repr === 'None') return 'NoneType';
  if (repr === 'True' || repr === 'False') return 'bool';
  return repr.includes('.') ? 'float' : 'int';
}

/** Python's `repr` of a JSON value, as pydantic shows an input. */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return `'${value.replaceAll("'", "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`)
      .join(', ')}}`;
  return String(value);
}

/** pydantic's (lax) int: an int, a whole float, or a string of digits. */
export function laxInt(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return Number(value);
  return null;
}
