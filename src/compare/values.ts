/**
 * Comparing JSON values from two answers: deep equality, with date-times compared as the instants they
 * name (`2024-01-01T00:00:00.031000Z` is `2024-01-01T00:00:00.031+00:00`), and a stable text for any value.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2})?)$/;

/**
 * The instant a date-time with an offset names, as `<epoch seconds>.<fraction>` with any precision (Python
 * writes microseconds, JavaScript milliseconds); null for anything else, a date-time without an offset
 * included, since it names no single instant.
 */
export function instantOf(text: string): string | null {
  const match = DATE_TIME.exec(text);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction, zulu, sign, offsetHours, offsetMinutes] = match;
  const local = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second ?? 0),
  );
  if (Number.isNaN(local)) return null;
  const offset = zulu ? 0 : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes ?? 0));
  const seconds = local / 1000 - offset * 60;
  const digits = (fraction ?? '').replace(/0+$/, '');
  return `${seconds}.${digits || '0'}`;
}

export interface EqualityOptions {
  /** Compare date-time strings by the instant they name (the default), or as plain text. */
  timesAsInstants: boolean;
}

export function sameScalar(a: Json, b: Json, options: EqualityOptions): boolean {
  if (a === b) return true;
  if (options.timesAsInstants && typeof a === 'string' && typeof b === 'string') {
    const left = instantOf(a);
    return left !== null && left === instantOf(b);
  }
  return false;
}

export function isObject(value: unknown): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deepEqual(a: Json | undefined, b: Json | undefined, options: EqualityOptions): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((value, index) => deepEqual(value, b[index], options));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => key in b && deepEqual(a[key], b[key], options))
    );
  }
  if (a === undefined || b === undefined) return a === b;
  if (Array.isArray(a) || Array.isArray(b) || isObject(a) || isObject(b)) return false;
  return sameScalar(a, b, options);
}

/** JSON with object keys sorted, so equal values have equal text whatever their key order. */
export function canonicalJson(value: Json | undefined): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A value as a short text for a report example. */
export function preview(value: Json | undefined, limit = 240): string {
  const text = value === undefined ? '(absent)' : JSON.stringify(value);
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}
