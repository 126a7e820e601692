/**
 * Times as the native API's `DateTime` scalar (strawberry's) writes and reads them: out through Python's
 * `datetime.isoformat()` of a UTC `timestamptz` (`2024-01-08T09:00:00+00:00`, microseconds only when there
 * are any), in through `datetime.fromisoformat()` (a naive time is taken as UTC, as asyncpg sends it).
 */

/** `datetime.isoformat()` of the instant an ISO text names, in UTC. */
export function pythonIsoformat(iso: string): string {
  const time = new Date(iso);
  const whole = time.toISOString().slice(0, 19);
  const milliseconds = time.getUTCMilliseconds();
  const fraction = milliseconds === 0 ? '' : `.${String(milliseconds).padStart(3, '0')}000`;
  return `${whole}${fraction}+00:00`;
}

const ISO_FORMAT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?)?(Z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)?)?$/;

/** `ValueError` text of `fromisoformat`. */
export class IsoformatError extends Error {
  override name = 'IsoformatError';
}

/** `datetime.fromisoformat(text)` as milliseconds since the epoch; naive times are UTC. */
export function parseIsoformat(text: string): number {
  const match = ISO_FORMAT.exec(text);
  if (!match) throw new IsoformatError(`Invalid isoformat string: '${text}'`);
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', offset] = match;
  const local = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    Math.floor(Number(fraction.padEnd(6, '0')) / 1000),
  );
  const check = new Date(local);
  // `Date.UTC` rolls 2024-02-30 over to March; Python refuses it.
  if (check.getUTCDate() !== Number(day) || check.getUTCMonth() !== Number(month) - 1 || Number(hour) > 23)
    throw new IsoformatError(`Invalid isoformat string: '${text}'`);
  return local - offsetMinutes(offset) * 60_000;
}

function offsetMinutes(offset: string | undefined): number {
  if (!offset || offset === 'Z') return 0;
  const digits = offset.slice(1).replaceAll(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
  return offset.startsWith('-') ? -minutes : minutes;
}
