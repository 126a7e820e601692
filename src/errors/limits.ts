/**
 * The gateway's own limits on what one request may make it do, each named after the setting that sets it,
 * so a client (or its operator) knows what to narrow or raise. Never a silent truncation.
 */
import type { GraphQLError } from 'graphql';
import { ErrorCode } from './codes.ts';
import { invalidParameters } from './native.ts';
import { backendAIError } from './shape.ts';

/**
 * A listing the gateway must read whole (filters the manager cannot apply, orders of several fields, a
 * superadmin's whole table) holds more rows than `setting` lets one request read.
 */
export function scanLimitExceeded(setting: string, limit: number, rows: number | null): GraphQLError {
  const found = rows === null ? `more than ${limit}` : String(rows);
  return backendAIError(
    'The listing needs more rows than the gateway reads for one request.',
    ErrorCode.ScanLimitExceeded,
    `${found} rows match, ${setting} is ${limit}; narrow the filter, or raise ${setting}`,
  );
}

/** `nodes(ids)` with more ids than `setting` allows: a bad argument, as the native API reports those. */
export function tooManyNodeIds(setting: string, limit: number, given: number): GraphQLError {
  return invalidParameters(`nodes takes at most ${limit} ids (${setting}), got ${given}`);
}
