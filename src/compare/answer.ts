/**
 * One endpoint's answer to one operation, in the form two answers are compared in: the HTTP status, the
 * data, and the GraphQL errors grouped by the path they point at (each by its message and code, the parts
 * a client reads; locations depend on the document, which is the same on both sides).
 */
import type { Json } from './values.ts';
import { isObject } from './values.ts';

/** What came back from an endpoint: an HTTP answer (its body parsed if it is JSON), or no answer at all. */
export type RawAnswer = { status: number; body: string } | { transportError: string };

export interface ErrorEntry {
  /** Where the error points, as GraphQL gives it; undefined for an error of the whole request. */
  path: (string | number)[] | undefined;
  message: Json;
  code: Json;
}

export interface Answer {
  status: number | null;
  /** Why no answer came (connection refused, timeout), or null. */
  transportError: string | null;
  /** The body when it is not a GraphQL answer (not JSON, or neither `data` nor `errors`), else null. */
  otherBody: string | null;
  /** `data` as answered; undefined when the answer has none. */
  data: Json | undefined;
  errors: ErrorEntry[];
}

function errorEntry(error: unknown): ErrorEntry {
  if (!isObject(error)) return { path: undefined, message: error as Json, code: null };
  const path = Array.isArray(error.path)
    ? error.path.filter(
        (step): step is string | number => typeof step === 'string' || typeof step === 'number',
      )
    : undefined;
  const code = isObject(error.extensions) ? (error.extensions.code ?? null) : null;
  return { path, message: error.message ?? null, code };
}

/** Reads a raw answer; never throws, whatever the endpoint sent. */
export function readAnswer(raw: RawAnswer): Answer {
  if ('transportError' in raw) {
    return { status: null, transportError: raw.transportError, otherBody: null, data: undefined, errors: [] };
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.body);
  } catch {
    body = undefined;
  }
  if (!isObject(body) || !('data' in body || 'errors' in body)) {
    const text = raw.body.length > 2000 ? `${raw.body.slice(0, 2000)}…` : raw.body;
    return { status: raw.status, transportError: null, otherBody: text, data: undefined, errors: [] };
  }
  const errors = Array.isArray(body.errors) ? body.errors.map(errorEntry) : [];
  return { status: raw.status, transportError: null, otherBody: null, data: body.data, errors };
}
