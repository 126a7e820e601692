/**
 * `check_date`: the request's `Date` (else `X-BackendAI-Date`, else `X-Sorna-Date`) read as
 * `dateutil.parser.parse` reads it, and accepted within 15 minutes either side of now.
 *
 * The signing key is derived from the date's day as written (`strftime("%Y%m%d")` of the parsed datetime,
 * which keeps the offset it was given in), so `2024-01-09T01:00:00+09:00` signs with 20240109.
 *
 * Simplified: dateutil reads almost any text; the sandbox reads ISO 8601 (basic and extended, with `Z`, an
 * offset or none), RFC 1123 and RFC 850 with a zone name or offset, and asctime. A zone name the manager's
 * table lists is honoured for the common ones below; any other upper-case name is ignored, leaving the time
 * in UTC, as dateutil does with a name it does not know.
 */
import { header, type IncomingRequest } from './incoming-request.ts';

export interface RequestDate {
  /** The instant, in milliseconds since the epoch. */
  instant: number;
  /** `YYYYMMDD` of the date as written. */
  day: string;
}

const HOUR = 60;
/** Offsets in minutes of zone names, as the manager's `whois_timezone_info` gives them. */
const ZONE_OFFSETS: Record<string, number> = {
  Z: 0,
  UT: 0,
  UTC: 0,
  GMT: 0,
  WET: 0,
  WEST: HOUR,
  BST: 6 * HOUR,
  CET: HOUR,
  CEST: 2 * HOUR,
  EET: 2 * HOUR,
  EEST: 3 * HOUR,
  MSK: 3 * HOUR,
  IST: 5.5 * HOUR,
  HKT: 8 * HOUR,
  SGT: 8 * HOUR,
  KST: 9 * HOUR,
  JST: 9 * HOUR,
  AEST: 10 * HOUR,
  AEDT: 11 * HOUR,
  NZST: 12 * HOUR,
  NZDT: 13 * HOUR,
  EST: -5 * HOUR,
  EDT: -4 * HOUR,
  CST: -6 * HOUR,
  CDT: -5 * HOUR,
  MST: -7 * HOUR,
  MDT: -6 * HOUR,
  PST: -8 * HOUR,
  PDT: -7 * HOUR,
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC; 0 when the text names none. */
  offset: number;
}

/** `Z`, `+09:00`, `+0900`, `+09`, or a zone name; undefined for something that is none of these. */
function offsetOf(zone: string | undefined): number | undefined {
  if (!zone) return 0;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric) {
    const minutes = Number(numeric[2]) * HOUR + Number(numeric[3] ?? 0);
    return numeric[1] === '-' ? -minutes : minutes;
  }
  // Zone names are upper case; dateutil refuses `gmt`.
  if (/^[A-Z]+$/.test(zone)) return ZONE_OFFSETS[zone] ?? 0;
  return undefined;
}

const fraction = (digits: string | undefined) => Math.floor(Number(`0.${digits ?? '0'}`) * 1000);

function isoWallTime(text: string): WallTime | null {
  const match =
    /^(\d{4})(-?)(\d{2})\2(\d{2})(?:[T ](\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?)?\s*(Z|[A-Z]{2,5}|[+-]\d{2}(?::?\d{2})?)?$/.exec(
      text,
    );
  if (!match) return null;
  const offset = offsetOf(match[9]);
  if (offset === undefined) return null;
  return {
    year: Number(match[1]),
    month: Number(match[3]),
    day: Number(match[4]),
    hour: Number(match[5] ?? 0),
    minute: Number(match[6] ?? 0),
    second: Number(match[7] ?? 0),
    millisecond: fraction(match[8]),
    offset,
  };
}

function monthOf(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** A two-digit year as dateutil reads it: the century that puts it within 50 years of now. */
function fullYear(text: string): number {
  if (text.length === 4) return Number(text);
  const thisYear = new Date().getUTCFullYear();
  const year = Math.floor(thisYear / 100) * 100 + Number(text);
  return year > thisYear + 50 ? year - 100 : year < thisYear - 50 ? year + 100 : year;
}

/** RFC 1123 (`Mon, 08 Jan 2024 09:00:00 GMT`), RFC 850 (`Monday, 08-Jan-24 ...`) and asctime. */
function httpWallTime(text: string): WallTime | null {
  const rfc =
    /^(?:[A-Za-z]+,?\s+)?(\d{1,2})[\s-]([A-Za-z]{3,9})[\s-](\d{4}|\d{2})\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:\s+(\S+))?$/.exec(
      text,
    );
  if (rfc) {
    const offset = offsetOf(rfc[8]);
    if (offset === undefined) return null;
    return {
      year: fullYear(rfc[3] as string),
      month: monthOf(rfc[2] as string),
      day: Number(rfc[1]),
      hour: Number(rfc[4]),
      minute: Number(rfc[5]),
      second: Number(rfc[6] ?? 0),
      millisecond: fraction(rfc[7]),
      offset,
    };
  }
  const asctime = /^[A-Za-z]+\s+([A-Za-z]{3,9})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(\d{4})$/.exec(
    text,
  );
  if (!asctime) return null;
  return {
    year: Number(asctime[6]),
    month: monthOf(asctime[1] as string),
    day: Number(asctime[2]),
    hour: Number(asctime[3]),
    minute: Number(asctime[4]),
    second: Number(asctime[5]),
    millisecond: 0,
    offset: 0,
  };
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** The instant and day of a date header, or null when it cannot be read. */
export function readRequestDate(raw: string): RequestDate | null {
  const text = raw.trim();
  const wall = isoWallTime(text) ?? httpWallTime(text);
  if (!wall) return null;
  const { year, month, day, hour, minute, second, millisecond, offset } = wall;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const check = new Date(local);
  const valid =
    month >= 1 &&
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month - 1 &&
    check.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  if (!valid) return null;
  return { instant: local - offset * 60_000, day: `${pad(year, 4)}${pad(month, 2)}${pad(day, 2)}` };
}

const FIFTEEN_MINUTES = 15 * 60_000;

export interface CheckedDate extends RequestDate {
  /** The header exactly as sent: it is part of the signed text. */
  raw: string;
}

/** `check_date`: the request's date when there is one and it is within 15 minutes of `now`, else null. */
export function checkDate(request: IncomingRequest, now: number): CheckedDate | null {
  const raw =
    header(request, 'date') || (header(request, 'x-backendai-date') ?? header(request, 'x-sorna-date'));
  if (!raw) return null;
  const date = readRequestDate(raw);
  if (!date || Math.abs(now - date.instant) >= FIFTEEN_MINUTES) return null;
  return { ...date, raw };
}
